import { randomUUID } from "node:crypto";
import { type Sql, sqlOf } from "../../db/sql.js";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { Company, ScimDeleteMode } from "../companies/company.entity.js";
import { passwordPolicyOf } from "../companies/password-policy.query.js";
import { applyUserRolesByName, type RolesByNameChange } from "../customer-roles/roles-by-name.js";
import { MembershipSource } from "../customer-roles/membership-source.js";
import { DomainError } from "../errors.js";
import type { Page, PageRequest } from "../paging.js";
import type { Scope } from "../scope.js";
import { inOneStatement, inSqlTransaction, takeRecords } from "../unit-of-work.js";
import { compileWhere } from "../where.js";
import { recordingRefusals, requireCredentialAuthority, requireMayDeactivate } from "./account-safeguards.js";
import { requireOtherBreakGlassIfEnforced } from "../sso-enforcement/sso-enforcement.service.js";
import { checkPasswordPolicy, hashPassword } from "./password.js";
import { usersWithPassword } from "./password-state.query.js";
import { applyUserData } from "./user-changes.js";
import { type UserData } from "./user-input.js";
import { normalizeUserName, validateUserData } from "./user-validation.js";
import { newInvitationFor } from "../invitations/invitation-policy.js";
import { deleteUser, insertUser, lockUserForDeprovision, selectUser, selectUserPage, selectUsers, stateOf, type UserState, updateUser, viewOf } from "./user.repository.js";
import type { UserView } from "./user.view.js";
import { toCompilableWhere, USER_FIELDS, type UserOrderBy, type UserWhere, userSort } from "./user.where.js";
import { isUuid } from "../uuid.js";
import { UserOrigin } from "./user-origin.js";

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

/** What a read needs besides the user's own attributes. */
export interface UserReadOptions {
  /** Read the customer-supplied roles the user holds in the same statement. */
  withRoles?: boolean;
}

/** What `deprovision` did, following the company's scimDeleteMode. */
export interface DeprovisionOutcome {
  deleted: boolean;
  /** The deactivated user; null when it was deleted. */
  user: UserView | null;
}

/**
 * A change computed from the user as it is, inside the change's own transaction with the user's
 * row locked (a PATCH, whose operations depend on the current values): returns the input to
 * apply as a partial update, or throws a DomainError (a PATCH that cannot apply).
 */
export type UserRevision = (current: UserView) => UserData;

/** How an input is applied: `update` keeps what is left out, `replace` resets it (create is a replace of a new user). */
type ApplyMode = "update" | "replace";

/**
 * Users of the caller's company: create, replace, partial update, PATCH, activate, delete, find
 * and list. Reads are one statement each, a user with its emails (and roles when asked); every
 * write locks the user row, checks the caller's expected version (RFC 7644 §3.14), bumps the
 * version when something changed, and commits with its AuditEvent and ProvisioningEvent.
 */
export class UserService {
  /** One page of users matching a where-tree, filtered, sorted, paged and counted in SQL, in one statement. */
  async list(scope: Scope, query: UserListQuery = {}, opts: UserReadOptions = {}): Promise<Page<UserView>> {
    requirePermission(scope, ...USER_READ_PERMISSIONS);
    const compiled = compileWhere(toCompilableWhere(query.where), USER_FIELDS);
    // Hand-built SQL does not see the tenant filter: the company condition is added here, first.
    const where = { sql: `u.company_id = ?::uuid and (${compiled.sql})`, params: [scope.principal.companyId, ...compiled.params] };
    const page = await selectUserPage(sqlOf(scope.em), {
      where,
      sort: userSort(query.orderBy),
      page: query.page ?? {},
      withRoles: opts.withRoles ?? false,
      prepare: isLookup(query),
    });
    return { nodes: page.rows, totalCount: page.totalCount, hasNextPage: page.hasNextPage, endCursor: page.endCursor, offset: page.offset };
  }

  /** Several users of the caller's company by id, in one statement (for batched field resolvers); unknown ids are left out. */
  async byIds(scope: Scope, ids: readonly string[]): Promise<UserView[]> {
    requirePermission(scope, ...USER_READ_PERMISSIONS);
    const valid = ids.filter(isUuid);
    return valid.length ? selectUsers(sqlOf(scope.em), scope.principal.companyId, valid) : [];
  }

  /** The caller's own user (whoever is signed in may read it), in one statement. */
  async me(scope: Scope): Promise<UserView> {
    const user = await selectUser(sqlOf(scope.em), scope.principal.companyId, scope.principal.userId, { withRoles: false });
    if (!user) throw DomainError.notFound("User", scope.principal.userId);
    return user;
  }

