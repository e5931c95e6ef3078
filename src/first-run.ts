import { randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { bearerTokenOf, newCredential } from "./domain/app-passwords/app-password-secret.js";
import { AppPassword } from "./domain/app-passwords/app-password.entity.js";
import { createCompanyWithDefaults, findAppAccessRoleByName } from "./domain/companies/company-setup.js";
import { Company } from "./domain/companies/company.entity.js";
import { hashPassword } from "./domain/users/password.js";
import { User } from "./domain/users/user.entity.js";

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
 * its app password, so a fresh `npm start` can be tried at once. Returns null when any company exists.
 */
export async function setUpDemoIfEmpty(em: EntityManager): Promise<DemoSetup | null> {
  return em.transactional(async (tx) => {
    // Serialise concurrent first starts on one database.
    await tx.getConnection().execute("select pg_advisory_xact_lock(7226001)");
    if ((await tx.count(Company, {})) > 0) return null;
    const company = createCompanyWithDefaults(tx, { slug: DEMO_COMPANY_SLUG, name: "Demo Company", scimEnabled: true });
    await tx.flush();
    const adminPassword = `Rb-${randomBytes(12).toString("base64url")}9a`;
    const admin = tx.create(User, {
      company,
      userName: "admin@demo.example",
      displayName: "Demo Admin",
      givenName: "Demo",
      familyName: "Admin",
      passwordHash: await hashPassword(adminPassword),
    });
    admin.directAppAccessRoles.add(await findAppAccessRoleByName(tx, company, "Company Administrator"));
    const serviceAccount = tx.create(User, {
      company,
      userName: "scim-service@demo.example",
      displayName: "SCIM service account",
      isServiceAccount: true,
      passwordHash: await hashPassword(`Rb-${randomBytes(24).toString("base64url")}9a`),
    });
    serviceAccount.directAppAccessRoles.add(await findAppAccessRoleByName(tx, company, "SCIM Provisioner"));
    const credential = newCredential();
    tx.create(AppPassword, {
      company,
      user: serviceAccount,
      name: "Demo IdP",
      clientId: credential.clientId,
      secretHash: credential.secretHash,
    });
    await tx.flush();
    return {
      company: company.slug,
      adminUserName: admin.userName,
      adminPassword,
      clientId: credential.clientId,
      clientSecret: credential.secret,
      bearerToken: bearerTokenOf(credential.clientId, credential.secret),
    };
  });
}
