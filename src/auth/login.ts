import type { EntityManager } from "@mikro-orm/postgresql";
import { Company } from "../domain/companies/company.entity.js";
import { DomainError } from "../domain/errors.js";
import { verifyPassword } from "../domain/users/password.js";
import { User } from "../domain/users/user.entity.js";
import { type UserView, userViewOfEntity } from "../domain/users/user.view.js";
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
    private readonly sessionTtlSeconds: number,
  ) {}

  /**
   * Checks the password and opens a session. Every failure gives the same UNAUTHENTICATED error,
   * and a missing account costs the same argon2 time as a wrong password, so neither reveals which.
   * `em` is the request's, which has no tenant yet: the company comes from the slug.
   */
  async login(em: EntityManager, companySlug: string, userName: string, password: string): Promise<Session> {
    const company = await em.findOne(Company, { slug: companySlug.trim().toLowerCase() });
    const user = company
      ? await em
          .createQueryBuilder(User, "u")
          .select(["u.*", "u.passwordHash"])
          .where({ company: company.id })
          .andWhere("lower(u.user_name) = lower(?)", [userName])
          .getSingleResult()
      : null;
    const ok = await verifyPassword(user?.passwordHash, password);
    this.checks.record("password", ok);
    if (!user || !ok || !user.active) {
      throw new DomainError("UNAUTHENTICATED", "unknown company, userName or password");
    }
    const { token, expiresAt } = await this.tokens.sign({ sub: user.id, company: user.company.id, typ: "session" }, this.sessionTtlSeconds);
    await em.populate(user, ["emails"], { filters: false });
    // The password just checked is the user's: hasPassword needs no statement of its own.
    return { token, expiresAt, user: { ...userViewOfEntity(user), hasPassword: true } };
  }
}
