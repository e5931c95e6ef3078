import type { MikroORM } from "@mikro-orm/postgresql";
import type { Logger } from "pino";
import { type AuthAttemptLimits, createAuthAttemptLimits } from "./auth/attempt-limits.js";
import { CredentialChecks } from "./auth/credential-checks.js";
import { Issuer } from "./auth/issuer.js";
import { TokenService } from "./auth/jwt.js";
import { LoginService } from "./auth/login.js";
import type { Config } from "./config.js";
import { AccessRoleService } from "./domain/access-roles/access-role.service.js";
import { EffectiveAccessService } from "./domain/access-roles/effective-access.service.js";
import { RoleMappingService } from "./domain/access-roles/role-mapping.service.js";
import { AppPasswordService } from "./domain/app-passwords/app-password.service.js";
import { CompanyService } from "./domain/companies/company.service.js";
import { AccountService } from "./domain/users/account.service.js";
import { CustomerRoleService } from "./domain/customer-roles/customer-role.service.js";
import { UserService } from "./domain/users/user.service.js";
import { ImpersonationService } from "./domain/impersonation/impersonation.service.js";
import { SigningKeyService } from "./domain/signing-keys/signing-key.service.js";
import { ProvisioningLogService } from "./domain/provisioning/provisioning-log.service.js";
import { ProvisioningEventBatch } from "./domain/provisioning/provisioning-event.batch.js";
import { sqlOf } from "./db/sql.js";
import { applyScimUserPatch } from "./scim/users/user-patch-applier.js";
import { AuditLogService } from "./domain/audit/audit-log.service.js";
import { UsersAndRolesReportService } from "./domain/reports/users-and-roles.report.js";
import { RoleMappingBackupService } from "./domain/access-roles/role-mapping-backup.service.js";
import { UserUploadService } from "./domain/uploads/user-upload.service.js";
import { SsoConnectionService } from "./domain/sso/sso-connection.service.js";
import { SsoDomainService } from "./domain/sso/sso-domain.service.js";
import { SsoSecretBox } from "./domain/sso/sso-secret-box.js";
import { SsoSignInService } from "./domain/sso/sso-sign-in.service.js";
import { SamlConnectionService } from "./domain/sso/saml/saml-connection.service.js";
import { InvitationService } from "./domain/invitations/invitation.service.js";
import { SsoEnforcementService } from "./domain/sso-enforcement/sso-enforcement.service.js";
import { InvitationAcceptance } from "./auth/invitation-acceptance.js";

/**
 * The typed services object, built once by the composition root and handed to the
 * GraphQL context; no global container.
 */
