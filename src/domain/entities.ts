import { AppAccessRole } from "./access-roles/app-access-role.entity.js";
import { DataAccessRole } from "./access-roles/data-access-role.entity.js";
import { RoleMapping } from "./access-roles/role-mapping.entity.js";
import { AppPassword } from "./app-passwords/app-password.entity.js";
import { AuditEvent } from "./audit/audit-event.entity.js";
import { Company, PasswordPolicy } from "./companies/company.entity.js";
import { CustomerRole } from "./customer-roles/customer-role.entity.js";
import { Membership } from "./customer-roles/membership.entity.js";
import { ProvisioningEvent } from "./provisioning/provisioning-event.entity.js";
import { Invitation } from "./invitations/invitation.entity.js";
import { InvitationToken } from "./invitations/invitation-token.entity.js";
import { OutboxMessage } from "./outbox/outbox-message.entity.js";
import { SigningKey } from "./signing-keys/signing-key.entity.js";
import { SamlAssertionUse } from "./sso/saml/saml-assertion-use.entity.js";
import { SamlRequest } from "./sso/saml/saml-request.entity.js";
import { SsoConnection } from "./sso/sso-connection.entity.js";
import { SsoDevelopmentKey } from "./sso/sso-development-key.entity.js";
import { SsoDomain } from "./sso/sso-domain.entity.js";
import { UserEmail } from "./users/user-email.entity.js";
import { User } from "./users/user.entity.js";

/** Every entity, for the ORM configuration (explicit, so no folder scanning at start). */
export const entities = [
  Company,
  PasswordPolicy,
  User,
  UserEmail,
  CustomerRole,
  Membership,
  DataAccessRole,
  AppAccessRole,
  RoleMapping,
  AppPassword,
  ProvisioningEvent,
  AuditEvent,
  SigningKey,
  SamlRequest,
  SamlAssertionUse,
  SsoConnection,
  SsoDomain,
  SsoDevelopmentKey,
  Invitation,
  InvitationToken,
  OutboxMessage,
];
