import type { EntityManager } from "@mikro-orm/postgresql";
import { Permission } from "./domain/access-roles/permission.js";
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
  /** The demo's data-access roles, app-access roles beyond the defaults, and customer-supplied role, by name. */
  dataAccessRoles: string[];
  appAccessRoles: string[];
  customerRole: string;
}

export const DEMO_COMPANY_SLUG = "demo";

/**
 * Roles only the demo company gets, so a role mapping and its dry-run preview can be tried at
 * once: data-access roles to map to, two app-access roles beyond the defaults every company
 * starts with, and a customer-supplied role as an IdP group would create it (unmapped; named so
 * that a real IdP group "Sales" pushed to the demo company does not collide with it).
 */
const DEMO_DATA_ACCESS_ROLES = [
  { name: "All Data", description: "Every record of every region and department." },
  { name: "EMEA Sales", description: "Sales records of Europe, the Middle East and Africa." },
  { name: "Finance", description: "Financial records: budgets, invoices, payroll totals." },
];
const DEMO_APP_ACCESS_ROLES = [
  { name: "User Manager", description: "Creates, changes and deactivates users and customer-supplied roles.", permissions: [Permission.CanManageUsers, Permission.CanViewUsers] },
  { name: "Auditor", description: "Reads users, the provisioning log and the audit history.", permissions: [Permission.CanViewAuditLog, Permission.CanViewUsers] },
];
const DEMO_CUSTOMER_ROLE = "Sales (demo)";

/**
 * On an empty database, creates the demo company (SCIM on), an admin, a SCIM service account and
 * its app password, and the demo roles, so a fresh `npm start` can be tried at once. Returns null when
 * any company exists, so later starts create nothing and print no second secret. Acts as the
 * system principal, through the same services as the CLI and GraphQL, all in one transaction.
 */
export async function setUpDemoIfEmpty(
  em: EntityManager,
  services: Pick<Services, "companies" | "accounts" | "appPasswords" | "accessRoles" | "customerRoles">,
): Promise<DemoSetup | null> {
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
    for (const role of DEMO_DATA_ACCESS_ROLES) await services.accessRoles.createDataAccessRole(inDemo, role);
    for (const role of DEMO_APP_ACCESS_ROLES) await services.accessRoles.createAppAccessRole(inDemo, role);
    await services.customerRoles.create(inDemo, { displayName: DEMO_CUSTOMER_ROLE });
    return {
      company: company.slug,
      adminUserName: admin.user.userName,
      adminPassword: admin.password,
      clientId: generated.appPassword.clientId,
      clientSecret: generated.clientSecret,
      bearerToken: generated.bearerToken,
      dataAccessRoles: DEMO_DATA_ACCESS_ROLES.map((r) => r.name),
      appAccessRoles: DEMO_APP_ACCESS_ROLES.map((r) => r.name),
      customerRole: DEMO_CUSTOMER_ROLE,
    };
  });
}
