import { type EntityManager, LockMode } from "@mikro-orm/postgresql";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { Company, ScimDeleteMode } from "../companies/company.entity.js";
import { DomainError } from "../errors.js";
import { inIdOrder, type Page, type PageRequest, selectPage } from "../paging.js";
import type { Scope } from "../scope.js";
import { applyUserRolesByName } from "../customer-roles/customer-role.service.js";
import { MembershipSource } from "../customer-roles/membership-source.js";
import { inTransaction } from "../unit-of-work.js";
import { compileWhere, isUuid } from "../where.js";
import { checkPasswordPolicy, hashPassword } from "./password.js";
import { UserEmail } from "./user-email.entity.js";
import { ENTERPRISE_FIELDS, FLAG_FIELDS, NAME_FIELDS, PLAIN_STRING_FIELDS, type UserData, type UserEmailData } from "./user-input.js";
import { normalizeUserName, validateUserData } from "./user-validation.js";
import { User } from "./user.entity.js";
import { toCompilableWhere, USER_FIELDS, type UserOrderBy, type UserWhere, userSort } from "./user.where.js";

/** Reading users: viewers, user managers, the IdP's SCIM account and company configurators. */
export const USER_READ_PERMISSIONS = [
  Permission.CanViewUsers,
  Permission.CanManageUsers,
  Permission.CanProvisionUsersAsSCIM,
  Permission.CanConfigureCompany,
] as const;

/** Changing users: user managers, the IdP's SCIM account and company configurators. */
export const USER_WRITE_PERMISSIONS = [Permission.CanManageUsers, Permission.CanProvisionUsersAsSCIM, Permission.CanConfigureCompany] as const;

export interface UserListQuery {
  where?: UserWhere | null;
  orderBy?: UserOrderBy | null;
  page?: PageRequest | null;
}

/** What `deprovision` did, following the company's scimDeleteMode. */
export interface DeprovisionOutcome {
  deleted: boolean;
  /** The deactivated user; null when it was deleted. */
  user: User | null;
}

/** How an input is applied: `update` keeps what is left out, `replace` resets it (create is a replace of a new user). */
type ApplyMode = "update" | "replace";

/**
 * Users of the caller's company: create, replace, partial update, activate, delete, find and list.
 * Every write locks the user row, checks the caller's expected version (RFC 7644 §3.14), bumps the
 * version when something changed, and commits with its ProvisioningEvent and AuditEvent (DESIGN rule 6).
 */
export class UserService {
  /** One page of users matching a where-tree, filtered, sorted, paged and counted in SQL (DESIGN rule 4). */
  async list(scope: Scope, query: UserListQuery = {}): Promise<Page<User>> {
    requirePermission(scope, ...USER_READ_PERMISSIONS);
    const compiled = compileWhere(toCompilableWhere(query.where), USER_FIELDS);
    // Hand-built SQL does not see the tenant filter: the company condition is added here, first.
    const where = { sql: `u.company_id = ?::uuid and (${compiled.sql})`, params: [scope.principal.companyId, ...compiled.params] };
    const page = await selectPage(scope.em, { from: "user_account u", idColumn: "u.id", where, sort: userSort(query.orderBy), page: query.page ?? {} });
    const users = page.ids.length === 0 ? [] : await scope.em.find(User, { id: { $in: page.ids }, company: scope.principal.companyId }, { populate: ["emails"] });
    return { nodes: inIdOrder(page.ids, users), totalCount: page.totalCount, hasNextPage: page.hasNextPage, endCursor: page.endCursor, offset: page.offset };
  }

  /** Several users of the caller's company by id, in one query (for batched field resolvers); unknown ids are left out. */
  async byIds(scope: Scope, ids: readonly string[]): Promise<User[]> {
    requirePermission(scope, ...USER_READ_PERMISSIONS);
    const valid = ids.filter(isUuid);
    return valid.length ? scope.em.find(User, { id: { $in: valid }, company: scope.principal.companyId }, { populate: ["emails"] }) : [];
  }

  /** A user of the caller's company; NOT_FOUND for an unknown, foreign or malformed id (SCIM 404, never 500). */
  async byId(scope: Scope, id: string): Promise<User> {
    requirePermission(scope, ...USER_READ_PERMISSIONS);
    if (!isUuid(id)) throw DomainError.notFound("User", id);
    const user = await scope.em.findOne(User, { id, company: scope.principal.companyId }, { populate: ["emails"] });
    if (!user) throw DomainError.notFound("User", id);
    return user;
  }

