import { randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AppAccessRole } from "../../src/domain/access-roles/app-access-role.entity.js";
import { PLATFORM_COMPANY_SLUG } from "../../src/domain/companies/company-slug.js";
import { Company } from "../../src/domain/companies/company.entity.js";
import { DEFAULT_APP_ACCESS_ROLES } from "../../src/domain/companies/default-app-access-roles.js";
import { hashPassword } from "../../src/domain/users/password.js";
import { User } from "../../src/domain/users/user.entity.js";
import type { TestApp } from "./server.js";

export const TEST_PASSWORD = "Correct-Horse-42-battery";

export interface TestCompany {
  company: Company;
  /** Session token of a user holding "Company Administrator". */
  adminToken: string;
  admin: User;
}

/** A session token for `user`, signed as login would sign it (login itself has its own tests). */
export async function tokenFor(app: TestApp, user: User, act?: string): Promise<string> {
  const { token } = await app.services.tokens.sign(
    { sub: user.id, company: user.company.id, typ: "session", ...(act ? { act: { sub: act } } : {}) },
    3600,
  );
  return token;
}

/** Creates a user with direct app-access roles given by name (system-level, for test set-up). */
export async function createUserWithRoles(
  app: TestApp,
  company: Company,
  userName: string,
  appRoleNames: string[],
  extra: Partial<User> = {},
): Promise<User> {
  const em = app.orm.em.fork() as EntityManager;
  const user = em.create(User, { company: company.id, userName, passwordHash: await hashPassword(TEST_PASSWORD), ...extra } as any);
  for (const name of appRoleNames) {
    const role = await em.findOneOrFail(AppAccessRole, { company: company.id, name }, { filters: false });
    user.directAppAccessRoles.add(role);
  }
  await em.flush();
  return user;
}

/**
 * The rows of a company with its default app-access roles, as `createCompany` leaves them but
 * without its AuditEvent, so a test company's audit history starts empty (tests count it).
 */
function insertCompanyRows(em: EntityManager, fields: { slug: string; name: string; scimEnabled?: boolean; isPlatform?: boolean }): Company {
  const company = em.create(Company, { scimEnabled: false, isPlatform: false, ...fields });
  for (const role of DEFAULT_APP_ACCESS_ROLES) em.create(AppAccessRole, { company, ...role });
  return company;
}

/** A fresh company with its default roles and an administrator. */
export async function createTestCompany(app: TestApp, opts: { slug?: string; scimEnabled?: boolean } = {}): Promise<TestCompany> {
  const em = app.orm.em.fork() as EntityManager;
  const slug = opts.slug ?? `co-${randomBytes(4).toString("hex")}`;
  const company = insertCompanyRows(em, { slug, name: `Company ${slug}`, scimEnabled: opts.scimEnabled ?? true });
  await em.flush();
  const admin = await createUserWithRoles(app, company, `admin@${slug}.example`, ["Company Administrator"]);
  return { company, admin, adminToken: await tokenFor(app, admin) };
}

/** A platform operator (in the reserved platform company) and its token. */
export async function createPlatformOperator(app: TestApp): Promise<{ operator: User; token: string }> {
  const em = app.orm.em.fork() as EntityManager;
  let platform = await em.findOne("Company", { slug: PLATFORM_COMPANY_SLUG });
  if (!platform) {
    platform = insertCompanyRows(em, { slug: PLATFORM_COMPANY_SLUG, name: "Platform", isPlatform: true });
    await em.flush();
  }
  const operator = await createUserWithRoles(app, platform as Company, `op-${randomBytes(3).toString("hex")}@platform.example`, [], {
    isPlatformOperator: true,
  });
  return { operator, token: await tokenFor(app, operator) };
}