  /**
   * Which of these users have a password, in one statement for a batch (the `hasPassword` field
   * of a page of users). The ids are of users the caller was already allowed to load, which a
   * platform operator's impersonated session may have found in another company.
   */
  async idsWithPassword(scope: Scope, ids: readonly string[]): Promise<Set<string>> {
    return usersWithPassword(scope.em, ids.filter(isUuid));
  }

  /** A user of the caller's company; NOT_FOUND for an unknown, foreign or malformed id (SCIM 404, never 500). */
  async byId(scope: Scope, id: string, opts: UserReadOptions = {}): Promise<UserView> {
    requirePermission(scope, ...USER_READ_PERMISSIONS);
    const user = isUuid(id) ? await selectUser(sqlOf(scope.em), scope.principal.companyId, id, { withRoles: opts.withRoles ?? false }) : undefined;
    if (!user) throw DomainError.notFound("User", id);
    return user;
  }

  /** A user of the caller's company by userName, ignoring case (RFC 7643 §4.1.1: caseExact false); NOT_FOUND naming it. */
  async byUserName(scope: Scope, userName: string): Promise<UserView> {
    const page = await this.list(scope, { where: { userName: { eq: userName.trim() } }, page: { first: 1 } });
    const user = page.nodes[0];
    if (!user) {
      const company = await scope.em.findOne(Company, { id: scope.principal.companyId });
      throw new DomainError("NOT_FOUND", `no user "${userName}" in company "${company?.slug ?? scope.principal.companyId}"`);
    }
    return user;
  }

