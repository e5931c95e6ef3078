import { LockMode } from "@mikro-orm/postgresql";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { Company } from "../companies/company.entity.js";
import { CustomerRole } from "../customer-roles/customer-role.entity.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { ACCESS_ROLE_READERS, namedList, requireAccessRoles } from "./access-role.service.js";
import { AppAccessRole } from "./app-access-role.entity.js";
import { DataAccessRole } from "./data-access-role.entity.js";
import { Permission } from "./permission.js";
import { RoleMapping } from "./role-mapping.entity.js";
import { isUuid } from "../uuid.js";

/**
 * The mapping from customer-supplied roles to access roles: what holding a role grants. Read by
 * effective access and by permissions.query.ts at every request, so a change applies at once.
 */
export class RoleMappingService {
  /** Every mapping of the company, its roles populated, ordered by the customer role's name. */
  async list(scope: Scope): Promise<RoleMapping[]> {
    requirePermission(scope, ...ACCESS_ROLE_READERS);
    const mappings = await scope.em.find(
      RoleMapping,
      { company: scope.principal.companyId },
      { populate: ["customerRole", "dataAccessRoles", "appAccessRoles"], orderBy: { customerRole: { displayName: "asc" }, id: "asc" } },
    );
    return mappings;
  }

  /** The mappings of several customer roles in one query (a role without one is absent from the map). */
  async forCustomerRoles(scope: Scope, customerRoleIds: readonly string[]): Promise<Map<string, RoleMapping>> {
    const ids = customerRoleIds.filter(isUuid);
    if (ids.length === 0) return new Map();
    const mappings = await scope.em.find(
      RoleMapping,
      { company: scope.principal.companyId, customerRole: { $in: ids } },
      { populate: ["dataAccessRoles", "appAccessRoles"] },
    );
    return new Map(mappings.map((m) => [m.customerRole.id, m]));
  }

  /**
   * Sets what a customer-supplied role grants, replacing both lists. Empty lists keep the mapping
   * as an explicit "grants nothing" (the role leaves unmappedCustomerRoles); removeRoleMapping
   * unmaps it. Audited with the lists before and after.
   */
  async set(scope: Scope, customerRoleId: string, dataAccessRoleIds: readonly string[], appAccessRoleIds: readonly string[]): Promise<RoleMapping> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const companyId = scope.principal.companyId;
    return inTransaction(scope, async (em) => {
      // Locking the customer role serialises concurrent sets of one mapping (the first would otherwise race to insert it).
      const role = await this.lockCustomerRole(scope, em, customerRoleId);
      const data = await requireAccessRoles(em, DataAccessRole, companyId, dataAccessRoleIds, "dataAccessRoleIds");
      const app = await requireAccessRoles(em, AppAccessRole, companyId, appAccessRoleIds, "appAccessRoleIds");
      const existing = await em.findOne(RoleMapping, { customerRole: role.id, company: companyId }, { populate: ["dataAccessRoles", "appAccessRoles"] });
      const before = existing ? snapshot(existing) : null;
      const mapping: RoleMapping = existing ?? em.create(RoleMapping, { company: em.getReference(Company, companyId), customerRole: role });
      if (existing) mapping.version += 1;
      mapping.dataAccessRoles.set(data);
      mapping.appAccessRoles.set(app);
      mapping.updatedAt = new Date();
      await em.flush();
      recordAudit(em, scope, {
        action: "roleMapping.set",
        targetType: "CustomerRole",
        targetId: role.id,
        before,
        after: snapshot(mapping),
      });
      return mapping;
    });
  }

  /** Unmaps a customer-supplied role: its holders lose what it granted; it is listed as unmapped again. */
  async remove(scope: Scope, customerRoleId: string): Promise<string> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const companyId = scope.principal.companyId;
    return inTransaction(scope, async (em) => {
      const role = await this.lockCustomerRole(scope, em, customerRoleId);
      const mapping = await em.findOne(RoleMapping, { customerRole: role.id, company: companyId }, { populate: ["dataAccessRoles", "appAccessRoles"] });
      if (!mapping) throw DomainError.notFound("RoleMapping of CustomerRole", customerRoleId);
      const before = snapshot(mapping);
      await em.remove(mapping).flush();
      recordAudit(em, scope, { action: "roleMapping.remove", targetType: "CustomerRole", targetId: role.id, before });
      return role.id;
    });
  }

  private async lockCustomerRole(scope: Scope, em: Scope["em"], id: string): Promise<CustomerRole> {
    const role = isUuid(id)
      ? await em.findOne(CustomerRole, { id, company: scope.principal.companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!role) throw DomainError.notFound("CustomerRole", id);
    return role;
  }
}

function snapshot(m: RoleMapping) {
  return {
    customerRole: m.customerRole.displayName,
    dataAccessRoles: namedList(m.dataAccessRoles.getItems()),
    appAccessRoles: namedList(m.appAccessRoles.getItems()),
  };
}