  /**
   * Creates a user. userName is unique per company ignoring case (RFC 7643 §4.1.1); the unique
   * index decides, so of many concurrent creates of one userName exactly one succeeds and the
   * rest get CONFLICT on userName. Users created through SCIM get allowSsoLogin and
   * autoAssignRoles unless the input says otherwise (DESIGN, User).
   */
  async create(scope: Scope, input: UserData): Promise<User> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    validateUserData(input, "create");
    const hash = passwordHasher();
    return inTransaction(
      scope,
      async (em) => {
        const user = em.create(User, { company: em.getReference(Company, scope.principal.companyId), userName: normalizeUserName(input.userName!) });
        await this.apply(em, scope, user, input, "replace", hash);
        em.persist(user);
        await em.flush();
        const roles = await applyRoles(em, scope, user.id, input.roles);
        recordAudit(em, scope, { action: "user.create", targetType: "User", targetId: user.id, after: { ...snapshot(user), ...(roles ? { customerRoles: roles } : {}) } });
        return user;
      },
      { resourceType: "User", resourceId: (u) => u.id },
    );
  }

  /**
   * Partial update: a field left out is kept, an explicit null clears it, a list replaces the
   * list, and `name`/`enterprise` merge field by field. This is rolebridge's PUT rule (RFC 7644
   * §3.5.1 leaves it to the server; SailPoint's disabling PUT carries only userName and active)
   * and what the facade sends after applying a PATCH (RFC 7644 §3.5.2).
   */
  async update(scope: Scope, id: string, input: UserData, expectedVersion?: number | null): Promise<User> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    validateUserData(input, "update");
    return this.change(scope, id, expectedVersion, "user.update", 200, (em, user, hash) => this.apply(em, scope, user, input, "update", hash), input.roles);
  }

  /**
   * Full replacement: every modifiable attribute not given is reset (strings null, emails [],
   * extensionAttributes {}, active true, flags as for a new user); the password is write-only and
   * kept unless given; id, createdAt and memberships stay.
   */
  async replace(scope: Scope, id: string, input: UserData, expectedVersion?: number | null): Promise<User> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    validateUserData(input, "replace");
    return this.change(scope, id, expectedVersion, "user.replace", 200, (em, user, hash) => this.apply(em, scope, user, input, "replace", hash), input.roles);
  }

  /** Activates or deactivates a user (Okta's and Entra's disable is a PATCH of active). */
  async setActive(scope: Scope, id: string, active: boolean, expectedVersion?: number | null): Promise<User> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    if (typeof active !== "boolean") throw DomainError.invalid("active", "active must be true or false");
    return this.change(scope, id, expectedVersion, active ? "user.activate" : "user.deactivate", 200, async (_em, user) => {
      user.active = active;
      return false;
    });
  }

  /** Removes a user with its emails, memberships, direct roles and app passwords. */
  async delete(scope: Scope, id: string, expectedVersion?: number | null): Promise<string> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    return inTransaction(
      scope,
      async (em) => {
        const user = await this.lock(em, scope, id, expectedVersion);
        const before = snapshot(user, false);
        // Emails, memberships, direct roles and app passwords go with it by ON DELETE CASCADE; remove()
        // (rather than a native delete) also takes the user out of the identity map, so a later read
        // in the same request cannot return it.
        em.remove(user);
        await em.flush();
        recordAudit(em, scope, { action: "user.delete", targetType: "User", targetId: id, before });
        return id;
      },
      { resourceType: "User", resourceId: () => id },
    );
  }

  /**
   * SCIM DELETE (RFC 7644 §3.6) under the company's scimDeleteMode: `deactivate` (the default)
   * sets active false and keeps the user for audit; `delete` removes it.
   */
  async deprovision(scope: Scope, id: string, expectedVersion?: number | null): Promise<DeprovisionOutcome> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    const company = await scope.em.findOneOrFail(Company, { id: scope.principal.companyId });
    if (company.scimDeleteMode === ScimDeleteMode.DELETE) {
      await this.delete(scope, id, expectedVersion);
      return { deleted: true, user: null };
    }
    const user = await this.change(scope, id, expectedVersion, "user.deprovision", 204, async (_em, u) => {
      u.active = false;
      return false;
    });
    return { deleted: false, user };
  }

  /** Lock, check the version, apply, bump: the common path of every change to an existing user. */
  private change(
    scope: Scope,
    id: string,
    expectedVersion: number | null | undefined,
    action: string,
    status: number,
    work: (em: EntityManager, user: User, hash: PasswordHasher) => Promise<boolean>,
    roles?: readonly string[] | null,
  ): Promise<User> {
    const hash = passwordHasher();
    return inTransaction(
      scope,
      async (em) => {
        const user = await this.lock(em, scope, id, expectedVersion);
        await em.populate(user, ["emails"], { refresh: true });
        const before = snapshot(user);
        const passwordChanged = await work(em, user, hash);
        const rolesChanged = await applyRoles(em, scope, user.id, roles);
        this.finish(em, scope, user, before, passwordChanged, action, rolesChanged);
        return user;
      },
      { resourceType: "User", resourceId: (u) => u.id },
    );
  }

  /**
   * Locks the user row (SELECT … FOR UPDATE) before the version check, so two concurrent changes
   * of different attributes serialise: the second sees the first's result, or fails with
   * PRECONDITION_FAILED when it passed the version it read before.
   */
  private async lock(em: EntityManager, scope: Scope, id: string, expectedVersion: number | null | undefined): Promise<User> {
    if (!isUuid(id)) throw DomainError.notFound("User", id);
    const user = await em.findOne(User, { id, company: scope.principal.companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!user) throw DomainError.notFound("User", id);
    if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== user.version) {
      throw DomainError.versionMismatch(`User ${id}`, expectedVersion, user.version);
    }
    return user;
  }

  /** Bumps version and updatedAt when something changed, and audits what changed. */
  private finish(em: EntityManager, scope: Scope, user: User, before: UserSnapshot, passwordChanged: boolean, action: string, roles?: RolesChange | null): void {
    const after = snapshot(user);
    const changed = diff(before, after);
    // The roles attribute is part of the SCIM User: a change of it moves the version (ETag) too.
    if (roles) changed.after.customerRoles = roles;
    if (passwordChanged) {
      changed.before.password = "(write-only)";
      changed.after.password = user.passwordHash ? "(set)" : "(cleared)";
    }
    // A request that changes nothing keeps the version and lastModified, so ETags stay valid
    // and SailPoint's `meta.lastModified gt` delta sees no change that did not happen.
    if (Object.keys(changed.after).length === 0) return;
    user.version += 1;
    user.updatedAt = new Date();
    recordAudit(em, scope, { action, targetType: "User", targetId: user.id, before: changed.before, after: changed.after });
  }

  /**
   * Applies an input to a user (new or locked) under update or replace semantics; returns whether
   * the password was set or cleared (the hash is write-only, so no snapshot shows the change).
   */
  private async apply(em: EntityManager, scope: Scope, user: User, input: UserData, mode: ApplyMode, hash: PasswordHasher): Promise<boolean> {
    const reset = mode === "replace";
    if (input.userName !== undefined && input.userName !== null) user.userName = normalizeUserName(input.userName);
    for (const key of PLAIN_STRING_FIELDS) {
      const value = input[key];
      if (value !== undefined) user[key] = value;
      else if (reset) user[key] = null;
    }
    applyGroup(user, input.name, reset, NAME_FIELDS);
    applyGroup(user, input.enterprise, reset, Object.fromEntries(ENTERPRISE_FIELDS.map((k) => [k, k])));
    if (input.emails !== undefined || reset) this.setEmails(em, user, input.emails ?? []);
    if (input.extensionAttributes !== undefined || reset) user.extensionAttributes = input.extensionAttributes ?? {};
    // A boolean has no "absent" value: null or, on replace, left out means its default.
    if (input.active !== undefined || reset) user.active = input.active ?? true;
    const fromScim = Boolean(scope.provisioning);
    const flagDefaults = { allowSsoLogin: fromScim, autoAssignRoles: fromScim, isServiceAccount: false };
    for (const key of FLAG_FIELDS) {
      if (input[key] !== undefined || reset) user[key] = input[key] ?? flagDefaults[key];
    }
    if (input.password === undefined) return false;
    if (input.password === null) {
      user.passwordHash = null;
    } else {
      const company = await em.findOneOrFail(Company, { id: scope.principal.companyId });
      // Checked against the userName the user ends up with (the policy may forbid containing it).
      checkPasswordPolicy(input.password, company.passwordPolicy, user.userName);
      user.passwordHash = await hash(input.password);
    }
    return true;
  }

  /** Replaces the emails list, keeping the rows when the list is unchanged; order is kept (Okta reads emails[0]). */
  private setEmails(em: EntityManager, user: User, emails: UserEmailData[]): void {
    const next = emails.map((e) => ({ value: e.value, type: e.type ?? null, primary: e.primary ?? false, display: e.display ?? null }));
    if (user.emails.isInitialized() && JSON.stringify(emailsOf(user)) === JSON.stringify(next)) return;
    user.emails.removeAll();
    next.forEach((e, position) => {
      user.emails.add(em.create(UserEmail, { ...e, position, company: user.company, user }));
    });
  }
}

