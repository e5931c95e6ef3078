import { createHash, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { prepared, type Sql, sqlOf, timestampOf } from "../../db/sql.js";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { CHANGE_TIME } from "../change-time.js";
import { passwordPolicyOf } from "../companies/password-policy.query.js";
import { DomainError } from "../errors.js";
import { systemScope, type Scope } from "../scope.js";
import { inSqlTransaction } from "../unit-of-work.js";
import { checkPasswordPolicy, hashPassword } from "../users/password.js";
import { isUuid } from "../uuid.js";
import { OutboxStatus } from "../outbox/outbox-message.entity.js";
import { invitationAddress, messageIdOf } from "./invitation-policy.js";

/** Who may see, resend and revoke invitations: those who manage users or configure the company. */
export const INVITATION_PERMISSIONS = [Permission.CanManageUsers, Permission.CanConfigureCompany] as const;

/** Where an invitation stands, derived from its times. */
export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

/** An invitation as administrators see it, with its latest email. */
export interface InvitationView {
  id: string;
  userId: string;
  userName: string;
  email: string;
  state: InvitationState;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  message: {
    id: string;
    status: OutboxStatus;
    attempts: number;
    lastError: string | null;
    createdAt: Date;
    sentAt: Date | null;
    nextAttemptAt: Date;
  } | null;
}

/** What accepting an invitation leads to: the account to sign in with. */
export interface AcceptedInvitation {
  companySlug: string;
  userName: string;
}

/** The SHA-256 of an invitation token, which is all that is stored of it. */
export function tokenHashOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

const VIEW_COLUMNS = `i.id, i.user_id, u.user_name, i.email, i.created_at, i.expires_at, i.accepted_at, i.revoked_at, clock_timestamp() > i.expires_at as expired,
       m.id as message_id, m.status, m.attempts, m.last_error, m.created_at as message_created_at, m.sent_at, m.next_attempt_at`;
const VIEW_FROM = `from invitation i
       join user_account u on u.id = i.user_id
       left join lateral (select * from outbox_message o where o.invitation_id = i.id order by o.created_at desc, o.id limit 1) m on true`;

const LIST = prepared(`select ${VIEW_COLUMNS} ${VIEW_FROM} where i.company_id = $1 order by i.created_at desc, i.id limit $2`);
const ONE = prepared(`select ${VIEW_COLUMNS} ${VIEW_FROM} where i.company_id = $1 and i.id = $2`);

interface ViewRow {
  id: string;
  user_id: string;
  user_name: string;
  email: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  expired: boolean;
  message_id: string | null;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  message_created_at: string;
  sent_at: string | null;
  next_attempt_at: string;
}

function viewOf(r: ViewRow): InvitationView {
  const state: InvitationState = r.accepted_at ? "accepted" : r.revoked_at ? "revoked" : r.expired ? "expired" : "pending";
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    email: r.email,
    state,
    createdAt: timestampOf(r.created_at),
    expiresAt: timestampOf(r.expires_at),
    acceptedAt: r.accepted_at ? timestampOf(r.accepted_at) : null,
    revokedAt: r.revoked_at ? timestampOf(r.revoked_at) : null,
    message: r.message_id
      ? {
          id: r.message_id,
          status: r.status,
          attempts: r.attempts,
          lastError: r.last_error,
          createdAt: timestampOf(r.message_created_at),
          sentAt: r.sent_at ? timestampOf(r.sent_at) : null,
          nextAttemptAt: timestampOf(r.next_attempt_at),
        }
      : null,
  };
}

/** The user an invitation is for, locked, with what decides whether they may get one. */
const LOCK_INVITEE = prepared(`select u.id, u.user_name, u.active, u.is_service_account, u.break_glass, u.password_hash is not null as has_password,
       c.sso_enforced, c.invitation_ttl_hours,
       (select coalesce(jsonb_agg(jsonb_build_object('value', e.value, 'primary', e."primary") order by e.position), '[]'::jsonb)
          from user_email e where e.user_id = u.id) as emails
  from user_account u join company c on c.id = u.company_id
 where u.id = $1 and u.company_id = $2 for update of u`);

/** An unknown invitation token: a guess, as far as anyone can tell, which the caller counts against the address. */
function invalidLink(): DomainError {
  return new DomainError("UNAUTHENTICATED", "this invitation link is not valid; ask your administrator for a new invitation", { reason: "INVITATION_INVALID" });
}

/** Messages of an invitation still waiting to go out, which a resend, a revocation or an acceptance makes moot. */
const CANCEL_PENDING = prepared(`update outbox_message set status = '${OutboxStatus.CANCELLED}' where invitation_id = $1 and company_id = $2 and status = '${OutboxStatus.PENDING}'`);