  /**
   * Creates a user. userName is unique per company ignoring case (RFC 7643 §4.1.1); the unique
   * index decides, so of many concurrent creates of one userName exactly one succeeds and the
   * rest get CONFLICT on userName. Users created through SCIM get allowSsoLogin and
   * autoAssignRoles unless the input says otherwise (the flags One Model sets for users an IdP provisions).
   * A user created without a password who may sign in with one gets a password invitation, written
   * to the outbox by the same statement (invitation-policy.ts says who): every way users are
   * created (SCIM, the CSV upload, GraphQL) passes here. `invite: false` is for a user created at
   * an SSO sign-in, who signs in through the IdP and has no use for a password.
   */
  async create(scope: Scope, input: UserData, opts: UserReadOptions & { origin?: UserOrigin; invite?: boolean } = {}): Promise<UserView> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    validateUserData(input, "create");
    const hash = passwordHasher();
    const companyId = scope.principal.companyId;
    // Without roles a create is one statement (the user, its emails and its records), which needs
    // no transaction around it; the roles attribute takes statements of its own, in one transaction.
    const run = input.roles === undefined ? inOneStatement : inSqlTransaction;
    return run(
      scope,
      async (sql: Sql) => {
        const state = applyUserData(newUserState(normalizeUserName(input.userName!), scope), input, "replace", flagDefaults(scope));
        const passwordHash = typeof input.password === "string" ? await checkedHash(sql, scope, input.password, state.userName, hash) : null;
        const id = randomUUID();
        const origin = opts.origin ?? (scope.provisioning ? UserOrigin.SCIM : UserOrigin.MANUAL);
        const audit = { action: "user.create", targetType: "User", targetId: id, after: snapshot(state) };
        // A user who cannot sign in yet is invited to set a password, in the user's own statement.
        const invitation = passwordHash === null && opts.invite !== false ? newInvitationFor(state) : undefined;
        if (input.roles === undefined) {
          // Nothing follows the insert: it carries the audit and provisioning records itself.
          recordAudit(sql, scope, audit);
          const inserted = await insertUser(sql, companyId, id, state, passwordHash, origin, (n) => takeRecords(sql, n, { id }), invitation);
          return viewOf({ ...inserted, origin, hasPassword: passwordHash !== null, ...(opts.withRoles ? { customerRoles: [] } : {}) }, state);
        }
        const inserted = await insertUser(sql, companyId, id, state, passwordHash, origin, undefined, invitation);
        const roles = await applyRoles(sql, scope, inserted.id, input.roles);
        recordAudit(sql, scope, { ...audit, after: { ...audit.after, ...(roles ? { customerRoles: roles } : {}) } });
        if (roles && opts.withRoles) return (await selectUser(sql, companyId, inserted.id, { withRoles: true }))!;
        return viewOf({ ...inserted, origin, hasPassword: passwordHash !== null, ...(opts.withRoles ? { customerRoles: [] } : {}) }, state);
      },
      { resourceType: "User", resourceId: (u) => u.id },
    );
  }

  /**
   * Partial update: a field left out is kept, an explicit null clears it, a list replaces the
   * list, and `name`/`enterprise` merge field by field. This is rolebridge's PUT rule (RFC 7644
   * §3.5.1 leaves it to the server; SailPoint's disabling PUT carries only userName and active).
   */
  async update(scope: Scope, id: string, input: UserData, expectedVersion?: number | null, opts: UserReadOptions = {}): Promise<UserView> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    validateUserData(input, "update");
    return this.change(scope, id, expectedVersion, "user.update", () => ({ input, mode: "update" }), opts);
  }

  /**
   * Full replacement: every modifiable attribute not given is reset (strings null, emails [],
   * extensionAttributes {}, active true, flags as for a new user); the password is write-only and
   * kept unless given; id, createdAt and memberships stay.
   */
  async replace(scope: Scope, id: string, input: UserData, expectedVersion?: number | null, opts: UserReadOptions = {}): Promise<UserView> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    validateUserData(input, "replace");
    return this.change(scope, id, expectedVersion, "user.replace", () => ({ input, mode: "replace" }), opts);
  }

  /**
   * A change computed from the user as it is (a SCIM PATCH, RFC 7644 §3.5.2): in one transaction
   * the user row is locked and read with its emails and roles, `revise` turns it into a partial
   * update, and the update is written. Concurrent PATCHes of one user queue on the lock, so each
   * applies to the result of the one before and none is lost.
   */
  async patch(scope: Scope, id: string, revise: UserRevision, expectedVersion?: number | null, opts: UserReadOptions = {}): Promise<UserView> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    return this.change(
      scope,
      id,
      expectedVersion,
      "user.update",
      (current) => {
        const input = revise(current);
        validateUserData(input, "update");
        return { input, mode: "update" };
      },
      { ...opts, readRoles: true },
    );
  }

  /** Activates or deactivates a user (Okta's and Entra's disable is a PATCH of active). */
  async setActive(scope: Scope, id: string, active: boolean, expectedVersion?: number | null, opts: UserReadOptions = {}): Promise<UserView> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    if (typeof active !== "boolean") throw DomainError.invalid("active", "active must be true or false");
    return this.change(scope, id, expectedVersion, active ? "user.activate" : "user.deactivate", () => ({ input: { active }, mode: "update" }), opts);
  }

  /** Removes a user with its emails, memberships, direct roles and app passwords. */
  async delete(scope: Scope, id: string, expectedVersion?: number | null): Promise<string> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    return recordingRefusals(scope, "user.delete", id, () =>
      inSqlTransaction(
        scope,
        async (sql) => {
          const user = await lock(sql, scope, id, expectedVersion, false);
          await removeUser(sql, scope, user);
          return id;
        },
        { resourceType: "User", resourceId: () => id },
      ),
    );
  }

  /**
   * SCIM DELETE (RFC 7644 §3.6) under the company's scimDeleteMode: `deactivate` (the default)
   * sets active false and keeps the user for audit; `delete` removes it. One transaction, whose
   * first statement locks the user and reads the company's mode.
   */
  async deprovision(scope: Scope, id: string, expectedVersion?: number | null): Promise<DeprovisionOutcome> {
    requirePermission(scope, ...USER_WRITE_PERMISSIONS);
    return recordingRefusals(scope, "user.deprovision", id, () =>
      inSqlTransaction(
        scope,
        async (sql): Promise<DeprovisionOutcome> => {
          const found = isUuid(id) ? await lockUserForDeprovision(sql, scope.principal.companyId, id) : undefined;
          if (!found || hiddenFromScim(scope, found.user)) throw DomainError.notFound("User", id);
          checkVersion(found.user, expectedVersion);
          if (found.deleteMode === ScimDeleteMode.DELETE) {
            await removeUser(sql, scope, found.user, found.holdsConfigure);
            return { deleted: true, user: null };
          }
          const revision: Revision = { input: { active: false }, mode: "update", holdsConfigure: found.holdsConfigure };
          const user = await write(sql, scope, found.user, revision, "user.deprovision", passwordHasher(), {});
          return { deleted: false, user };
        },
        { resourceType: "User", resourceId: () => id },
      ),
    );
  }

  /** Lock, check the version, apply, bump: the common path of every change to an existing user. */
  private change(
    scope: Scope,
    id: string,
    expectedVersion: number | null | undefined,
    action: string,
    revise: (current: UserView) => Revision,
    opts: UserReadOptions & { readRoles?: boolean },
  ): Promise<UserView> {
    const hash = passwordHasher();
    return recordingRefusals(scope, action, id, () =>
      inSqlTransaction(
        scope,
        async (sql) => {
          const current = await lock(sql, scope, id, expectedVersion, Boolean(opts.withRoles || opts.readRoles));
          return write(sql, scope, current, revise(current), action, hash, opts);
        },
        { resourceType: "User", resourceId: (u) => u.id },
      ),
    );
  }
}

