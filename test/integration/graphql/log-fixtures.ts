import type { EntityManager } from "@mikro-orm/postgresql";
import { AppAccessRole } from "../../../src/domain/access-roles/app-access-role.entity.js";
import { Permission } from "../../../src/domain/access-roles/permission.js";
import type { Company } from "../../../src/domain/companies/company.entity.js";
import { createUserWithRoles, tokenFor } from "../../setup/fixtures.js";
import type { TestApp } from "../../setup/server.js";

/** A user holding only CanViewAuditLog (an "Auditor" app-access role made for the test) and its token. */
export async function auditorToken(app: TestApp, company: Company, userName: string): Promise<string> {
  const em = app.orm.em.fork() as EntityManager;
  const existing = await em.findOne(AppAccessRole, { company: company.id, name: "Auditor" }, { filters: false });
  if (!existing) {
    em.create(AppAccessRole, { company: company.id, name: "Auditor", description: "Reads the logs.", permissions: [Permission.CanViewAuditLog] } as never);
    await em.flush();
  }
  const user = await createUserWithRoles(app, company, userName, ["Auditor"]);
  return tokenFor(app, user);
}

/** A user holding only CanViewUsers ("Viewer"), who may not read the logs. */
export async function viewerToken(app: TestApp, company: Company, userName: string): Promise<string> {
  return tokenFor(app, await createUserWithRoles(app, company, userName, ["Viewer"]));
}
