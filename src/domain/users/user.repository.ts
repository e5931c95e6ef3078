import { prepared, type PreparedStatement, type Sql, timestampOf } from "../../db/sql.js";
import { Permission } from "../access-roles/permission.js";
import { permissionsExpression } from "../access-roles/permissions.query.js";
import { CHANGE_TIME } from "../change-time.js";
import { OutboxStatus } from "../outbox/outbox-message.entity.js";
import type { RecordsClause } from "../unit-of-work.js";
import type { ScimDeleteMode } from "../companies/company.entity.js";
import { type PageRequest, type RowPage, selectPageRows, type SortSpec } from "../paging.js";
import type { CompiledWhere } from "../where.js";
import type { ExtensionAttributes } from "./user.entity.js";
import type { UserOrigin } from "./user-origin.js";
import { type UserEmailView, type UserView, type UserViewRow, toUserView, userViewColumns } from "./user.view.js";

/**
 * The SQL of users: every statement names the company (hand-built SQL sees no tenant filter) and
 * reads or writes a user with its emails in one statement. Change times are the database's
 * (CHANGE_TIME), so a user's `meta.lastModified` never goes backwards across instances.
 */

/** The modifiable attributes of a user, flat, as the columns hold them. */
export interface UserState {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  nickName: string | null;
  title: string | null;
  userType: string | null;
  preferredLanguage: string | null;
  locale: string | null;
  timezone: string | null;
  personId: string | null;
  formattedName: string | null;
  givenName: string | null;
  familyName: string | null;
  middleName: string | null;
  honorificPrefix: string | null;
  honorificSuffix: string | null;
  employeeNumber: string | null;
  costCenter: string | null;
  organization: string | null;
  division: string | null;
  department: string | null;
  managerId: string | null;
  managerDisplayName: string | null;
  active: boolean;
  allowSsoLogin: boolean;
  autoAssignRoles: boolean;
  isServiceAccount: boolean;
  extensionAttributes: ExtensionAttributes;
  emails: UserEmailView[];
}

/** Each scalar attribute's column. */
const COLUMNS: Record<Exclude<keyof UserState, "emails">, string> = {
  userName: "user_name",
  externalId: "external_id",
  displayName: "display_name",
  nickName: "nick_name",
  title: "title",
  userType: "user_type",
  preferredLanguage: "preferred_language",
  locale: "locale",
  timezone: "timezone",
  personId: "person_id",
  formattedName: "formatted_name",
  givenName: "given_name",
  familyName: "family_name",
  middleName: "middle_name",
  honorificPrefix: "honorific_prefix",
  honorificSuffix: "honorific_suffix",
  employeeNumber: "employee_number",
  costCenter: "cost_center",
  organization: "organization",
  division: "division",
  department: "department",
  managerId: "manager_id",
  managerDisplayName: "manager_display_name",
  active: "active",
  allowSsoLogin: "allow_sso_login",
  autoAssignRoles: "auto_assign_roles",
  isServiceAccount: "is_service_account",
  extensionAttributes: "extension_attributes",
};
const SCALARS = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

export function stateOf(view: UserView): UserState {
  return {
    userName: view.userName,
    externalId: view.externalId,
    displayName: view.displayName,
    nickName: view.nickName,
    title: view.title,
    userType: view.userType,
    preferredLanguage: view.preferredLanguage,
    locale: view.locale,
    timezone: view.timezone,
    personId: view.personId,
    formattedName: view.name.formatted,
    givenName: view.name.givenName,
    familyName: view.name.familyName,
    middleName: view.name.middleName,
    honorificPrefix: view.name.honorificPrefix,
    honorificSuffix: view.name.honorificSuffix,
    ...view.enterprise,
    active: view.active,
    allowSsoLogin: view.allowSsoLogin,
    autoAssignRoles: view.autoAssignRoles,
    isServiceAccount: view.isServiceAccount,
    extensionAttributes: view.extensionAttributes,
    emails: view.emails,
  };
}

