import { registerEnumType } from "type-graphql";
import { Permission } from "../domain/access-roles/permission.js";
import { ScimDeleteMode } from "../domain/companies/company.entity.js";
import { MembershipSource } from "../domain/customer-roles/membership-source.js";
import { UserOrigin } from "../domain/users/user-origin.js";
import { SortDirection } from "./pagination.js";
import { SsoConnectionStatus, SsoProtocol } from "../domain/sso/sso-connection.entity.js";
import { OutboxStatus } from "../domain/outbox/outbox-message.entity.js";

registerEnumType(OutboxStatus, {
  name: "OutboxStatus",
  description: "Where an email of the outbox stands.",
  valuesConfig: {
    PENDING: { description: "Waiting to be sent, or to be retried after a failed attempt (see nextAttemptAt and lastError)." },
    SENT: { description: "Accepted by the SMTP server." },
    LOGGED: { description: "Not sent: no SMTP_URL is set, and in development its link was written to the server log." },
    FAILED: { description: "Given up after the last retry; lastError says why. Resend the invitation to try again." },
    CANCELLED: { description: "Not sent: the invitation was resent, revoked, accepted or expired first." },
  },
});

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
    SSO: { description: "The groups an IdP asserted at single sign-on, replaced at every sign-in." },
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

registerEnumType(SsoProtocol, {
  name: "SsoProtocol",
  description: "The protocol of a single sign-on connection.",
  valuesConfig: {
    OIDC: { description: "OpenID Connect 1.0 (authorization code flow with PKCE)." },
    SAML: { description: "SAML 2.0 Web Browser SSO, rolebridge as the service provider." },
  },
});

registerEnumType(SsoConnectionStatus, {
  name: "SsoConnectionStatus",
  description: "Where a single sign-on connection is in its life.",
  valuesConfig: {
    DRAFT: { description: "Configured, never tested successfully: only test sign-ins run through it." },
    ACTIVE: { description: "Tested successfully: users sign in through it." },
    DISABLED: { description: "Switched off: every sign-in is refused; a successful test sign-in activates it again." },
  },
});

export { MembershipSource, Permission, ScimDeleteMode, SortDirection, SsoConnectionStatus, SsoProtocol, UserOrigin };