/**
 * The lists every IdP sends again and again: all users in the default order (Okta's import), and
 * a lookup by one attribute before a create (`userName eq "…"`, Entra's `externalId eq "…"`).
 * Their statements' texts come from a small set, so they are prepared.
 */
function isLookup(query: UserListQuery): boolean {
  if (query.orderBy) return false;
  // SCIM adds `isServiceAccount eq false` to every list it makes (service accounts are not its users).
  const where = Object.entries(query.where ?? {}).filter(([k, v]) => v !== undefined && v !== null && !(k === "isServiceAccount" && isEqFalse(v)));
  if (where.length === 0) return true;
  if (where.length !== 1) return false;
  const [field, comparison] = where[0]!;
  if (field === "and" || field === "or" || field === "not" || field === "emails" || field === "customerRoleId") return false;
  const ops = Object.entries(comparison as object).filter(([, v]) => v !== undefined && v !== null);
  return ops.length === 1 && ops[0]![0] === "eq";
}

function isEqFalse(comparison: unknown): boolean {
  const c = comparison as { eq?: unknown; ne?: unknown; pr?: unknown };
  return c.eq === false && c.ne == null && c.pr == null;
}

interface Revision {
  input: UserData;
  mode: ApplyMode;
  /** Whether the user holds CanConfigureCompany, when the lock read it (account-safeguards.ts). */
  holdsConfigure?: boolean;
}

/**
 * Locks the user row (SELECT … FOR UPDATE) before the version check, so two concurrent changes
 * serialise: the second sees the first's result, or fails with PRECONDITION_FAILED when it passed
 * the version it read before.
 */
async function lock(sql: Sql, scope: Scope, id: string, expectedVersion: number | null | undefined, withRoles: boolean): Promise<UserView> {
  const user = isUuid(id) ? await selectUser(sql, scope.principal.companyId, id, { withRoles, forUpdate: true }) : undefined;
  if (!user || hiddenFromScim(scope, user)) throw DomainError.notFound("User", id);
  checkVersion(user, expectedVersion);
  return user;
}

/**
 * Service accounts (the IdP's own SCIM account among them) are not people of the IdP: a change a
 * SCIM request makes cannot reach one, as if it did not exist (an IdP could otherwise deactivate
 * the account it provisions with, and lock itself out).
 */
function hiddenFromScim(scope: Scope, user: UserView): boolean {
  return Boolean(scope.provisioning) && user.isServiceAccount;
}

function checkVersion(user: UserView, expectedVersion: number | null | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== user.version) {
    throw DomainError.versionMismatch(`User ${user.id}`, expectedVersion, user.version);
  }
}

/**
 * Applies a revision to a locked user and writes what changed in one statement, with its audit
 * record. A request that changes nothing keeps the version and lastModified, so ETags stay valid
 * and SailPoint's `meta.lastModified gt` delta sees no change that did not happen.
 */