/** Writes an invitation and its email to the outbox, in the caller's transaction. */
export async function insertInvitation(sql: Sql, i: { companyId: string; invitationId: string; userId: string; email: string; ttlHours: number }): Promise<void> {
  await sql.query(
    `insert into invitation (id, company_id, user_id, email, expires_at, created_at) values ($1, $2, $3, $4, ${CHANGE_TIME} + make_interval(hours => $5::int), ${CHANGE_TIME})`,
    [i.invitationId, i.companyId, i.userId, i.email, i.ttlHours],
  );
  await queueInvitationEmail(sql, i.companyId, i.invitationId, i.email);
}

/** An invitation's email, for the outbox worker to send after the caller's transaction commits. */
async function queueInvitationEmail(sql: Sql, companyId: string, invitationId: string, email: string): Promise<void> {
  const messageId = randomUUID();
  await sql.query(
    `insert into outbox_message (id, company_id, invitation_id, recipient, status, attempts, next_attempt_at, message_id, created_at)
     values ($1, $2, $3, $4, '${OutboxStatus.PENDING}', 0, ${CHANGE_TIME}, $5, ${CHANGE_TIME})`,
    [messageId, companyId, invitationId, email, messageIdOf(messageId)],
  );
}

/**
 * Password invitations: the list administrators see, resending and revoking (audited), and
 * accepting through a link. An invitation is written with the user it is for (UserService.create)
 * and its email goes through the outbox; a resend writes a new email and a new expiry, and a token
 * is drawn only when an email is sent (outbox-delivery.ts), so no link is ever stored.
 */
export class InvitationService {
  /** The company's invitations, newest first, each with its latest email. */
  async list(scope: Scope, first = 100): Promise<InvitationView[]> {
    requirePermission(scope, ...INVITATION_PERMISSIONS);
    const rows = await sqlOf(scope.em).query<ViewRow>(LIST, [scope.principal.companyId, Math.min(Math.max(first, 1), 500)]);
    return rows.map(viewOf);
  }

  /**
   * Sends a user's invitation again, with a fresh expiry: the pending one, else a new one (a user
   * created before invitations existed, or whose invitation expired or was revoked). Refused for a
   * user who has a password, cannot sign in with one (SSO only), is inactive, a service account,
   * or has no email address. Emails of the invitation still waiting are cancelled.
   */
  async resend(scope: Scope, userId: string): Promise<InvitationView> {
    requirePermission(scope, ...INVITATION_PERMISSIONS);
    const id = await inSqlTransaction(scope, async (sql) => {
      const [u] = isUuid(userId)
        ? await sql.query<{ id: string; user_name: string; active: boolean; is_service_account: boolean; break_glass: boolean; has_password: boolean; sso_enforced: boolean; invitation_ttl_hours: number; emails: { value: string; primary: boolean }[] }>(LOCK_INVITEE, [userId, scope.principal.companyId])
        : [];
      if (!u) throw DomainError.notFound("User", userId);
      if (u.is_service_account) throw DomainError.invalid("userId", `${u.user_name} is a service account: it gets no invitation`);
      if (!u.active) throw DomainError.invalid("userId", `${u.user_name} is inactive: activate them before inviting them`);
      if (u.has_password) throw DomainError.invalid("userId", `${u.user_name} has a password already: an invitation would let its holder replace it`);
      if (u.sso_enforced && !u.break_glass) {
        throw DomainError.invalid("userId", `the company enforces SSO and ${u.user_name} is not break-glass: they sign in through SSO only`, "SSO_REQUIRED");
      }
      const email = invitationAddress(u.emails);
      if (!email) throw DomainError.invalid("userId", `${u.user_name} has no email address to send an invitation to`);
      const [open] = await sql.query<{ id: string }>(
        `select id from invitation where user_id = $1 and company_id = $2 and accepted_at is null and revoked_at is null order by created_at desc limit 1 for update`,
        [u.id, scope.principal.companyId],
      );
      const invitationId = open?.id ?? randomUUID();
      if (open) {
        await sql.query(CANCEL_PENDING, [open.id, scope.principal.companyId]);
        // The links sent before stop working: only the newest email's link lets the user in.
        await sql.query(`delete from invitation_token where invitation_id = $1`, [open.id]);
        await sql.query(`update invitation set email = $3, expires_at = ${CHANGE_TIME} + make_interval(hours => $4::int) where id = $1 and company_id = $2`, [
          open.id,
          scope.principal.companyId,
          email,
          u.invitation_ttl_hours,
        ]);
        await queueInvitationEmail(sql, scope.principal.companyId, open.id, email);
      } else {
        await insertInvitation(sql, { companyId: scope.principal.companyId, invitationId, userId: u.id, email, ttlHours: u.invitation_ttl_hours });
      }
      recordAudit(sql, scope, { action: "invitation.resend", targetType: "User", targetId: u.id, after: { invitationId, email, newInvitation: !open } });
      return invitationId;
    });
    return this.byId(scope, id);
  }

