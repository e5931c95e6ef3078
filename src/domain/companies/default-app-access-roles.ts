import { Permission } from "../access-roles/permission.js";

/** The role of a company administrator: configures the company, its users and its role mapping. */
export const COMPANY_ADMINISTRATOR_ROLE = "Company Administrator";

/** The role of the IdP's dedicated service account: calls SCIM and manages its own app password. */
export const SCIM_PROVISIONER_ROLE = "SCIM Provisioner";

/** App-access roles every new company starts with, so its first admin and service account can be set up. */
export const DEFAULT_APP_ACCESS_ROLES: { name: string; description: string; permissions: Permission[] }[] = [
  {
    name: COMPANY_ADMINISTRATOR_ROLE,
    description: "Configures the company, its users, roles and role mapping, and reads the logs.",
    permissions: [Permission.CanConfigureCompany, Permission.CanManageUsers, Permission.CanViewUsers, Permission.CanViewAuditLog],
  },
  {
    name: SCIM_PROVISIONER_ROLE,
    description: "For the IdP's dedicated service account: calls SCIM and manages its own app password.",
    permissions: [Permission.CanProvisionUsersAsSCIM, Permission.CanCreateAppPasswords],
  },
  {
    name: "Viewer",
    description: "Reads users, customer-supplied roles and effective access.",
    permissions: [Permission.CanViewUsers],
  },
];
