import type { NonEmptyArray } from "type-graphql";
import { AccessRoleResolver } from "./access-roles/access-role.resolver.js";
import { EffectiveAccessResolver } from "./access-roles/effective-access.resolver.js";
import { RoleMappingResolver } from "./access-roles/role-mapping.resolver.js";
import { AppPasswordResolver } from "./app-passwords/app-password.resolver.js";
import { AuthResolver } from "./auth/auth.resolver.js";
import { ImpersonationResolver } from "./auth/impersonation.resolver.js";
import { PrincipalResolver } from "./auth/principal.resolver.js";
import { UserEffectiveAccessResolver } from "./access-roles/user-effective-access.resolver.js";
import { SigningKeyResolver } from "./signing-keys/signing-key.resolver.js";
import { CompanyResolver } from "./companies/company.resolver.js";
import { CustomerRoleResolver } from "./customer-roles/customer-role.resolver.js";
import { UserCustomerRolesResolver } from "./customer-roles/user-customer-roles.resolver.js";
import { MembershipFieldsResolver } from "./customer-roles/membership.type.js";
import { UserResolver } from "./users/user.resolver.js";
import { UserFieldsResolver } from "./users/user.type.js";
import { ProvisioningResolver } from "./provisioning/provisioning.resolver.js";
import { AuditResolver } from "./audit/audit.resolver.js";
import { AppPasswordFailureResolver } from "./provisioning/app-password-failure.resolver.js";
import { ReportResolver } from "./reports/report.resolver.js";
import { RoleMappingBackupResolver } from "./access-roles/role-mapping-backup.resolver.js";
import { UploadResolver } from "./uploads/upload.resolver.js";
import { SsoConnectionResolver } from "./sso/sso-connection.resolver.js";
import { SamlConnectionResolver } from "./sso/saml-connection.resolver.js";
import { SsoConnectionSamlResolver } from "./sso/sso-connection-saml.resolver.js";
import { InvitationResolver } from "./invitations/invitation.resolver.js";
import { BreakGlassResolver } from "./users/break-glass.resolver.js";

/** Every resolver of the schema. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  ImpersonationResolver,
  PrincipalResolver,
  SigningKeyResolver,
  CompanyResolver,
  UserResolver,
  UserFieldsResolver,
  CustomerRoleResolver,
  MembershipFieldsResolver,
  UserCustomerRolesResolver,
  AccessRoleResolver,
  EffectiveAccessResolver,
  UserEffectiveAccessResolver,
  RoleMappingResolver,
  AppPasswordResolver,
  ProvisioningResolver,
  AuditResolver,
  AppPasswordFailureResolver,
  ReportResolver,
  RoleMappingBackupResolver,
  UploadResolver,
  SsoConnectionResolver,
  SamlConnectionResolver,
  SsoConnectionSamlResolver,
  InvitationResolver,
  BreakGlassResolver,
];
