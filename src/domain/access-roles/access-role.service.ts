/** Data-access and app-access roles of a company. */
export class AccessRoleService {}
