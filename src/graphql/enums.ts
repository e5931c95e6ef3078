import { registerEnumType } from "type-graphql";
import { Permission } from "../domain/access-roles/permission.js";
import { ScimDeleteMode } from "../domain/companies/company.entity.js";
import { MembershipSource } from "../domain/customer-roles/membership-source.js";
import { UserOrigin } from "../domain/users/user-origin.js";
import { SortDirection } from "./pagination.js";

registerEnumType(Permission, {
  name: "Permission",
  description: "An application permission carried by app-access roles.",
  valuesConfig: {
    CanConfigureCompany: { description: "Change company settings, access roles and the role mapping." },
    CanProvisionUsersAsSCIM: { description: "Call the SCIM API (the IdP's service account)." },
    CanCreateAppPasswords: { description: "Generate and revoke one's own app passwords." },
    CanManageUsers: { description: "Create, change and delete users and customer-supplied roles." },
    CanViewUsers: { description: "Read users, customer-supplied roles and effective access." },
    CanViewAuditLog: { description: "Read the provisioning log and the audit history." },
  },
});

registerEnumType(ScimDeleteMode, {
  name: "ScimDeleteMode",
  description: "What SCIM DELETE /Users/{id} does.",
  valuesConfig: {
    DEACTIVATE: { description: "Set active to false and keep the user for audit (default)." },
    DELETE: { description: "Remove the user." },
  },
});

registerEnumType(MembershipSource, {
  name: "MembershipSource",
  description: "Who owns a membership of a customer-supplied role; SCIM only changes what SCIM owns.",
  valuesConfig: {
    SCIM_GROUP: { description: "A SCIM Group's members." },
    SCIM_ROLES_ATTRIBUTE: { description: "The roles attribute of a SCIM User." },
    UPLOAD: { description: "A file-based user upload." },
    MANUAL: { description: "An admin through GraphQL." },
  },
});

registerEnumType(UserOrigin, {
  name: "UserOrigin",
  description: "How a user arrived in the company; set once, when the user is created.",
  valuesConfig: {
    SCIM: { description: "Provisioned by an identity provider (SCIM POST /Users)." },
    UPLOAD: { description: "Created by a file-based user upload." },
    MANUAL: { description: "Created by an admin (GraphQL, the console, the CLI or the first run)." },
  },
});

registerEnumType(SortDirection, {
  name: "SortDirection",
  description: "Sort order.",
  valuesConfig: { ASC: { description: "Ascending." }, DESC: { description: "Descending." } },
});

export { MembershipSource, Permission, ScimDeleteMode, SortDirection, UserOrigin };
