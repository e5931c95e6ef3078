/** Users of the caller's company: create, replace, partial update, activate, delete, find and list. */
export class UserService {}