type RolesChange = Awaited<ReturnType<typeof applyUserRolesByName>> & { source: MembershipSource };

/** At most this many names in a user's roles attribute. */
const ROLES_MAX = 100;

/**
 * The SCIM User `roles` attribute (RFC 7643 §4.1.2) in the user's own transaction, so a user
 * change and its roles commit together (STYLE §3.6): the named roles become the user's
 * SCIM_ROLES_ATTRIBUTE memberships. Returns what changed, or null when nothing did.
 */
async function applyRoles(em: EntityManager, scope: Scope, userId: string, roles: readonly string[] | null | undefined): Promise<RolesChange | null> {
  if (roles === undefined) return null;
  if ((roles ?? []).length > ROLES_MAX) throw DomainError.invalid("roles", `a user names at most ${ROLES_MAX} roles`);
  const source = MembershipSource.SCIM_ROLES_ATTRIBUTE;
  const change = await applyUserRolesByName(em, scope.principal.companyId, userId, roles ?? [], source);
  return change.added.length || change.removed.length ? { ...change, source } : null;
}

/** `name` and `enterprise`: null clears every part, an object merges part by part. */
function applyGroup(user: User, group: object | null | undefined, reset: boolean, fields: Record<string, string>): void {
  for (const [key, prop] of Object.entries(fields)) {
    const value = group === null ? null : (group as Record<string, string | null | undefined> | undefined)?.[key];
    const target = user as unknown as Record<string, string | null | undefined>;
    if (value !== undefined) target[prop] = value;
    else if (reset) target[prop] = null;
  }
}

