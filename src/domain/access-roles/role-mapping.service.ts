import { type EntityManager, LockMode } from "@mikro-orm/postgresql";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { Company } from "../companies/company.entity.js";
import { CustomerRole } from "../customer-roles/customer-role.entity.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { type MappingState, mappingState, type RoleMappingDiff, withAccessImpact } from "./access-impact.js";
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
   * unmaps it. Audited with the lists before and after. Returns the mapping with the diff of the
   * change (who gains or loses each access role); with `dryRun` the transaction is rolled back,
   * so the mapping is what it would be and nothing changes.
   */
  async set(
    scope: Scope,
    customerRoleId: string,
    dataAccessRoleIds: readonly string[],
    appAccessRoleIds: readonly string[],
    dryRun = false,
  ): Promise<{ mapping: RoleMapping; diff: RoleMappingDiff }> {
    requirePermission(scope, Permission.CanConfigureCompany);
    if (!isUuid(customerRoleId)) throw DomainError.notFound("CustomerRole", customerRoleId);
    const target: MappingState = new Map([[customerRoleId, { data: [...new Set(dataAccessRoleIds)], app: [...new Set(appAccessRoleIds)] }]]);
    const { result, diff } = await withAccessImpact(scope, dryRun, async (em) => ({
      before: await mappingState(em, scope.principal.companyId, [customerRoleId]),
      target,
      apply: () => mapCustomerRole(em, scope, customerRoleId, dataAccessRoleIds, appAccessRoleIds),
    }));
    return { mapping: result, diff };
  }

  /** Unmaps a customer-supplied role: its holders lose what it granted; it is listed as unmapped again. */
  async remove(scope: Scope, customerRoleId: string): Promise<string> {
    requirePermission(scope, Permission.CanConfigureCompany);
    return inTransaction(scope, (em) => unmapCustomerRole(em, scope, customerRoleId));
  }
}

/**
 * The write of RoleMappingService.set, in the caller's transaction `em` (a restore writes many
 * mappings in one). Locking the customer role serialises concurrent sets of one mapping (the
 * first would otherwise race to insert it).
 */
export async function mapCustomerRole(
  em: EntityManager,
  scope: Scope,
  customerRoleId: string,
  dataAccessRoleIds: readonly string[],
  appAccessRoleIds: readonly string[],
): Promise<RoleMapping> {
  const companyId = scope.principal.companyId;
  const role = await lockCustomerRole(em, companyId, customerRoleId);
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
}

/** The write of RoleMappingService.remove, in the caller's transaction `em`. */
export async function unmapCustomerRole(em: EntityManager, scope: Scope, customerRoleId: string): Promise<string> {
  const companyId = scope.principal.companyId;
  const role = await lockCustomerRole(em, companyId, customerRoleId);
  const mapping = await em.findOne(RoleMapping, { customerRole: role.id, company: companyId }, { populate: ["dataAccessRoles", "appAccessRoles"] });
  if (!mapping) throw DomainError.notFound("RoleMapping of CustomerRole", customerRoleId);
  const before = snapshot(mapping);
  await em.remove(mapping).flush();
  recordAudit(em, scope, { action: "roleMapping.remove", targetType: "CustomerRole", targetId: role.id, before });
  return role.id;
}

async function lockCustomerRole(em: EntityManager, companyId: string, id: string): Promise<CustomerRole> {
  const role = isUuid(id) ? await em.findOne(CustomerRole, { id, company: companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!role) throw DomainError.notFound("CustomerRole", id);
  return role;
}

function snapshot(m: RoleMapping) {
  return {
    customerRole: m.customerRole.displayName,
    dataAccessRoles: namedList(m.dataAccessRoles.getItems()),
    appAccessRoles: namedList(m.appAccessRoles.getItems()),
  };
}