/** The view of a user whose state is `state`, keeping what the state does not hold (id, times, roles). */
export function viewOf(base: Pick<UserView, "id" | "createdAt" | "updatedAt" | "version" | "customerRoles" | "hasPassword" | "origin">, state: UserState): UserView {
  return {
    ...base,
    userName: state.userName,
    externalId: state.externalId,
    displayName: state.displayName,
    nickName: state.nickName,
    title: state.title,
    userType: state.userType,
    preferredLanguage: state.preferredLanguage,
    locale: state.locale,
    timezone: state.timezone,
    active: state.active,
    personId: state.personId,
    allowSsoLogin: state.allowSsoLogin,
    autoAssignRoles: state.autoAssignRoles,
    isServiceAccount: state.isServiceAccount,
    extensionAttributes: state.extensionAttributes,
    name: {
      formatted: state.formattedName,
      givenName: state.givenName,
      familyName: state.familyName,
      middleName: state.middleName,
      honorificPrefix: state.honorificPrefix,
      honorificSuffix: state.honorificSuffix,
    },
    emails: state.emails,
    enterprise: {
      employeeNumber: state.employeeNumber,
      costCenter: state.costCenter,
      organization: state.organization,
      division: state.division,
      department: state.department,
      managerId: state.managerId,
      managerDisplayName: state.managerDisplayName,
    },
  };
}

/** One user of the company, or undefined. `forUpdate` locks the row until the transaction ends. */
export async function selectUser(
  sql: Sql,
  companyId: string,
  id: string,
  opts: { withRoles: boolean; forUpdate?: boolean },
): Promise<UserView | undefined> {
  const text = statement(`select:${opts.withRoles}:${opts.forUpdate ?? false}`, () =>
    `select ${userViewColumns(opts.withRoles)} from user_account u where u.id = $1 and u.company_id = $2${opts.forUpdate ? " for update of u" : ""}`,
  );
  const [row] = await sql.query<UserViewRow>(text, [id, companyId]);
  return row && toUserView(row);
}

/** The statements of this module, each built once (their texts are fixed, so they are prepared). */
const statements = new Map<string, PreparedStatement>();

function statement(key: string, build: () => string): PreparedStatement {
  let found = statements.get(key);
  if (!found) statements.set(key, (found = prepared(build())));
  return found;
}

/** Users of the company by id (unknown ids are left out), in one statement. */
export async function selectUsers(sql: Sql, companyId: string, ids: readonly string[]): Promise<UserView[]> {
  const text = statement("select-many", () => `select ${userViewColumns(false)} from user_account u where u.company_id = $1 and u.id = any($2::uuid[])`);
  const rows = await sql.query<UserViewRow>(text, [companyId, ids]);
  return rows.map(toUserView);
}

/** Locks a user for a change and reads it with what SCIM DELETE does in its company. */
export async function lockUserForDeprovision(
  sql: Sql,
  companyId: string,
  id: string,
): Promise<{ user: UserView; deleteMode: ScimDeleteMode; holdsConfigure: boolean } | undefined> {
  // Whether the user configures the company comes with the lock: only then does a DELETE need to
  // look for another configurator (account-safeguards.ts), so the usual DELETE costs no statement more.
  const text = statement(
    "lock-for-deprovision",
    () => `select ${userViewColumns(false)}, c.scim_delete_mode,
                  ${permissionsExpression("u.id", "u.company_id", "u.auto_assign_roles")} @> array['${Permission.CanConfigureCompany}'] as holds_configure
             from user_account u join company c on c.id = u.company_id
            where u.id = $1 and u.company_id = $2 for update of u`,
  );
  const [row] = await sql.query<UserViewRow & { scim_delete_mode: ScimDeleteMode; holds_configure: boolean }>(text, [id, companyId]);
  return row && { user: toUserView(row), deleteMode: row.scim_delete_mode, holdsConfigure: row.holds_configure };
}

