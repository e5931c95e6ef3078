/** The mapping from customer-supplied roles to access roles. */
export class RoleMappingService {}
