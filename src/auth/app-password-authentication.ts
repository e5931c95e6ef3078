import { prepared, type Sql } from "../db/sql.js";
import { hashesMatch, hashSecret } from "../domain/app-passwords/app-password-secret.js";
import { predecessorRevocationCtes } from "../domain/app-passwords/predecessor-revocation.query.js";
import { DomainError } from "../domain/errors.js";
import type { Principal } from "../domain/principal.js";
import type { CredentialChecks } from "./credential-checks.js";
import { PRINCIPAL_COLUMNS, type PrincipalRow, isUsable, principalOf } from "./principal-loader.js";
import { isUuid } from "../domain/uuid.js";

/** Failure reasons stored in lastFailureReason (shown to admins by `appPasswords`). */
export const AppPasswordFailure = {
  WRONG_SECRET: "wrong client secret",
  REVOKED: "the app password is revoked",
  ACCOUNT_UNUSABLE: "the service account is inactive or no longer exists",
} as const;

/** Last-used times are written at most this often, so authentication rarely writes. */
const LAST_USED_GRANULARITY_SECONDS = 60;
const CLIENT_ID_MAX_LENGTH = 256;

/** Compared against when the Client ID is unknown, so a miss costs the same as a wrong secret. */
const UNKNOWN_CLIENT_HASH = hashSecret("rolebridge: no such client");

/** A refused credential, and whose it was when it named one of a company's app passwords. */
export class CredentialRefused extends DomainError {
  constructor(
    message: string,
    /** The app password the credential named, so the company sees the refusal in its own log. */
    readonly owner?: { companyId: string; appPasswordId: string },
  ) {
    super("UNAUTHENTICATED", message);
  }
}

interface CredentialRow extends PrincipalRow {
  app_password_id: string;
  secret_hash: string;
  revoked_at: Date | null;
}

/**
 * The one statement of an app-password authentication: the credential, the account, the
 * company's SCIM flag and the permissions together; and, when the credential is good and its
 * recorded last use is over a minute old, the new last-use time in the same statement (`touched`),
 * so concurrent requests write it once a minute and most requests write nothing. A rotated
 * credential's successor revokes its predecessor here too, on its first successful use.
 */
function credentialStatement(where: string): string {
  const secretMatches = "($2::text is null or credential.secret_hash = $2::text)";
  return `with credential as (
            select ap.id as app_password_id, ap.client_id, ap.predecessor_id, ap.secret_hash, ap.revoked_at, ${PRINCIPAL_COLUMNS}
              from app_password ap
              join company c on c.id = ap.company_id
              left join user_account u on u.id = ap.user_id and u.company_id = ap.company_id
             where ${where}),
          touched as (
            update app_password ap set last_used_at = now()
              from credential
             where ap.id = credential.app_password_id and ${secretMatches} and credential.revoked_at is null and credential.active
               and (ap.last_used_at is null or ap.last_used_at < now() - interval '${LAST_USED_GRANULARITY_SECONDS} seconds')
             returning ap.id),
          ${predecessorRevocationCtes("credential", secretMatches)}
        select credential.*, exists (select 1 from touched) as touched from credential`;
}

const BY_CLIENT_ID = prepared(credentialStatement("ap.client_id = $1"));
const BY_ISSUED_TOKEN = prepared(credentialStatement("ap.id = $1::uuid and ap.company_id = $3::uuid and ap.user_id = $4::uuid"));

/**
 * Checks a Client ID and secret (HTTP Basic, or the single-string bearer token) and returns the
 * service account's Principal. Nothing about a credential's validity is cached: every request
 * reads the row, so a revoked credential fails on the very next request on every instance.
 * Failures on a known Client ID are recorded for the admin (lastFailureAt/lastFailureReason).
 */
export async function authenticateAppPassword(sql: Sql, checks: CredentialChecks, clientId: string, secret: string): Promise<Principal> {
  const presented = hashSecret(secret);
  const [row] =
    clientId.length > 0 && clientId.length <= CLIENT_ID_MAX_LENGTH ? await sql.query<CredentialRow>(BY_CLIENT_ID, [clientId, presented]) : [];
  // Always run the constant-time comparison, so an unknown Client ID is not revealed by timing.
  const secretOk = hashesMatch(presented, row?.secret_hash ?? UNKNOWN_CLIENT_HASH);
  checks.record("app_password", secretOk && row !== undefined);
  if (!row) throw new CredentialRefused("unknown Client ID or wrong Client Secret");
  const owner = { companyId: row.company_id, appPasswordId: row.app_password_id };
  if (!secretOk) {
    await recordFailure(sql, row.app_password_id, AppPasswordFailure.WRONG_SECRET);
    throw new CredentialRefused("unknown Client ID or wrong Client Secret", owner);
  }
  // Only a caller who knows the secret learns that it was revoked ("provisioning has suddenly
  // stopped" is most often a revoked credential).
  if (row.revoked_at) {
    await recordFailure(sql, row.app_password_id, AppPasswordFailure.REVOKED);
    throw new CredentialRefused("this app password has been revoked; generate a new one and configure it in the IdP", owner);
  }
  return accepted(sql, row, "app-password");
}

/**
 * For an OAuth 2.0 access token issued from an app password (claim `app_password`): the app
 * password must still exist for that account and not be revoked, so revoking it kills every token
 * issued from it on the next request.
 */
export async function authenticateIssuedToken(sql: Sql, appPasswordId: string, ids: { companyId: string; userId: string }): Promise<Principal> {
  if (!isUuid(appPasswordId) || !isUuid(ids.companyId) || !isUuid(ids.userId)) throw new CredentialRefused("the token is not valid");
  const [row] = await sql.query<CredentialRow>(BY_ISSUED_TOKEN, [appPasswordId, null, ids.companyId, ids.userId]);
  if (!row) throw new CredentialRefused("the app password this token was issued from no longer exists");
  if (row.revoked_at) {
    await recordFailure(sql, row.app_password_id, AppPasswordFailure.REVOKED);
    throw new CredentialRefused("the app password this token was issued from has been revoked", { companyId: row.company_id, appPasswordId: row.app_password_id });
  }
  return accepted(sql, row, "oauth-token");
}

async function accepted(sql: Sql, row: CredentialRow, kind: "app-password" | "oauth-token"): Promise<Principal> {
  if (!isUsable(row)) {
    await recordFailure(sql, row.app_password_id, AppPasswordFailure.ACCOUNT_UNUSABLE);
    throw new CredentialRefused("the account is unknown or inactive", { companyId: row.company_id, appPasswordId: row.app_password_id });
  }
  return principalOf(row, { kind, appPasswordId: row.app_password_id });
}

/** Outside any transaction, so the record survives the failed request. */
async function recordFailure(sql: Sql, appPasswordId: string, reason: string): Promise<void> {
  await sql.query("update app_password set last_failure_at = now(), last_failure_reason = $2 where id = $1", [appPasswordId, reason]);
}
