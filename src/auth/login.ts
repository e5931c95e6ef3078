import type { EntityManager } from "@mikro-orm/postgresql";
import { Company } from "../domain/companies/company.entity.js";
import { DomainError } from "../domain/errors.js";
import { verifyPassword } from "../domain/users/password.js";
import { User } from "../domain/users/user.entity.js";
import { type UserView, userViewOfEntity } from "../domain/users/user.view.js";
import type { AuthAttemptLimits } from "./attempt-limits.js";
import type { CredentialChecks } from "./credential-checks.js";
import type { TokenService } from "./jwt.js";

/** A signed-in session: its token and the user it belongs to. */
export interface Session {
  token: string;
  expiresAt: Date;
  user: UserView;
}

/** Signing in with a company user's password. */
export class LoginService {
  constructor(
    private readonly tokens: TokenService,
    private readonly checks: CredentialChecks,
    private readonly limits: AuthAttemptLimits,
    private readonly sessionTtlSeconds: number,
  ) {}

  /**
   * Checks the password and opens a session. Every failure gives the same UNAUTHENTICATED error,
   * and a missing account costs the same argon2 time as a wrong password, so neither reveals which.
   * The password is compared within the brute-force limits of the company + userName and of the
   * caller's address `ip` (TOO_MANY_REQUESTS past them, uncompared).
   * `em` is the request's, which has no tenant yet: the company comes from the slug. When the
   * company enforces SSO, a right password of a user who is not break-glass is FORBIDDEN
   * (reason SSO_REQUIRED) and opens no session.
   */
  async login(em: EntityManager, companySlug: string, userName: string, password: string, ip?: string): Promise<Session> {
    const checked = await this.limits.attempt({ ip, login: { company: companySlug, userName } }, async () => {
      const company = await em.findOne(Company, { slug: companySlug.trim().toLowerCase() });
      const found = company
        ? await em
            .createQueryBuilder(User, "u")
            .select(["u.*", "u.passwordHash"])
            .where({ company: company.id })
            .andWhere("lower(u.user_name) = lower(?)", [userName])
            .getSingleResult()
        : null;
      const ok = await verifyPassword(found?.passwordHash, password);
      this.checks.record("password", ok);
      if (!found || !ok || !found.active) {
        throw new DomainError("UNAUTHENTICATED", "unknown company, userName or password");
      }
      return { found, ssoEnforced: company!.ssoEnforced };
    });
    // Told only to whoever knows the password, so it reveals nothing to a guesser.
    if (checked.ssoEnforced && !checked.found.breakGlass) {
      throw new DomainError("FORBIDDEN", "your company signs in through single sign-on only; password sign-in is for break-glass accounts", { reason: "SSO_REQUIRED" });
    }
    const user = checked.found;
    const { token, expiresAt } = await this.openSession(user.company.id, user.id);
    await em.populate(user, ["emails"], { filters: false });
    // The password just checked is the user's: hasPassword needs no statement of its own.
    return { token, expiresAt, user: { ...userViewOfEntity(user), hasPassword: true } };
  }

  /**
   * A session for a user whose identity another proof established (single sign-on): the same
   * token, lifetime and cookie as a password login, so the rest of rolebridge cannot tell them apart.
   */
  openSession(companyId: string, userId: string): Promise<{ token: string; expiresAt: Date }> {
    return this.tokens.sign({ sub: userId, company: companyId, typ: "session" }, this.sessionTtlSeconds);
  }
}
