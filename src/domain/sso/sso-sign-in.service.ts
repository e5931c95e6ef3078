import type { EntityManager } from "@mikro-orm/postgresql";
import { LockMode } from "@mikro-orm/postgresql";
import { numbered, sqlOf, type Sql } from "../../db/sql.js";
import { recordAudit, recordRefusal } from "../audit/audit.service.js";
import { Company } from "../companies/company.entity.js";
import { validDisplayName } from "../customer-roles/customer-role-validation.js";
import { MembershipSource } from "../customer-roles/membership-source.js";
import { applyUserRolesByName } from "../customer-roles/roles-by-name.js";
import { DomainError } from "../errors.js";
import { type Scope, systemScope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import type { UserService } from "../users/user.service.js";
import { SsoConnection, SsoConnectionStatus } from "./sso-connection.entity.js";
import { touch } from "./sso-connection.service.js";
import type { SsoIdentity } from "./sso-identity.js";

/** The user a sign-in found, or the one it created. */
export interface SsoUser {
  id: string;
  userName: string;
}

/** What a sign-in did, or for a test what it would do: shown on the test's page and kept on the connection. */
export interface SsoSignInReport {
  connectionId: string;
  protocol: string;
  /** The claims or attributes as received. */
  received: Record<string, unknown>;
  subject: string;
  email: string | null;
  userName: string | null;
  groups: string[];
  /** The user matched; null when none exists. */
  matchedUser: SsoUser | null;
  /** The userName a just-in-time creation gives (or, outside a test, gave); null when no user is created. */
  createdUserName: string | null;
  /** Why the sign-in is (or would be) refused; null when it succeeds. */
  refusal: string | null;
  /** Whether the user's customer-supplied roles follow the IdP's groups (the user's autoAssignRoles). */
  assignsRoles: boolean;
  /** The customer-supplied roles the groups become, by name. */
  customerRoles: string[];
  /** Groups that name no customer-supplied role and are not created. */
  unknownGroups: string[];
  /** Groups that name no role yet and become new (unmapped) roles, where the company allows it. */
  createdCustomerRoles: string[];
  /** The data-access and app-access roles the mapping gives those customer-supplied roles. */
  dataAccessRoles: string[];
  appAccessRoles: string[];
}

/** The outcome of a real sign-in: the session's user, and the report that is audited. */
export interface SsoSignedIn {
  user: SsoUser;
  report: SsoSignInReport;
}

interface UserRow {
  id: string;
  user_name: string;
  active: boolean;
  allow_sso_login: boolean;
  auto_assign_roles: boolean;
  is_service_account: boolean;
}

const USER_COLUMNS = "u.id, u.user_name, u.active, u.allow_sso_login, u.auto_assign_roles, u.is_service_account";

/**
 * The protocol-independent end of every single sign-on (OIDC and SAML alike): once the protocol
 * layer has verified the IdP's answer, this finds the user, refuses who may not sign in, creates
 * the user just in time when the company allows it, makes the IdP's groups the user's `sso`
 * memberships, and audits the sign-in or its refusal. A test sign-in only reports what it would
 * do, and activates the connection.
 */
export class SsoSignInService {
  constructor(private readonly users: UserService) {}

  /**
   * Signs a user in through `connection`, or throws the refusal (UNAUTHENTICATED or FORBIDDEN,
   * with a message for the person signing in) after auditing it.
   */
  async complete(em: EntityManager, connection: SsoConnection, identity: SsoIdentity): Promise<SsoSignedIn> {
    const companyId = connection.company.id;
    const scope = systemScope(em.fork(), "sso", companyId);
    if (connection.status !== SsoConnectionStatus.ACTIVE) {
      throw await this.refuse(scope, connection, identity, `the SSO connection "${connection.name}" is ${connection.status}; an administrator must activate it with a successful test sign-in`, "FORBIDDEN");
    }
    let report: SsoSignInReport | undefined;
    try {
      const user = await inTransaction(scope, async (tx) => {
        const txScope: Scope = { ...scope, em: tx };
        const sql = sqlOf(tx);
        const company = await tx.findOneOrFail(Company, { id: companyId }, { filters: false });
        const plan = await planSignIn(sql, company, connection, identity, { lock: true });
        report = plan.report;
        if (plan.report.refusal) throw new DomainError(plan.status, plan.report.refusal);
        let user = plan.user;
        if (!user) {
          const created = await this.users.create(txScope, {
            userName: plan.report.createdUserName!,
            name: { givenName: identity.givenName, familyName: identity.familyName },
            emails: identity.email ? [{ value: identity.email, type: "work", primary: true }] : null,
            allowSsoLogin: true,
            autoAssignRoles: true,
          }, { invite: false });
          user = { id: created.id, user_name: created.userName, active: true, allow_sso_login: true, auto_assign_roles: true, is_service_account: false };
        }
        let change: { added: string[]; removed: string[] } = { added: [], removed: [] };
        if (user.auto_assign_roles) {
          const names = [...plan.report.customerRoles, ...plan.report.createdCustomerRoles];
          change = await applyUserRolesByName(sql, companyId, user.id, names, MembershipSource.SSO);
        }
        const roleNames = await namesOf(sql, companyId, [...change.added, ...change.removed]);
        recordAudit(tx, scope, {
          action: "sso.signIn",
          targetType: "User",
          targetId: user.id,
          after: {
            ...auditSummary(plan.report),
            userName: user.user_name,
            customerRolesAdded: change.added.map((id) => roleNames.get(id) ?? id).sort(),
            customerRolesRemoved: change.removed.map((id) => roleNames.get(id) ?? id).sort(),
          },
        });
        return { id: user.id, userName: user.user_name };
      });
      return { user, report: report! };
    } catch (err) {
      if (err instanceof DomainError && (err.code === "UNAUTHENTICATED" || err.code === "FORBIDDEN" || err.code === "BAD_USER_INPUT" || err.code === "CONFLICT")) {
        throw await this.refuse(scope, connection, identity, err.message, err.code === "FORBIDDEN" ? "FORBIDDEN" : "UNAUTHENTICATED", report);
      }
      throw err;
    }
  }

  /**
   * A test sign-in by an administrator (`scope` is theirs): what a sign-in with `identity` would
   * do, changing nothing but the connection, which becomes active (the IdP's answer passed every
   * check of the protocol). The report is audited and kept on the connection.
   */
  async test(scope: Scope, connectionId: string, identity: SsoIdentity): Promise<SsoSignInReport> {
    return inTransaction(scope, async (tx) => {
      const connection = await tx.findOne(SsoConnection, { id: connectionId, company: scope.principal.companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!connection) throw DomainError.notFound("SsoConnection", connectionId);
      const company = await tx.findOneOrFail(Company, { id: scope.principal.companyId }, { filters: false });
      const { report } = await planSignIn(sqlOf(tx), company, connection, identity, { lock: false });
      const before = { status: connection.status };
      connection.status = SsoConnectionStatus.ACTIVE;
      connection.testedAt = new Date();
      connection.lastTestResult = report;
      touch(connection);
      await tx.flush();
      recordAudit(tx, scope, { action: "ssoConnection.test", targetType: "SsoConnection", targetId: connection.id, before, after: { status: connection.status, ...auditSummary(report) } });
      return report;
    });
  }

  /**
   * Audits a refused sign-in and returns the error to answer it with. The protocol layer calls it
   * for what it refuses itself (a state or nonce mismatch, a token that fails validation), with
   * whatever it knows of the identity; `connection` is null when the request named none.
   */
  async refuse(
    scope: Scope,
    connection: SsoConnection | null,
    identity: Partial<SsoIdentity> | null,
    reason: string,
    code: "UNAUTHENTICATED" | "FORBIDDEN" = "UNAUTHENTICATED",
    report?: SsoSignInReport,
  ): Promise<DomainError> {
    await recordRefusal(scope, {
      action: "sso.signInRefused",
      targetType: connection ? "SsoConnection" : "Company",
      targetId: connection?.id ?? scope.principal.companyId,
      after: {
        reason,
        ...(connection ? { connectionId: connection.id, protocol: connection.protocol } : {}),
        subject: identity?.subject ?? null,
        userName: identity?.userName ?? null,
        email: identity?.email ?? null,
        ...(report ? { groups: report.groups, unknownGroups: report.unknownGroups } : {}),
      },
    });
    return new DomainError(code, reason);
  }

  /** The system scope a refusal before any connection is known is audited in (the company from the sign-in URL). */
  refusalScope(em: EntityManager, companyId: string): Scope {
    return systemScope(em.fork(), "sso", companyId);
  }
}

/** The audited part of a report: what came from the IdP and what it meant, not every claim received. */
function auditSummary(r: SsoSignInReport): Record<string, unknown> {
  return {
    connectionId: r.connectionId,
    protocol: r.protocol,
    subject: r.subject,
    email: r.email,
    groups: r.groups,
    matchedUserId: r.matchedUser?.id ?? null,
    createdUserName: r.createdUserName,
    refusal: r.refusal,
    customerRoles: r.customerRoles,
    unknownGroups: r.unknownGroups,
    createdCustomerRoles: r.createdCustomerRoles,
  };
}

interface SignInPlan {
  report: SsoSignInReport;
  user: UserRow | null;
  status: "UNAUTHENTICATED" | "FORBIDDEN";
}

/** Reads everything a sign-in decides on, and decides, changing nothing. */
async function planSignIn(sql: Sql, company: Company, connection: SsoConnection, identity: SsoIdentity, opts: { lock: boolean }): Promise<SignInPlan> {
  const companyId = company.id;
  const report: SsoSignInReport = {
    connectionId: connection.id,
    protocol: connection.protocol,
    received: identity.received,
    subject: identity.subject,
    email: identity.email,
    userName: identity.userName,
    groups: identity.groups,
    matchedUser: null,
    createdUserName: null,
    refusal: null,
    assignsRoles: false,
    customerRoles: [],
    unknownGroups: [],
    createdCustomerRoles: [],
    dataAccessRoles: [],
    appAccessRoles: [],
  };
  let status: SignInPlan["status"] = "UNAUTHENTICATED";
  const found = await findUser(sql, companyId, identity, opts.lock);
  if ("ambiguous" in found) {
    report.refusal = `several users of ${company.slug} have the email ${identity.email}; the IdP must send a userName (preferred_username or a NameID) that names one`;
    return { report, user: null, status };
  }
  const user = found.user;
  if (user) {
    report.matchedUser = { id: user.id, userName: user.user_name };
    if (user.is_service_account) report.refusal = `${user.user_name} is a service account, which never signs in interactively`;
    else if (!user.active) report.refusal = `${user.user_name} is deactivated`;
    else if (!user.allow_sso_login) {
      report.refusal = `${user.user_name} may not sign in with single sign-on (allowSsoLogin is off); an administrator can allow it`;
      status = "FORBIDDEN";
    }
    report.assignsRoles = user.auto_assign_roles;
  } else {
    const userName = identity.userName ?? identity.email;
    if (!company.ssoJitProvisioning) {
      report.refusal = `no user of ${company.slug} matches ${userName ?? `the subject ${identity.subject}`}, and the company does not create users at sign-in`;
      status = "FORBIDDEN";
    } else if (!userName) {
      report.refusal = "the IdP sent neither a userName nor an email, so no user can be created";
    } else {
      report.createdUserName = userName;
      report.assignsRoles = true;
    }
  }
  if (report.assignsRoles) await planRoles(sql, company, identity.groups, report);
  return { report, user, status };
}

/** The user a sign-in names: by userName first (ignoring case, RFC 7643 §4.1.1), then by email. */
async function findUser(sql: Sql, companyId: string, identity: SsoIdentity, lock: boolean): Promise<{ user: UserRow | null } | { ambiguous: true }> {
  const forUpdate = lock ? " for update" : "";
  for (const name of new Set([identity.userName, identity.email].filter((v): v is string => Boolean(v)))) {
    const [row] = await sql.query<UserRow>(
      `select ${USER_COLUMNS} from user_account u where u.company_id = $1 and lower(u.user_name) = lower($2)${forUpdate}`,
      [companyId, name],
    );
    if (row) return { user: row };
  }
  if (!identity.email) return { user: null };
  const rows = await sql.query<UserRow>(
    `select ${USER_COLUMNS} from user_account u
      where u.company_id = $1 and exists (select 1 from user_email e where e.user_id = u.id and e.company_id = $1 and lower(e.value) = lower($2))
      limit 2${forUpdate}`,
    [companyId, identity.email],
  );
  if (rows.length > 1) return { ambiguous: true };
  return { user: rows[0] ?? null };
}

/** Which customer-supplied roles the groups name, which are unknown or would be created, and what the mapping gives them. */
async function planRoles(sql: Sql, company: Company, groups: readonly string[], report: SsoSignInReport): Promise<void> {
  const byLower = new Map<string, string>();
  for (const group of groups) {
    let name: string;
    try {
      name = validDisplayName(group.trim(), "groups");
    } catch {
      report.unknownGroups.push(group);
      continue;
    }
    if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  }
  const existing = byLower.size
    ? await sql.query<{ id: string; display_name: string }>(
        `select id, display_name from customer_role where company_id = $1 and lower(display_name) = any($2::text[])`,
        [company.id, [...byLower.keys()]],
      )
    : [];
  const known = new Set(existing.map((r) => r.display_name.toLowerCase()));
  report.customerRoles = existing.map((r) => r.display_name).sort();
  for (const [lower, name] of byLower) {
    if (known.has(lower)) continue;
    if (company.ssoCreateUnknownGroups) report.createdCustomerRoles.push(name);
    else report.unknownGroups.push(name);
  }
  report.createdCustomerRoles.sort();
  report.unknownGroups.sort();
  const mapped = existing.length
    ? await sql.query<{ kind: "data" | "app"; name: string }>(
        numbered(`select distinct 'data' as kind, d.name from role_mapping rm
                    join role_mapping_data_access_role p on p.role_mapping_id = rm.id
                    join data_access_role d on d.id = p.data_access_role_id and d.company_id = ?
                   where rm.company_id = ? and rm.customer_role_id = any(?::uuid[])
                  union
                  select distinct 'app', a.name from role_mapping rm
                    join role_mapping_app_access_role p on p.role_mapping_id = rm.id
                    join app_access_role a on a.id = p.app_access_role_id and a.company_id = ?
                   where rm.company_id = ? and rm.customer_role_id = any(?::uuid[])`),
        [company.id, company.id, existing.map((r) => r.id), company.id, company.id, existing.map((r) => r.id)],
      )
    : [];
  report.dataAccessRoles = mapped.filter((m) => m.kind === "data").map((m) => m.name).sort();
  report.appAccessRoles = mapped.filter((m) => m.kind === "app").map((m) => m.name).sort();
}

async function namesOf(sql: Sql, companyId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; display_name: string }>(`select id, display_name from customer_role where company_id = $1 and id = any($2::uuid[])`, [
    companyId,
    [...ids],
  ]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