/** Hashes a request's password at most once, even when the transaction is retried (argon2id is slow on purpose). */
type PasswordHasher = (password: string) => Promise<string>;

function passwordHasher(): PasswordHasher {
  const hashes = new Map<string, Promise<string>>();
  return (password) => {
    let hashed = hashes.get(password);
    if (!hashed) hashes.set(password, (hashed = hashPassword(password)));
    return hashed;
  };
}

type UserSnapshot = Record<string, unknown>;

function emailsOf(user: User) {
  return user.emails.getItems().map((e) => ({ value: e.value, type: e.type ?? null, primary: e.primary, display: e.display ?? null }));
}

/** Every modifiable attribute (never the password hash), for change detection and audit. */
function snapshot(user: User, withEmails = true): UserSnapshot {
  const out: UserSnapshot = { userName: user.userName };
  for (const key of PLAIN_STRING_FIELDS) out[key] = user[key] ?? null;
  for (const prop of Object.values(NAME_FIELDS)) out[prop] = user[prop] ?? null;
  for (const key of ENTERPRISE_FIELDS) out[key] = user[key] ?? null;
  out.active = user.active;
  for (const key of FLAG_FIELDS) out[key] = user[key];
  out.extensionAttributes = user.extensionAttributes ?? {};
  if (withEmails && user.emails.isInitialized()) out.emails = emailsOf(user);
  return out;
}

function diff(before: UserSnapshot, after: UserSnapshot): { before: UserSnapshot; after: UserSnapshot } {
  const out = { before: {} as UserSnapshot, after: {} as UserSnapshot };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      out.before[key] = before[key];
      out.after[key] = after[key];
    }
  }
  return out;
}