/** A page of the company's users matching `where` (over `user_account u`), each with its emails and, when asked, its roles: one statement. */
export async function selectUserPage(
  sql: Sql,
  q: { where: CompiledWhere; sort: SortSpec; page: PageRequest; withRoles: boolean; prepare: boolean },
): Promise<RowPage<UserView>> {
  const page = await selectPageRows<UserViewRow>(sql, {
    table: "user_account u",
    idColumn: "u.id",
    where: q.where,
    sort: q.sort,
    page: q.page,
    columns: userViewColumns(q.withRoles),
    prepare: q.prepare,
  });
  return { ...page, rows: page.rows.map(toUserView) };
}

/** Inserts a user with its emails, in one statement; returns what the database assigned. */
export async function insertUser(
  sql: Sql,
  companyId: string,
  id: string,
  state: UserState,
  passwordHash: string | null,
  origin: UserOrigin,
  records?: CarriedRecords,
  invitation?: NewInvitation,
): Promise<{ id: string; version: number; createdAt: Date; updatedAt: Date }> {
  const values: unknown[] = [companyId, passwordHash, id, origin, ...SCALARS.map((k) => columnValue(k, state[k]))];
  const withEmails = state.emails.length > 0;
  if (withEmails) values.push(emailsParameter(state.emails));
  const invitationParam = values.length + 1;
  if (invitation) values.push(invitation.invitationId, invitation.outboxMessageId, invitation.email, invitation.messageId);
  const carried = records?.(values.length + 1);
  if (carried) values.push(...carried.values);
  const text = statement(`insert:${withEmails}:${Boolean(invitation)}:${carried?.shape}`, () => {
    // The new row is visible to the emails' insert only through RETURNING, hence `from inserted`.
    const emails = withEmails ? `, emails as (${emailInsert("inserted", SCALARS.length + 5)})` : "";
    return `with inserted as (
       insert into user_account (id, company_id, password_hash, origin, ${SCALARS.map((k) => COLUMNS[k]).join(", ")}, is_platform_operator, version, created_at, updated_at)
       values ($3, $1, $2, $4, ${SCALARS.map((_, i) => `$${i + 5}`).join(", ")}, false, 1, ${CHANGE_TIME}, ${CHANGE_TIME})
       returning id, company_id, version, created_at, updated_at)${emails}${invitation ? invitationInsert("inserted", invitationParam) : ""}${carried?.ctes ?? ""}
     select * from inserted`;
  });
  const [row] = await sql.query<{ id: string; version: number; created_at: string; updated_at: string }>(text, values);
  return { id: row!.id, version: row!.version, createdAt: timestampOf(row!.created_at), updatedAt: timestampOf(row!.updated_at) };
}

/**
 * Writes a user's attributes (all of them, so the statement's text is fixed and prepared; the
 * caller writes only when something changed), the password hash when given, bumps the version and
 * stamps the time, in one statement; the emails are replaced in the same statement when they changed.
 */
export async function updateUser(
  sql: Sql,
  companyId: string,
  id: string,
  state: UserState,
  changes: { emails: boolean; passwordHash?: string | null },
  records?: CarriedRecords,
): Promise<{ version: number; updatedAt: Date }> {
  const values: unknown[] = [id, companyId, ...SCALARS.map((k) => columnValue(k, state[k]))];
  const withPassword = changes.passwordHash !== undefined;
  if (withPassword) values.push(changes.passwordHash);
  const replaceEmails = changes.emails;
  const addEmails = replaceEmails && state.emails.length > 0;
  if (addEmails) values.push(emailsParameter(state.emails));
  const carried = records?.(values.length + 1);
  if (carried) values.push(...carried.values);
  const text = statement(`update:${withPassword}:${replaceEmails}:${addEmails}:${carried?.shape}`, () => {
    const set = SCALARS.map((k, i) => `${COLUMNS[k]} = $${i + 3}`);
    if (withPassword) set.push(`password_hash = $${SCALARS.length + 3}`);
    let emails = "";
    if (replaceEmails) emails = `, removed as (delete from user_email where user_id = $1 and company_id = $2)`;
    if (addEmails) emails += `, added as (${emailInsert("(select $1::uuid as id, $2::uuid as company_id)", SCALARS.length + 3 + (withPassword ? 1 : 0))})`;
    return `with updated as (
       update user_account set ${[...set, "version = version + 1", `updated_at = ${CHANGE_TIME}`].join(", ")}
        where id = $1 and company_id = $2
        returning version, updated_at)${emails}${carried?.ctes ?? ""}
     select * from updated`;
  });
  const [row] = await sql.query<{ version: number; updated_at: string }>(text, values);
  return { version: row!.version, updatedAt: timestampOf(row!.updated_at) };
}

