/** Application permissions an AppAccessRole can carry (names as in One Model's SCIM guide). */
export enum Permission {
  /** Change company settings, access roles and the role mapping. */
  CanConfigureCompany = "CanConfigureCompany",
  /** Call the SCIM API (required of the IdP's service account). */
  CanProvisionUsersAsSCIM = "CanProvisionUsersAsSCIM",
  /** Generate and revoke the caller's own app passwords. */
  CanCreateAppPasswords = "CanCreateAppPasswords",
  /** Create, change and delete users and customer-supplied roles through GraphQL. */
  CanManageUsers = "CanManageUsers",
  /** Read users, customer-supplied roles and effective access. */
  CanViewUsers = "CanViewUsers",
  /** Read the provisioning log and the audit history. */
  CanViewAuditLog = "CanViewAuditLog",
}

export const ALL_PERMISSIONS: readonly Permission[] = Object.values(Permission);
