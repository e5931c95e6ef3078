import type { EntityManager } from "@mikro-orm/postgresql";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { ensureRolesByName } from "../customer-roles/customer-role.repository.js";
import { sqlOf } from "../../db/sql.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { compareNames, type MappingState, mappingState, type RoleMappingDiff, withAccessImpact } from "./access-impact.js";
import { Permission } from "./permission.js";
import type { RoleMapping } from "./role-mapping.entity.js";
import { ROLE_MAPPING_FORMAT, ROLE_MAPPING_VERSION, parseRoleMappingDocument, type RoleMappingDocument } from "./role-mapping-document.js";
import { mapCustomerRole, type RoleMappingService, unmapCustomerRole } from "./role-mapping.service.js";

/**
 * Backup and restore of the whole role mapping as a document (role-mapping-document.ts), which a
 * company admin takes before switching SCIM on. A restore previews like setRoleMapping does
 * (access-impact.ts): the same diff, exact, and with dryRun nothing changes.
 */
export class RoleMappingBackupService {
  constructor(private readonly roleMappings: RoleMappingService) {}

  async export(scope: Scope): Promise<RoleMappingDocument> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const mappings = await this.roleMappings.list(scope);
    const unmapped: { display_name: string }[] = await scope.em.getConnection().execute(
      `select r.display_name from customer_role r
        where r.company_id = ? and not exists (select 1 from role_mapping rm where rm.customer_role_id = r.id)
        order by lower(r.display_name), r.id`,
      [scope.principal.companyId],
    );
    const names = (roles: readonly { name: string }[]) => roles.map((r) => r.name).sort(compareNames);
    return {
      format: ROLE_MAPPING_FORMAT,
      version: ROLE_MAPPING_VERSION,
      exportedAt: new Date().toISOString(),
      mappings: mappings
        .map((m: RoleMapping) => ({
          customerRole: m.customerRole.displayName,
          dataAccessRoles: names(m.dataAccessRoles.getItems()),
          appAccessRoles: names(m.appAccessRoles.getItems()),
        }))
        .sort((a, b) => compareNames(a.customerRole, b.customerRole)),
      unmappedCustomerRoles: unmapped.map((r) => r.display_name),
    };
  }

  /**
   * Restores an exported document: the company's mapping becomes exactly the document's. Roles
   * are matched by name ignoring case; a customer-supplied role named but missing is created
   * (unmapped until the mapping applies), an access role named but missing is BAD_USER_INPUT,
   * and nothing is applied. Each changed mapping is audited as setRoleMapping/removeRoleMapping
   * audit it, plus one `roleMapping.import` event for the whole restore, all in one transaction.
   */
  async import(scope: Scope, document: unknown, dryRun: boolean): Promise<RoleMappingDiff> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const doc = parseRoleMappingDocument(document);
    const companyId = scope.principal.companyId;
    const { diff } = await withAccessImpact(scope, dryRun, async (em) => {
      // Every customer role of the company is locked in id order (the order every mapping change
      // uses), so a concurrent setRoleMapping waits instead of interleaving with the restore.
      await em.execute(`select id from customer_role where company_id = ? order by id for update`, [companyId]);
      const data = await accessRoleIdsByName(em, "data_access_role", companyId);
      const app = await accessRoleIdsByName(em, "app_access_role", companyId);
      const missing: string[] = [];
      const resolve = (names: string[], ids: Map<string, string>, field: string) =>
        names.map((name, j) => {
          const id = ids.get(name.toLowerCase());
          if (!id) missing.push(`${field}[${j}] "${name}"`);
          return id ?? "";
        });
      const resolved = doc.mappings.map((m, i) => ({
        customerRole: m.customerRole,
        data: resolve(m.dataAccessRoles, data, `document.mappings[${i}].dataAccessRoles`),
        app: resolve(m.appAccessRoles, app, `document.mappings[${i}].appAccessRoles`),
      }));
      if (missing.length) {
        const shown = missing.slice(0, 10).join(", ");
        throw DomainError.invalid("document", `no access role of this company has the name of ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ""}`);
      }
      const { idsByName, created } = await ensureRolesByName(sqlOf(em), companyId, resolved.map((m) => m.customerRole));
      const target: MappingState = new Map();
      for (const m of resolved) target.set(idsByName.get(m.customerRole.toLowerCase())!, { data: m.data, app: m.app });
      const before = await mappingState(em, companyId, null);
      return {
        before,
        target,
        // Roles mapped now but absent from the document become unmapped.
        untargetedBecomeUnmapped: true,
        createdRoleIds: created,
        apply: async (changed: string[]) => {
          for (const id of changed) {
            const t = target.get(id);
            if (t) await mapCustomerRole(em, scope, id, t.data, t.app);
            else await unmapCustomerRole(em, scope, id);
          }
        },
        audit: (d: RoleMappingDiff) =>
          recordAudit(em, scope, {
            action: "roleMapping.import",
            targetType: "RoleMapping",
            after: {
              format: doc.format,
              version: doc.version,
              exportedAt: doc.exportedAt,
              changed: d.changes.map((c) => c.customerRole),
              unchangedCount: d.unchangedCount,
              createdCustomerRoles: d.createdCustomerRoles,
            },
          }),
      };
    });
    return diff;
  }
}

/** Access roles of the company by lower-cased name (names are unique ignoring case). */
async function accessRoleIdsByName(em: EntityManager, table: "data_access_role" | "app_access_role", companyId: string): Promise<Map<string, string>> {
  const rows: { id: string; name: string }[] = await em.execute(`select id, lower(name) as name from ${table} where company_id = ?`, [companyId]);
  return new Map(rows.map((r) => [r.name, r.id]));
}
