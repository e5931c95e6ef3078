import { type EntityManager, type FilterQuery, LockMode } from "@mikro-orm/postgresql";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { Company } from "../companies/company.entity.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { AppAccessRole } from "./app-access-role.entity.js";
import { DataAccessRole } from "./data-access-role.entity.js";
import { ALL_PERMISSIONS, Permission } from "./permission.js";
import { isUuid } from "../uuid.js";

/** Who may read access roles, the role mapping and effective access of others. */
export const ACCESS_ROLE_READERS = [Permission.CanConfigureCompany, Permission.CanViewUsers, Permission.CanViewAuditLog] as const;

export const MAX_ACCESS_ROLE_NAME_LENGTH = 256;
export const MAX_ACCESS_ROLE_DESCRIPTION_LENGTH = 4096;

export interface AccessRoleInput {
  name?: string | null;
  /** null clears it. */
  description?: string | null;
}

export interface AppAccessRoleInput extends AccessRoleInput {
  permissions?: readonly Permission[] | null;
}

/**
 * The platform's roles of a company: data-access roles (which data a user sees) and app-access
 * roles (what a user may do, by their permissions). Configured by CanConfigureCompany; every
 * change is audited in its own transaction, so a change and its record commit together or not at
 * all.
 */
export class AccessRoleService {
  async listDataAccessRoles(scope: Scope): Promise<DataAccessRole[]> {
    requirePermission(scope, ...ACCESS_ROLE_READERS);
    return scope.em.find(DataAccessRole, { company: scope.principal.companyId }, { orderBy: { name: "asc", id: "asc" } });
  }

  async listAppAccessRoles(scope: Scope): Promise<AppAccessRole[]> {
    requirePermission(scope, ...ACCESS_ROLE_READERS);
    return scope.em.find(AppAccessRole, { company: scope.principal.companyId }, { orderBy: { name: "asc", id: "asc" } });
  }

  async createDataAccessRole(scope: Scope, input: AccessRoleInput): Promise<DataAccessRole> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const name = validName(input.name);
    const description = validDescription(input.description);
    return inTransaction(scope, async (em) => {
      const role = em.create(DataAccessRole, { company: em.getReference(Company, scope.principal.companyId), name, description });
      await em.flush();
      recordAudit(em, scope, { action: "dataAccessRole.create", targetType: "DataAccessRole", targetId: role.id, after: dataSnapshot(role) });
      return role;
    });
  }

  async updateDataAccessRole(scope: Scope, id: string, input: AccessRoleInput): Promise<DataAccessRole> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const name = input.name === undefined ? undefined : validName(input.name);
    const description = input.description === undefined ? undefined : validDescription(input.description);
    return inTransaction(scope, async (em) => {
      const role = await lockOne(em, DataAccessRole, scope.principal.companyId, id);
      const before = dataSnapshot(role);
      if (name !== undefined) role.name = name;
      if (description !== undefined) role.description = description;
      await em.flush();
      recordAudit(em, scope, { action: "dataAccessRole.update", targetType: "DataAccessRole", targetId: id, before, after: dataSnapshot(role) });
      return role;
    });
  }

  /** Deletes a data-access role; the mappings and direct grants that named it lose it (foreign keys cascade). */
  async deleteDataAccessRole(scope: Scope, id: string): Promise<string> {
    requirePermission(scope, Permission.CanConfigureCompany);
    return inTransaction(scope, async (em) => {
      const role = await lockOne(em, DataAccessRole, scope.principal.companyId, id);
      const before = dataSnapshot(role);
      await em.remove(role).flush();
      recordAudit(em, scope, { action: "dataAccessRole.delete", targetType: "DataAccessRole", targetId: id, before });
      return id;
    });
  }

  async createAppAccessRole(scope: Scope, input: AppAccessRoleInput): Promise<AppAccessRole> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const name = validName(input.name);
    const description = validDescription(input.description);
    const permissions = validPermissions(input.permissions ?? []);
    return inTransaction(scope, async (em) => {
      const role = em.create(AppAccessRole, { company: em.getReference(Company, scope.principal.companyId), name, description, permissions });
      await em.flush();
      recordAudit(em, scope, { action: "appAccessRole.create", targetType: "AppAccessRole", targetId: role.id, after: appSnapshot(role) });
      return role;
    });
  }

  /** A change of permissions applies to every holder on their next request (permissions are loaded per request). */
  async updateAppAccessRole(scope: Scope, id: string, input: AppAccessRoleInput): Promise<AppAccessRole> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const name = input.name === undefined ? undefined : validName(input.name);
    const description = input.description === undefined ? undefined : validDescription(input.description);
    const permissions = input.permissions == null ? undefined : validPermissions(input.permissions);
    return inTransaction(scope, async (em) => {
      const role = await lockOne(em, AppAccessRole, scope.principal.companyId, id);
      const before = appSnapshot(role);
      if (name !== undefined) role.name = name;
      if (description !== undefined) role.description = description;
      if (permissions !== undefined) role.permissions = permissions;
      await em.flush();
      recordAudit(em, scope, { action: "appAccessRole.update", targetType: "AppAccessRole", targetId: id, before, after: appSnapshot(role) });
      return role;
    });
  }

  async deleteAppAccessRole(scope: Scope, id: string): Promise<string> {
    requirePermission(scope, Permission.CanConfigureCompany);
    return inTransaction(scope, async (em) => {
      const role = await lockOne(em, AppAccessRole, scope.principal.companyId, id);
      const before = appSnapshot(role);
      await em.remove(role).flush();
      recordAudit(em, scope, { action: "appAccessRole.delete", targetType: "AppAccessRole", targetId: id, before });
      return id;
    });
  }
}

