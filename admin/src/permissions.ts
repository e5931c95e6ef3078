/**
 * Which pages and actions the signed-in user's permissions allow, mirroring the server's checks
 * (the server decides; the console only leaves out what would be refused).
 */
import type { Permission } from "./generated/graphql";

export type Permissions = readonly Permission[];

const any = (held: Permissions, ...wanted: Permission[]) => wanted.some((p) => held.includes(p));

export const can = {
  viewUsers: (p: Permissions) => any(p, "CanViewUsers", "CanManageUsers", "CanProvisionUsersAsSCIM", "CanConfigureCompany"),
  manageUsers: (p: Permissions) => any(p, "CanManageUsers", "CanProvisionUsersAsSCIM", "CanConfigureCompany"),
  viewAccessRoles: (p: Permissions) => any(p, "CanConfigureCompany", "CanViewUsers", "CanViewAuditLog"),
  configure: (p: Permissions) => any(p, "CanConfigureCompany"),
  viewLogs: (p: Permissions) => any(p, "CanConfigureCompany", "CanViewAuditLog"),
  viewScimIntegration: (p: Permissions) => any(p, "CanConfigureCompany", "CanCreateAppPasswords"),
};
