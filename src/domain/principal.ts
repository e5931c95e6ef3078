import type { Permission } from "./access-roles/permission.js";

/** How the caller proved who they are. */
export type CredentialKind = "session" | "app-password" | "oauth-token";

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
