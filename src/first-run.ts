import type { EntityManager } from "@mikro-orm/postgresql";
import type { SystemActor } from "./domain/audit/system-audit.js";
import { AppPasswordService } from "./domain/app-passwords/app-password.service.js";
import { createCompany } from "./domain/companies/company-operations.js";
import { Company } from "./domain/companies/company.entity.js";
import { createCompanyAdmin, createServiceAccount } from "./domain/users/account-setup.js";
import { inSystemTransaction } from "./domain/unit-of-work.js";

export interface DemoSetup {
  company: string;
  adminUserName: string;
  adminPassword: string;
  clientId: string;
  clientSecret: string;
  bearerToken: string;
}

export const DEMO_COMPANY_SLUG = "demo";

const FIRST_RUN: SystemActor = { name: "first-run" };

/**
 * On an empty database, creates the demo company (SCIM on), an admin, a SCIM service account and
 * its app password, so a fresh `npm start` can be tried at once. Returns null when
 * any company exists, so later starts create nothing and print no second secret. Uses the same
 * system-level operations as the CLI.
 */
export async function setUpDemoIfEmpty(em: EntityManager, appPasswords = new AppPasswordService()): Promise<DemoSetup | null> {
  return inSystemTransaction(em, async (tx) => {
    // Serialise concurrent first starts on one database (the lock is the transaction's).
    await tx.execute("select pg_advisory_xact_lock(7226001)");
    if ((await tx.count(Company, {})) > 0) return null;
    const company = await createCompany(tx, { slug: DEMO_COMPANY_SLUG, name: "Demo Company", scimEnabled: true }, FIRST_RUN);
    const admin = await createCompanyAdmin(
      tx,
      company,
      { userName: "admin@demo.example", displayName: "Demo Admin", givenName: "Demo", familyName: "Admin" },
      FIRST_RUN,
    );
    const serviceAccount = await createServiceAccount(
      tx,
      company,
      { userName: "scim-service@demo.example", displayName: "SCIM service account" },
      FIRST_RUN,
    );
    const generated = await appPasswords.generateForAccount(tx, serviceAccount.user, "Demo IdP", FIRST_RUN);
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