/** Removes a user; its emails, memberships, direct roles and app passwords go with it (ON DELETE CASCADE). */
export async function deleteUser(sql: Sql, companyId: string, id: string, records?: CarriedRecords): Promise<void> {
  const carried = records?.(3);
  const text = statement(`delete:${carried?.shape}`, () => `with removed as (delete from user_account where id = $1 and company_id = $2 returning id)${carried?.ctes ?? ""} select count(*) from removed`);
  await sql.query(text, [id, companyId, ...(carried?.values ?? [])]);
}

/**
 * A password invitation to write with a new user (the transactional outbox): the invitation and
 * its email to send commit with the user or not at all. Written only when the company lets the
 * user sign in with a password, which the statement reads itself (a company enforcing SSO gets none).
 */
export interface NewInvitation {
  invitationId: string;
  outboxMessageId: string;
  email: string;
  /** RFC 5322 Message-ID, kept for every attempt to send it. */
  messageId: string;
}

/** The invitation and outbox CTEs of {@link NewInvitation}, from the parameters `$<param>`… over the relation `user`. */
function invitationInsert(user: string, param: number): string {
  return `, invitation_row as (
       insert into invitation (id, company_id, user_id, email, expires_at, created_at)
       select $${param}, u.company_id, u.id, $${param + 2}, ${CHANGE_TIME} + make_interval(hours => c.invitation_ttl_hours), ${CHANGE_TIME}
         from ${user} u join company c on c.id = u.company_id
        where not c.sso_enforced
       returning id, company_id)
     , invitation_message as (
       insert into outbox_message (id, company_id, invitation_id, recipient, status, attempts, next_attempt_at, message_id, created_at)
       select $${param + 1}, i.company_id, i.id, $${param + 2}, '${OutboxStatus.PENDING}', 0, ${CHANGE_TIME}, $${param + 3}, ${CHANGE_TIME}
         from invitation_row i)`;
}

/**
 * The records of the change's transaction (its AuditEvents and ProvisioningEvent), for the change's
 * last statement to write as CTEs of its own, parameters from `firstParam` on (takeRecords).
 */
export type CarriedRecords = (firstParam: number) => RecordsClause | undefined;

/**
 * An insert of a user's emails, in order, from the JSON parameter `$<param>`
 * ({@link emailsParameter}). `user` is SQL for a relation with the user's `id` and `company_id`.
 */
function emailInsert(user: string, param: number): string {
  return `insert into user_email (id, company_id, user_id, value, type, "primary", display, position)
          select gen_random_uuid(), u.company_id, u.id, e.value, e.type, e."primary", e.display, e.position
            from ${user} u, jsonb_to_recordset($${param}::jsonb) as e(value text, type text, "primary" boolean, display text, position int)`;
}

function emailsParameter(emails: UserEmailView[]): string {
  return JSON.stringify(emails.map((e, position) => ({ ...e, position })));
}

function columnValue(key: keyof typeof COLUMNS, value: unknown): unknown {
  // jsonb: pg would send a JS object as JSON anyway, but an array would become a PostgreSQL array.
  return key === "extensionAttributes" ? JSON.stringify(value ?? {}) : value;
}