async function write(
  sql: Sql,
  scope: Scope,
  current: UserView,
  revision: Revision,
  action: string,
  hash: PasswordHasher,
  opts: UserReadOptions,
): Promise<UserView> {
  const { input, mode } = revision;
  const before = stateOf(current);
  const after = applyUserData(before, input, mode, flagDefaults(scope));
  // Whoever sets a password or a userName can sign in as the user; whoever deactivates can lock a company out.
  if (after.userName.toLowerCase() !== before.userName.toLowerCase() || (input.password !== undefined && input.password !== null)) {
    await requireCredentialAuthority(sql, scope, current);
  }
  if (before.active && !after.active) await requireMayDeactivate(sql, scope, current, "deactivate", revision.holdsConfigure);
  const passwordHash = input.password === undefined ? undefined : input.password === null ? null : await checkedHash(sql, scope, input.password, after.userName, hash);
  if (passwordHash === null && current.hasPassword) await requireOtherBreakGlassIfEnforced(sql, scope.principal.companyId, current, "Clearing the password of", "password");
  const changed = diff(snapshot(before), snapshot(after));
  const roles = await applyRoles(sql, scope, current.id, input.roles);
  // The roles attribute is part of the SCIM User: a change of it moves the version (ETag) too.
  if (roles) changed.after.customerRoles = roles;
  if (passwordHash !== undefined) {
    changed.before.password = "(write-only)";
    changed.after.password = passwordHash ? "(set)" : "(cleared)";
  }
  if (Object.keys(changed.after).length === 0) return current;
  // The update is the change's last write: it carries the audit and provisioning records itself.
  recordAudit(sql, scope, { action, targetType: "User", targetId: current.id, before: changed.before, after: changed.after });
  const written = await updateUser(sql, scope.principal.companyId, current.id, after, { emails: "emails" in changed.after, passwordHash }, (n) =>
    takeRecords(sql, n, current),
  );
  if (roles && (opts.withRoles || current.customerRoles)) return (await selectUser(sql, scope.principal.companyId, current.id, { withRoles: true }))!;
  return viewOf({ ...current, ...written, hasPassword: passwordHash === undefined ? current.hasPassword : passwordHash !== null }, after);
}

async function removeUser(sql: Sql, scope: Scope, user: UserView, holdsConfigure?: boolean): Promise<void> {
  await requireMayDeactivate(sql, scope, user, "delete", holdsConfigure);
  const { emails: _emails, ...before } = snapshot(stateOf(user));
  recordAudit(sql, scope, { action: "user.delete", targetType: "User", targetId: user.id, before });
  await deleteUser(sql, scope.principal.companyId, user.id, (n) => takeRecords(sql, n, user.id));
}

/** Users created or replaced through SCIM get the SSO flags (allowSsoLogin, autoAssignRoles); others do not. */
function flagDefaults(scope: Scope): Pick<UserState, "allowSsoLogin" | "autoAssignRoles" | "isServiceAccount"> {
  const fromScim = Boolean(scope.provisioning);
  return { allowSsoLogin: fromScim, autoAssignRoles: fromScim, isServiceAccount: false };
}

function newUserState(userName: string, scope: Scope): UserState {
  return {
    userName,
    externalId: null,
    displayName: null,
    nickName: null,
    title: null,
    userType: null,
    preferredLanguage: null,
    locale: null,
    timezone: null,
    personId: null,
    formattedName: null,
    givenName: null,
    familyName: null,
    middleName: null,
    honorificPrefix: null,
    honorificSuffix: null,
    employeeNumber: null,
    costCenter: null,
    organization: null,
    division: null,
    department: null,
    managerId: null,
    managerDisplayName: null,
    active: true,
    ...flagDefaults(scope),
    extensionAttributes: {},
    emails: [],
  };
}

type RolesChange = RolesByNameChange & { source: MembershipSource };

/** At most this many names in a user's roles attribute. */
const ROLES_MAX = 100;

/**
 * The SCIM User `roles` attribute (RFC 7643 §4.1.2) in the user's own transaction, so a user
 * change and its roles commit together: the named roles become the user's SCIM_ROLES_ATTRIBUTE
 * memberships. Returns what changed, or null when nothing did.
 */
async function applyRoles(sql: Sql, scope: Scope, userId: string, roles: readonly string[] | null | undefined): Promise<RolesChange | null> {
  if (roles === undefined) return null;
  if ((roles ?? []).length > ROLES_MAX) throw DomainError.invalid("roles", `a user names at most ${ROLES_MAX} roles`);
  const source = MembershipSource.SCIM_ROLES_ATTRIBUTE;
  const change = await applyUserRolesByName(sql, scope.principal.companyId, userId, roles ?? [], source);
  return change.added.length || change.removed.length ? { ...change, source } : null;
}

/** Checks a new password against the company's policy (with the userName the user ends up with) and hashes it. */
async function checkedHash(sql: Sql, scope: Scope, password: string, userName: string, hash: PasswordHasher): Promise<string> {
  checkPasswordPolicy(password, await passwordPolicyOf(sql, scope.principal.companyId), userName);
  return hash(password);
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

/** Every modifiable attribute (never the password hash), for change detection and audit. */
function snapshot(state: UserState): UserSnapshot {
  return { ...state, emails: state.emails.map((e) => ({ value: e.value, type: e.type ?? null, primary: e.primary, display: e.display ?? null })) };
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
