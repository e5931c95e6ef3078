import { randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { inSqlTransaction, prepared, sqlOf, timestampOf } from "../../db/sql.js";
import { tokenHashOf } from "../invitations/invitation.service.js";
import { OutboxStatus } from "./outbox-message.entity.js";

/** An invitation email to send now, with the link's token drawn for this attempt. */
export interface OutgoingInvitation {
  /** The RFC 5322 Message-ID, the same for every attempt at this message. */
  messageId: string;
  recipient: string;
  userName: string;
  displayName: string | null;
  companyName: string;
  expiresAt: Date;
  /** 256 random bits, base64url: the only copy, which goes into the email; the database keeps its hash. */
  token: string;
}

/** Sends one message; throws when the message did not go out (it is retried). */
export type Deliver = (mail: OutgoingInvitation) => Promise<void>;

export interface RetryPolicy {
  /** Attempts before a message is given up as failed. */
  maxAttempts: number;
  /** The wait after the first failure; it doubles after each further one. */
  baseDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000 };

/**
 * The oldest due message, locked for this transaction. SKIP LOCKED lets several instances work
 * the outbox at once: a message one of them is sending is invisible to the others until that
 * transaction ends, so no two send it, and one whose sender died is unlocked by PostgreSQL when
 * its connection goes and is picked up again.
 */
const CLAIM = prepared(`select o.id, o.message_id, o.recipient, o.attempts, i.id as invitation_id, i.expires_at,
       i.accepted_at is not null or i.revoked_at is not null or not u.active as closed, clock_timestamp() > i.expires_at as expired,
       u.user_name, u.display_name, c.name as company_name
  from outbox_message o
  join invitation i on i.id = o.invitation_id
  join user_account u on u.id = i.user_id
  join company c on c.id = o.company_id
 where o.status = '${OutboxStatus.PENDING}' and o.next_attempt_at <= clock_timestamp()
 order by o.next_attempt_at, o.id
 limit 1
 for update of o skip locked`);

const ADD_TOKEN = prepared(`insert into invitation_token (token_hash, invitation_id, created_at) values ($1, $2, clock_timestamp())`);
const DONE = prepared(`update outbox_message set status = $2, attempts = attempts + 1, sent_at = clock_timestamp(), last_error = null where id = $1`);
const CLOSE = prepared(`update outbox_message set status = '${OutboxStatus.CANCELLED}', last_error = $2 where id = $1`);
const RETRY = prepared(`update outbox_message set status = $2, attempts = attempts + 1, last_error = $3,
       next_attempt_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000) where id = $1`);

interface ClaimRow {
  id: string;
  message_id: string;
  recipient: string;
  attempts: number;
  invitation_id: string;
  expires_at: string;
  closed: boolean;
  expired: boolean;
  user_name: string;
  display_name: string | null;
  company_name: string;
}

/**
 * Delivers the outbox's messages after the transactions that wrote them have committed, one at a
 * time: the message stays locked while it is sent and is marked sent in the same transaction, so
 * a crash before the mail server accepted it rolls the claim back and the message is sent later,
 * once. The link's token is drawn per attempt and its hash committed before the send, on a
 * connection of its own, so a link that went out always works, even when the process died before
 * recording the send (then the message goes out again, with the same Message-ID and a second
 * working link: the remaining window of at-least-once delivery).
 */
export class OutboxDelivery {
  constructor(
    private readonly em: () => EntityManager,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /**
   * Claims the next due message and delivers it, recording `sentAs` or the failure; false when none
   * was due. When `signal` aborts during the send (shutdown), the claim is rolled back unrecorded,
   * as a crash would leave it, and the message is sent later.
   */
  async deliverNext(deliver: Deliver, sentAs: OutboxStatus.SENT | OutboxStatus.LOGGED, signal?: AbortSignal): Promise<boolean> {
    const em = this.em();
    return inSqlTransaction(em, async (sql) => {
      const [row] = await sql.query<ClaimRow>(CLAIM);
      if (!row) return false;
      if (row.closed || row.expired) {
        await sql.query(CLOSE, [row.id, row.closed ? "the invitation was accepted or revoked, or the user deactivated, before this email went out" : "the invitation expired before this email went out"]);
        return true;
      }
      const token = randomBytes(32).toString("base64url");
      // Committed at once, outside the claim's transaction: see the class comment.
      await sqlOf(em).query(ADD_TOKEN, [tokenHashOf(token), row.invitation_id]);
      try {
        await untilAborted(signal, deliver({
          messageId: row.message_id,
          recipient: row.recipient,
          userName: row.user_name,
          displayName: row.display_name,
          companyName: row.company_name,
          expiresAt: timestampOf(row.expires_at),
          token,
        }));
      } catch (err) {
        if (signal?.aborted) throw err;
        const attempts = row.attempts + 1;
        const failed = attempts >= this.retry.maxAttempts;
        const delay = Math.min(this.retry.baseDelayMs * 2 ** (attempts - 1), this.retry.maxDelayMs);
        await sql.query(RETRY, [row.id, failed ? OutboxStatus.FAILED : OutboxStatus.PENDING, errorText(err), delay]);
        return true;
      }
      await sql.query(DONE, [row.id, sentAs]);
      return true;
    });
  }
}

/** `work`, or a rejection as soon as `signal` aborts. */
function untilAborted(signal: AbortSignal | undefined, work: Promise<void>): Promise<void> {
  if (!signal) return work;
  return new Promise<void>((resolve, reject) => {
    const abort = () => reject(new Error("the send was cut short by shutdown"));
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/** What an administrator is shown of a failed attempt: the SMTP server's answer, never a stack. */
function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 500);
}
