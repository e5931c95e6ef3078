/** Customer-supplied roles and their memberships (set-based, DESIGN rule 5). */
export class CustomerRoleService {}
