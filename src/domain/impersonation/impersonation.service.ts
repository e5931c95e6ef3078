import { recordAudit } from "../audit/audit.service.js";
import { requirePlatformOperator } from "../authorization.js";
import { Company } from "../companies/company.entity.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { User } from "../users/user.entity.js";
import { type UserView, userViewOfEntity } from "../users/user.view.js";
import { isUuid } from "../uuid.js";
import { escapeLike } from "../where.js";

/** Impersonated sessions are short: long enough to look into a support case, short enough to lapse on their own. */
export const IMPERSONATION_TTL_SECONDS = 15 * 60;

const REASON_MAX_LENGTH = 500;

/** Signs session tokens; the token service of the authentication layer, handed in by the composition root. */
export interface SessionSigner {
  sign(
    claims: { sub: string; company: string; typ: "session"; act: { sub: string } },
    ttlSeconds: number,
  ): Promise<{ token: string; expiresAt: Date; jti: string }>;
}

export interface ImpersonatedSession {
  token: string;
  expiresAt: Date;
  user: UserView;
}

/**
 * Platform operators open a session as a company user. The session token carries
 * `act: { sub: <operator id> }` (RFC 8693 §4.1), so every request made in it keeps the operator as
 * `impersonatorUserId` and every audit event it leaves names the operator; what an impersonated
 * session may not do (app passwords, platform operations) is decided where those live.
 */
export class ImpersonationService {
  constructor(private readonly tokens: SessionSigner) {}

  /**
   * The platform operator behind an impersonated session (RFC 8693 `act`), so the impersonated
   * user's screens can name who is really acting; null for any other session. The operator lives
   * in the platform company, outside the caller's tenant, and is read by the id the token carries.
   */
  async impersonatorOf(scope: Scope): Promise<{ id: string; userName: string } | null> {
    const operatorId = scope.principal.impersonatorUserId;
    if (!operatorId || !isUuid(operatorId)) return null;
    const operator = await scope.em.findOne(User, { id: operatorId, isPlatformOperator: true }, { filters: false, fields: ["id", "userName"] });
    return operator ? { id: operator.id, userName: operator.userName } : null;
  }

  /**
   * Opens the session and records it as an AuditEvent (`session.impersonate`) in the target
   * company, in the same transaction: an impersonation that left no record cannot happen.
   */
  async begin(scope: Scope, input: { companyId: string; reason: string } & ({ userId: string } | { userName: string })): Promise<ImpersonatedSession> {
    // Platform staff only, and not from an impersonated session (no chains of actors).
    requirePlatformOperator(scope);
    const reason = input.reason.trim();
    if (!reason) throw DomainError.invalid("reason", "reason must not be empty; say why you open this session (e.g. the support ticket)");
    if (reason.length > REASON_MAX_LENGTH) throw DomainError.invalid("reason", `reason must be at most ${REASON_MAX_LENGTH} characters`);
    if (!isUuid(input.companyId)) throw DomainError.notFound("Company", input.companyId);
    if ("userId" in input && !isUuid(input.userId)) throw DomainError.notFound("User", input.userId);

    return inTransaction(scope, async (em) => {
      // The operator's request is scoped to the platform company; the target lives elsewhere.
      const company = await em.findOne(Company, { id: input.companyId }, { filters: false });
      if (!company) throw DomainError.notFound("Company", input.companyId);
      if (company.isPlatform) throw DomainError.forbidden("platform operators cannot be impersonated");
      // A support case names the user by userName more often than by id; it is unique ignoring
      // case (RFC 7643 §4.1.1), so the lookup ignores case too.
      const user =
        "userId" in input
          ? await em.findOne(User, { id: input.userId, company: company.id }, { filters: false, populate: ["emails"] })
          : await em.findOne(User, { userName: { $ilike: escapeLike(input.userName.trim()) }, company: company.id }, { filters: false, populate: ["emails"] });
      if (!user) throw DomainError.notFound("User", "userId" in input ? input.userId : input.userName);
      if (!user.active) throw DomainError.invalid("userId", `${user.userName} is inactive; an inactive user cannot be impersonated`);

      const operatorId = scope.principal.userId;
      const { token, expiresAt, jti } = await this.tokens.sign(
        { sub: user.id, company: company.id, typ: "session", act: { sub: operatorId } },
        IMPERSONATION_TTL_SECONDS,
      );
      recordAudit(em, scope, {
        companyId: company.id,
        action: "session.impersonate",
        targetType: "User",
        targetId: user.id,
        after: {
          userId: user.id,
          userName: user.userName,
          operatorUserId: operatorId,
          operatorUserName: scope.principal.userName,
          reason,
          sessionId: jti,
          expiresAt: expiresAt.toISOString(),
        },
      });
      return { token, expiresAt, user: userViewOfEntity(user) };
    });
  }
}
