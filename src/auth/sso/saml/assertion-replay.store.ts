import type { EntityManager } from "@mikro-orm/postgresql";
import { prepared, sqlOf } from "../../../db/sql.js";

const REMEMBER = prepared(
  `with expired as (delete from saml_assertion_use where expires_at <= clock_timestamp())
   insert into saml_assertion_use (id, company_id, connection_id, assertion_id, expires_at, created_at)
   values (gen_random_uuid(), $1, $2, $3, $4, clock_timestamp())
   on conflict (connection_id, assertion_id) do nothing
   returning id`,
);

/**
 * The assertion IDs each connection has accepted, kept until the assertion expires (SAML 2.0
 * Profiles §4.1.4.5). The unique key decides between two concurrent uses of one assertion.
 */
export class AssertionReplayStore {
  /** Records the first use of `assertionId`; false when the connection has seen it before. */
  async firstUse(em: EntityManager, companyId: string, connectionId: string, assertionId: string, expiresAt: Date): Promise<boolean> {
    const rows = await sqlOf(em).query(REMEMBER, [companyId, connectionId, assertionId, expiresAt]);
    return rows.length === 1;
  }
}
