import { ALL_PERMISSIONS, type Permission } from "./access-roles/permission.js";

/** How the caller proved who they are; `system` is the operator at the database (the CLI, the first run). */
export type CredentialKind = "session" | "app-password" | "oauth-token" | "system";

/** Who acts at system level: the CLI run by whoever holds the database credentials, the first-run set-up, single sign-on (a just-in-time user, the roles an IdP asserted), or an invitation accepted through its link. */
export type SystemActor = "cli" | "first-run" | "sso" | "invitation";

/**
 * Who is calling: resolved once per request by the authentication middleware and passed into
 * every service call. The tenant comes from here and nowhere else, never from a request's body, path or variables.
 */
export interface Principal {
  companyId: string;
  userId: string;
  userName: string;
  permissions: ReadonlySet<Permission>;
  isServiceAccount: boolean;
  isPlatformOperator: boolean;
  /** Whether the principal's company has the SCIM identity management feature on (checked per request). */
  scimEnabled: boolean;
  credential: {
    kind: CredentialKind;
    /** The app password behind an app-password or OAuth token credential. */
    appPasswordId?: string;
  };
  /** The platform operator acting through an impersonated session (RFC 8693 `act`). */
  impersonatorUserId?: string;
}

/** An id no row has: the system principal is no user, and belongs to no company until given one. */
const NO_ID = "00000000-0000-0000-0000-000000000000";

/**
 * The operator acting at system level, through the same services as every other caller. Whoever
 * runs the CLI holds the database credentials, so the principal holds every permission and the
 * platform operator's authority; `companyId` is the company it works in (none: company-level
 * operations only). Its changes are audited as `system:<actor>` with no actor user.
 */
export function systemPrincipal(actor: SystemActor, companyId: string = NO_ID): Principal {
  return {
    companyId,
    userId: NO_ID,
    userName: `system:${actor}`,
    permissions: new Set(ALL_PERMISSIONS),
    isServiceAccount: false,
    isPlatformOperator: true,
    scimEnabled: false,
    credential: { kind: "system" },
  };
}

/** Whether the operator acts (the system principal): no user, so AuditEvents name only `system:<actor>`. */
export function isSystemPrincipal(principal: Principal): boolean {
  return principal.credential.kind === "system";
}