/**
 * Loads access roles of the company by id, failing with BAD_USER_INPUT on `field` naming every id
 * that is malformed, unknown or another company's. Used by the mapping and direct grants.
 */
export async function requireAccessRoles<T extends DataAccessRole | AppAccessRole>(
  em: EntityManager,
  entity: new () => T,
  companyId: string,
  ids: readonly string[],
  field: string,
): Promise<T[]> {
  const wanted = [...new Set(ids)];
  const valid = wanted.filter(isUuid);
  const found = valid.length ? await em.find(entity, { id: { $in: valid }, company: companyId } as FilterQuery<T>) : [];
  const foundIds = new Set(found.map((r) => r.id));
  const unknown = wanted.filter((id) => !foundIds.has(id));
  if (unknown.length) throw DomainError.invalid(field, `no ${entity.name} with id ${unknown.join(", ")} exists in this company`);
  return found.sort(byName);
}

async function lockOne<T extends DataAccessRole | AppAccessRole>(em: EntityManager, entity: new () => T, companyId: string, id: string): Promise<T> {
  const role = isUuid(id) ? await em.findOne(entity, { id, company: companyId } as FilterQuery<T>, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!role) throw DomainError.notFound(entity.name, id);
  return role;
}

/** Access roles as audit events keep them: id and name (so the log reads on its own after a rename), by name. */
export function namedList(roles: readonly { id: string; name: string }[]): { id: string; name: string }[] {
  return roles.map((r) => ({ id: r.id, name: r.name })).sort(byName);
}

export function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

function validName(value: string | null | undefined): string {
  if (typeof value !== "string" || value.trim() === "") throw DomainError.invalid("name", "name must not be empty");
  const name = value.trim();
  if (name.length > MAX_ACCESS_ROLE_NAME_LENGTH) throw DomainError.invalid("name", `name must be at most ${MAX_ACCESS_ROLE_NAME_LENGTH} characters`);
  if (name.includes("\u0000")) throw DomainError.invalid("name", "name must not contain NUL characters");
  return name;
}

function validDescription(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (value.length > MAX_ACCESS_ROLE_DESCRIPTION_LENGTH) {
    throw DomainError.invalid("description", `description must be at most ${MAX_ACCESS_ROLE_DESCRIPTION_LENGTH} characters`);
  }
  if (value.includes("\u0000")) throw DomainError.invalid("description", "description must not contain NUL characters");
  return value;
}

function validPermissions(values: readonly Permission[]): Permission[] {
  const known = new Set<string>(ALL_PERMISSIONS);
  const bad = values.filter((p) => !known.has(p));
  if (bad.length) throw DomainError.invalid("permissions", `unknown permission ${bad.join(", ")}`);
  // Kept in the enum's order so before/after in the audit log compare cleanly.
  return ALL_PERMISSIONS.filter((p) => values.includes(p));
}

function dataSnapshot(r: DataAccessRole) {
  return { name: r.name, description: r.description ?? null };
}

function appSnapshot(r: AppAccessRole) {
  return { name: r.name, description: r.description ?? null, permissions: [...r.permissions] };
}