  /** Revokes an invitation: its links stop working and its emails not yet sent are cancelled. Audited. */
  async revoke(scope: Scope, invitationId: string): Promise<InvitationView> {
    requirePermission(scope, ...INVITATION_PERMISSIONS);
    await inSqlTransaction(scope, async (sql) => {
      const [row] = isUuid(invitationId)
        ? await sql.query<{ user_id: string; accepted_at: string | null; revoked_at: string | null }>(
            `select user_id, accepted_at, revoked_at from invitation where id = $1 and company_id = $2 for update`,
            [invitationId, scope.principal.companyId],
          )
        : [];
      if (!row) throw DomainError.notFound("Invitation", invitationId);
      if (row.accepted_at) throw DomainError.invalid("id", "this invitation was accepted already; there is nothing to revoke", "INVITATION_USED");
      if (row.revoked_at) return;
      await sql.query(`update invitation set revoked_at = ${CHANGE_TIME} where id = $1 and company_id = $2`, [invitationId, scope.principal.companyId]);
      await sql.query(CANCEL_PENDING, [invitationId, scope.principal.companyId]);
      recordAudit(sql, scope, { action: "invitation.revoke", targetType: "User", targetId: row.user_id, after: { invitationId } });
    });
    return this.byId(scope, invitationId);
  }

  async byId(scope: Scope, id: string): Promise<InvitationView> {
    requirePermission(scope, ...INVITATION_PERMISSIONS);
    const [row] = isUuid(id) ? await sqlOf(scope.em).query<ViewRow>(ONE, [scope.principal.companyId, id]) : [];
    if (!row) throw DomainError.notFound("Invitation", id);
    return viewOf(row);
  }

  /**
   * Sets the first password of the user an invitation link is for, and uses the invitation up, in
   * one transaction with its AuditEvent. The link's token is looked up by its hash. An unknown
   * token is UNAUTHENTICATED (a guess, which the caller counts); a known one that expired, was
   * used or revoked is BAD_USER_INPUT naming which. The company's password policy applies, and a
   * user the company now lets in through SSO only cannot accept.
   */
  async accept(em: EntityManager, token: string, password: string): Promise<AcceptedInvitation> {
    const hash = tokenHashOf(token);
    const [found] = await sqlOf(em).query<{ company_id: string }>(
      `select i.company_id from invitation_token t join invitation i on i.id = t.invitation_id where t.token_hash = $1`,
      [hash],
    );
    if (!found) throw invalidLink();
    // The holder of the link acts as the system on this one user; the audit names the user.
    const scope = systemScope(em.fork(), "invitation", found.company_id);
    const passwordHash = await hashPassword(password);
    return inSqlTransaction(scope, async (sql) => {
      const [row] = await sql.query<{
        invitation_id: string;
        user_id: string;
        user_name: string;
        slug: string;
        active: boolean;
        has_password: boolean;
        break_glass: boolean;
        sso_enforced: boolean;
        accepted_at: string | null;
        revoked_at: string | null;
        expired: boolean;
      }>(
        `select i.id as invitation_id, u.id as user_id, u.user_name, c.slug, u.active, u.password_hash is not null as has_password, u.break_glass, c.sso_enforced,
                i.accepted_at, i.revoked_at, clock_timestamp() > i.expires_at as expired
           from invitation_token t join invitation i on i.id = t.invitation_id
           join user_account u on u.id = i.user_id join company c on c.id = i.company_id
          where t.token_hash = $1 and i.company_id = $2
          for update of i, u`,
        [hash, found.company_id],
      );
      if (!row) throw invalidLink();
      if (row.accepted_at || row.has_password) throw DomainError.invalid("token", "this invitation was used already: sign in with the password you set", "INVITATION_USED");
      if (row.revoked_at) throw DomainError.invalid("token", "this invitation was revoked; ask your administrator for a new one", "INVITATION_REVOKED");
      if (row.expired) throw DomainError.invalid("token", "this invitation has expired; ask your administrator to send it again", "INVITATION_EXPIRED");
      if (!row.active) throw DomainError.invalid("token", "this account is inactive; ask your administrator", "INVITATION_REVOKED");
      if (row.sso_enforced && !row.break_glass) {
        throw DomainError.invalid("token", "your company signs in through single sign-on only: no password is needed", "SSO_REQUIRED");
      }
      checkPasswordPolicy(password, await passwordPolicyOf(sql, found.company_id), row.user_name);
      await sql.query(`update invitation set accepted_at = ${CHANGE_TIME} where id = $1`, [row.invitation_id]);
      await sql.query(CANCEL_PENDING, [row.invitation_id, found.company_id]);
      await sql.query(`update user_account set password_hash = $3, version = version + 1, updated_at = ${CHANGE_TIME} where id = $1 and company_id = $2`, [
        row.user_id,
        found.company_id,
        passwordHash,
      ]);
      recordAudit(sql, scope, {
        action: "invitation.accept",
        targetType: "User",
        targetId: row.user_id,
        before: { password: "(write-only)" },
        after: { invitationId: row.invitation_id, password: "(set)" },
      });
      return { companySlug: row.slug, userName: row.user_name };
    });
  }
}

