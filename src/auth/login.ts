import type { EntityManager } from "@mikro-orm/postgresql";
import { Company } from "../domain/companies/company.entity.js";
import { DomainError } from "../domain/errors.js";
import { verifyPassword } from "../domain/users/password.js";
import { User } from "../domain/users/user.entity.js";
import type { CredentialChecks } from "./credential-checks.js";

/**
 * Checks a company user's password. Every failure gives the same UNAUTHENTICATED error, and a
 * missing account costs the same argon2 time as a wrong password, so neither reveals which.
 */
export async function checkLogin(em: EntityManager, checks: CredentialChecks, companySlug: string, userName: string, password: string): Promise<User> {
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
  checks.record("password", ok);
  if (!user || !ok || !user.active) {
    throw new DomainError("UNAUTHENTICATED", "unknown company, userName or password");
  }
  return user;
}
