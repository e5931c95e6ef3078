import type { EntityManager } from "@mikro-orm/postgresql";
import { Company } from "./domain/companies/company.entity.js";
import { systemScope } from "./domain/scope.js";
import type { Services } from "./services.js";

export interface DemoSetup {
  company: string;
  adminUserName: string;
  adminPassword: string;
  clientId: string;
  clientSecret: string;
  bearerToken: string;
}

export const DEMO_COMPANY_SLUG = "demo";

/**
 * On an empty database, creates the demo company (SCIM on), an admin, a SCIM service account and
 * its app password, so a fresh `npm start` can be tried at once. Returns null when
 * any company exists, so later starts create nothing and print no second secret. Acts as the
 * system principal, through the same services as the CLI and GraphQL, all in one transaction.
 */
export async function setUpDemoIfEmpty(em: EntityManager, services: Pick<Services, "companies" | "accounts" | "appPasswords">): Promise<DemoSetup | null> {
  return em.transactional(async (tx) => {
    // Serialise concurrent first starts on one database (the lock is the transaction's).
    await tx.execute("select pg_advisory_xact_lock(7226001)");
    if ((await tx.count(Company, {})) > 0) return null;
    const company = await services.companies.createCompany(systemScope(tx, "first-run"), {
      slug: DEMO_COMPANY_SLUG,
      name: "Demo Company",
      scimEnabled: true,
    });
    const inDemo = systemScope(tx, "first-run", company.id);
    const admin = await services.accounts.createCompanyAdmin(inDemo, {
      userName: "admin@demo.example",
      displayName: "Demo Admin",
      givenName: "Demo",
      familyName: "Admin",
    });
    const serviceAccount = await services.accounts.createServiceAccount(inDemo, {
      userName: "scim-service@demo.example",
      displayName: "SCIM service account",
    });
    const generated = await services.appPasswords.generate(inDemo, "Demo IdP", serviceAccount.user.userName);
    return {
      company: company.slug,
      adminUserName: admin.user.userName,
      adminPassword: admin.password,
      clientId: generated.appPassword.clientId,
      clientSecret: generated.clientSecret,
      bearerToken: generated.bearerToken,
    };
  });
}
