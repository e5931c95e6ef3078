import { randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { prepared, sqlOf } from "../../../db/sql.js";

/** How long an AuthnRequest may wait for its Response: a sign-in at the IdP, with MFA, in time. */
const REQUEST_LIFETIME_SECONDS = 600;

/** A pending AuthnRequest, as the ACS takes it back. */
export interface PendingSamlRequest {
  requestId: string;
  connectionId: string;
  returnTo: string | null;
  /** For a test sign-in, the administrator who started it. */
  testerUserId: string | null;
}

const SAVE = prepared(
  `insert into saml_request (id, company_id, request_id, connection_id, return_to, tester_user_id, expires_at, created_at)
   values (gen_random_uuid(), $1, $2, $3, $4, $5, clock_timestamp() + make_interval(secs => $6), clock_timestamp())`,
);

/*
 * Delete-returning makes the take atomic: of two Responses naming one request (a double POST, or a
 * copy sent by someone else), exactly one gets the row. Expired rows of any company go in the same
 * statement, so the table holds only requests still in flight.
 */
const TAKE = prepared(
  `with expired as (delete from saml_request where expires_at <= clock_timestamp() and request_id <> $1)
   delete from saml_request
    where request_id = $1 and company_id = $2 and connection_id = $3 and expires_at > clock_timestamp()
   returning request_id as "requestId", connection_id as "connectionId", return_to as "returnTo", tester_user_id as "testerUserId"`,
);

const CONNECTION_OF = prepared(
  `select connection_id as "connectionId" from saml_request where request_id = $1 and company_id = $2 and expires_at > clock_timestamp()`,
);

/**
 * The AuthnRequests rolebridge has sent and not yet seen answered, in the database so that any
 * instance can receive the Response. Each is taken at most once (SAML 2.0 Profiles §4.1.4.3: the
 * Response's InResponseTo must name a request the SP issued).
 */
export class SamlRequestStore {
  /** A new AuthnRequest ID: an xs:ID must be an NCName, so it cannot start with a digit (SAML 2.0 Core §1.3.4). */
  newRequestId(): string {
    return `_${randomBytes(20).toString("hex")}`;
  }

  async save(em: EntityManager, companyId: string, request: PendingSamlRequest): Promise<void> {
    await sqlOf(em).query(SAVE, [companyId, request.requestId, request.connectionId, request.returnTo, request.testerUserId, REQUEST_LIFETIME_SECONDS]);
  }

  /** The connection a pending request of this company went out through, without taking the request; null when none is pending. */
  async connectionOf(em: EntityManager, companyId: string, requestId: string): Promise<string | null> {
    const rows = await sqlOf(em).query<{ connectionId: string }>(CONNECTION_OF, [requestId, companyId]);
    return rows[0]?.connectionId ?? null;
  }

  /** The pending request `requestId` of this company's connection, removed; null when unknown, already answered or expired. */
  async take(em: EntityManager, companyId: string, connectionId: string, requestId: string): Promise<PendingSamlRequest | null> {
    const rows = await sqlOf(em).query<PendingSamlRequest>(TAKE, [requestId, companyId, connectionId]);
    return rows[0] ?? null;
  }
}