export interface Services {
  orm: MikroORM;
  config: Config;
  /** The `iss` of the tokens and the issuer of the OAuth metadata: JWT_ISSUER, PUBLIC_BASE_URL, or the URL the server listens on. */
  issuer: Issuer;
  tokens: TokenService;
  /** Every comparison of a Client Secret or password, published on /metrics. */
  credentialChecks: CredentialChecks;
  /**
   * The brute-force limits every comparison of a Client Secret or password runs within (SCIM, the
   * token endpoint, login): in memory, or shared through REDIS_URL. The HTTP app opens and closes it.
   */
  authAttempts: AuthAttemptLimits;
  login: LoginService;
  companies: CompanyService;
  /** Company administrators, service accounts and platform operators, as an operator sets them up. */
  accounts: AccountService;
  users: UserService;
  customerRoles: CustomerRoleService;
  accessRoles: AccessRoleService;
  roleMappings: RoleMappingService;
  effectiveAccess: EffectiveAccessService;
  appPasswords: AppPasswordService;
  impersonation: ImpersonationService;
  signingKeys: SigningKeyService;
  provisioningLog: ProvisioningLogService;
  /** ProvisioningEvents of reads and refused requests, written in batches off the request path. */
  provisioningEvents: ProvisioningEventBatch;
  /**
   * How `patchUser` applies a PATCH: the SCIM facade's RFC 7644 semantics and IdP dialects (a
   * UserPatchApplier, as the GraphQL layer that calls it names the shape).
   */
  userPatch: typeof applyScimUserPatch;
  auditLog: AuditLogService;
  usersAndRolesReport: UsersAndRolesReportService;
  roleMappingBackup: RoleMappingBackupService;
  userUploads: UserUploadService;
  /** AES-256-GCM with SSO_SECRET_KEY: connections' client secrets and the state of sign-ins in progress. */
  ssoSecrets: SsoSecretBox;
  /** Single sign-on connections (OIDC and SAML), their client secrets sealed with SSO_SECRET_KEY. */
  ssoConnections: SsoConnectionService;
  /** Email domains claimed for SSO, and the email-first discovery of the console's sign-in. */
  ssoDomains: SsoDomainService;
  /** The end of every SSO sign-in, whatever the protocol: user, refusals, `sso` memberships, audit. */
  ssoSignIn: SsoSignInService;
  /** SAML 2.0 connections: the IdP from its metadata, and rolebridge's service-provider values. */
  samlConnections: SamlConnectionService;
  /** Password invitations: listing, resending, revoking. */
  invitations: InvitationService;
  /** Accepting an invitation through its link, within the brute-force limits of a login. */
  invitationAcceptance: InvitationAcceptance;
  /** The company's SSO-only setting and its break-glass accounts. */
  ssoEnforcement: SsoEnforcementService;
}

export function createServices(
  orm: MikroORM,
  config: Config,
  options: { onRecordError?: (err: unknown, events: number) => void; log?: Logger } = {},
): Services {
  // Each service is built once, here; those that need another are handed this one.
  const signingKeys = new SigningKeyService();
  const issuer = new Issuer(config);
  const tokens = new TokenService(orm, issuer, Math.max(config.SESSION_TTL_SECONDS, config.ACCESS_TOKEN_TTL_SECONDS, 86_400), signingKeys);
  const companies = new CompanyService();
  const users = new UserService();
  const roleMappings = new RoleMappingService();
  const credentialChecks = new CredentialChecks();
  const authAttempts = createAuthAttemptLimits(config, options.log);
  const ssoSecrets = new SsoSecretBox({ configuredKey: config.SSO_SECRET_KEY, allowDevelopmentKey: config.NODE_ENV !== "production" });
  const invitations = new InvitationService();
  return {
    orm,
    config,
    issuer,
    tokens,
    credentialChecks,
    authAttempts,
    login: new LoginService(tokens, credentialChecks, authAttempts, config.SESSION_TTL_SECONDS),
    companies,
    accounts: new AccountService(companies, users),
    users,
    customerRoles: new CustomerRoleService(),
    accessRoles: new AccessRoleService(),
    roleMappings,
    effectiveAccess: new EffectiveAccessService(),
    appPasswords: new AppPasswordService(),
    impersonation: new ImpersonationService(tokens),
    signingKeys,
    provisioningLog: new ProvisioningLogService(),
    provisioningEvents: new ProvisioningEventBatch(() => sqlOf(orm.em), { onError: options.onRecordError }),
    userPatch: applyScimUserPatch,
    auditLog: new AuditLogService(),
    usersAndRolesReport: new UsersAndRolesReportService(),
    roleMappingBackup: new RoleMappingBackupService(roleMappings),
    userUploads: new UserUploadService(users),
    ssoSecrets,
    ssoConnections: new SsoConnectionService(ssoSecrets),
    ssoDomains: new SsoDomainService(),
    ssoSignIn: new SsoSignInService(users),
    samlConnections: new SamlConnectionService(),
    invitations,
    invitationAcceptance: new InvitationAcceptance(invitations, authAttempts),
    ssoEnforcement: new SsoEnforcementService(),
  };
}
