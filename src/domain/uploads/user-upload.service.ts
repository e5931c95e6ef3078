import type { EntityManager } from "@mikro-orm/postgresql";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { MAX_DISPLAY_NAME_LENGTH } from "../customer-roles/customer-role-validation.js";
import { bumpRoles } from "../customer-roles/customer-role.repository.js";
import { MembershipSource } from "../customer-roles/membership-source.js";
import { applyUserRolesByName } from "../customer-roles/roles-by-name.js";
import { numbered, sqlOf } from "../../db/sql.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import type { UserData } from "../users/user-input.js";
import type { UserService } from "../users/user.service.js";
import { parseCsv } from "./csv-records.js";
import { UserOrigin } from "../users/user-origin.js";

/** Who may upload users and clear uploaded memberships. */
export const UPLOAD_PERMISSIONS = [Permission.CanManageUsers, Permission.CanConfigureCompany] as const;

export const UPLOAD_COLUMNS = ["userName", "givenName", "familyName", "email", "active", "customerRoles"] as const;
type Column = (typeof UPLOAD_COLUMNS)[number];

/** A file larger than this is a job for SCIM, not an upload; GraphQL's 1 MB body limit comes first anyway. */
const MAX_ROWS = 10_000;
/** Errors listed in one message; the count is always exact. */
const MAX_ERRORS_LISTED = 20;

export type UploadAction = "CREATED" | "UPDATED" | "UNCHANGED";

export interface UploadLine {
  line: number;
  userName: string;
  userId: string;
  action: UploadAction;
  customerRolesAdded: string[];
  customerRolesRemoved: string[];
}

export interface UploadResult {
  dryRun: boolean;
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  createdCustomerRoles: string[];
  lines: UploadLine[];
}

interface Row {
  line: number;
  values: Partial<Record<Column, string>>;
  active?: boolean;
  roles?: string[];
}

class DryRunRollback extends Error {
  constructor(readonly result: UploadResult) {
    super("dry run");
  }
}

/**
 * File-based user upload. A CSV with the
 * columns userName (required), givenName, familyName, email, active and customerRoles
 * (displayNames separated by semicolons) creates or updates users, and makes the listed roles the
 * user's memberships of source `upload`. Ownership works both ways: the upload replaces only
 * upload-owned memberships, and SCIM changes only SCIM-owned ones, so neither undoes the other.
 *
 * The whole file is one transaction: every line is checked first (errors name line and column),
 * then users are written through UserService (its validation, versions and audit events) and
 * roles through applyUserRolesByName (an unknown name creates an unmapped role, as SCIM's roles
 * attribute does). Any error leaves nothing applied; a dry run rolls back after computing.
 */
export class UserUploadService {
  constructor(private readonly users: UserService) {}

  async upload(scope: Scope, csv: string, dryRun: boolean): Promise<UploadResult> {
    requirePermission(scope, ...UPLOAD_PERMISSIONS);
    const { columns, rows } = parseUpload(csv);
    const companyId = scope.principal.companyId;
    try {
      return await inTransaction(scope, async (em) => {
        const txScope: Scope = { ...scope, em };
        const existing = await existingUsers(em, companyId, rows.map((r) => r.values.userName!));
        const result: UploadResult = { dryRun, applied: !dryRun, created: 0, updated: 0, unchanged: 0, membershipsAdded: 0, membershipsRemoved: 0, createdCustomerRoles: [], lines: [] };
        const createdRoleIds: string[] = [];
        for (const row of rows) {
          const userName = row.values.userName!;
          const found = existing.get(userName.toLowerCase());
          let action: UploadAction;
          let userId: string;
          try {
            if (found) {
              const before = found.version;
              const user = await this.users.update(txScope, found.id, await changesFor(txScope, this.users, found.id, row, columns));
              action = user.version !== before ? "UPDATED" : "UNCHANGED";
              userId = user.id;
            } else {
              // A user created by an upload gets its access from the mapping of the roles it lists
              // (One Model's SCIM guide: "assign One Model roles from the mapping ... configured for
              // SSO or File Based User Upload").
              const user = await this.users.create(txScope, { ...newUser(row), autoAssignRoles: true }, { origin: UserOrigin.UPLOAD });
              action = "CREATED";
              userId = user.id;
            }
          } catch (err) {
            throw atLine(err, row.line);
          }
          let added: string[] = [];
          let removed: string[] = [];
          if (row.roles) {
            const change = await applyUserRolesByName(sqlOf(em), companyId, userId, row.roles, MembershipSource.UPLOAD).catch((err) => {
              throw atLine(err, row.line, "customerRoles");
            });
            createdRoleIds.push(...change.createdRoleIds);
            added = change.added;
            removed = change.removed;
            if (added.length || removed.length) {
              recordAudit(em, scope, { action: "user.setCustomerRoles", targetType: "User", targetId: userId, after: { source: MembershipSource.UPLOAD, ...change } });
              if (action === "UNCHANGED") action = "UPDATED";
            }
          }
          result.membershipsAdded += added.length;
          result.membershipsRemoved += removed.length;
          result[action === "CREATED" ? "created" : action === "UPDATED" ? "updated" : "unchanged"]++;
          result.lines.push({ line: row.line, userName, userId, action, customerRolesAdded: added, customerRolesRemoved: removed });
        }
        const names = await roleNames(em, companyId, [...new Set(result.lines.flatMap((l) => [...l.customerRolesAdded, ...l.customerRolesRemoved]))]);
        for (const l of result.lines) {
          l.customerRolesAdded = l.customerRolesAdded.map((id) => names.get(id) ?? id).sort();
          l.customerRolesRemoved = l.customerRolesRemoved.map((id) => names.get(id) ?? id).sort();
        }
        result.createdCustomerRoles = [...new Set(createdRoleIds)].map((id) => names.get(id) ?? id).sort();
        recordAudit(em, scope, {
          action: "user.upload",
          targetType: "Company",
          targetId: companyId,
          after: { rows: rows.length, created: result.created, updated: result.updated, unchanged: result.unchanged, membershipsAdded: result.membershipsAdded, membershipsRemoved: result.membershipsRemoved, createdCustomerRoles: result.createdCustomerRoles },
        });
        if (dryRun) throw new DryRunRollback(result);
        return result;
      });
    } catch (err) {
      if (err instanceof DryRunRollback) return err.result;
      throw err;
    }
  }

  /**
   * Removes every upload-owned membership of the company at once, as One Model's SCIM guide
   * advises before handing roles over to SCIM ("use bulk user upload one last time to clear all
   * Customer Supplied Roles"). SCIM-owned and manual memberships stay. The affected roles'
   * versions are bumped so IdPs polling meta.lastModified see the change. Audited; returns how
   * many went.
   */
  async clearUploadedCustomerRoles(scope: Scope): Promise<number> {
    requirePermission(scope, ...UPLOAD_PERMISSIONS);
    const companyId = scope.principal.companyId;
    return inTransaction(scope, async (em) => {
      const rows: { customer_role_id: string; count: number }[] = await em.execute(
        `with removed as (delete from membership where company_id = ? and source = ? returning customer_role_id)
         select customer_role_id, count(*)::int as count from removed group by customer_role_id`,
        [companyId, MembershipSource.UPLOAD],
      );
      const total = rows.reduce((n, r) => n + r.count, 0);
      if (total === 0) return 0;
      await bumpRoles(sqlOf(em), companyId, rows.map((r) => r.customer_role_id));
      recordAudit(em, scope, {
        action: "customerRole.clearUploadedMemberships",
        targetType: "Company",
        targetId: companyId,
        after: { removedCount: total, customerRoleCount: rows.length, customerRoleIds: rows.slice(0, 1000).map((r) => r.customer_role_id) },
      });
      return total;
    });
  }
}

/** Parses and checks the whole file before anything touches the database. */
function parseUpload(csv: string): { columns: Set<Column>; rows: Row[] } {
  if (typeof csv !== "string" || csv.trim() === "") throw DomainError.invalid("csv", "the file is empty; its first line names the columns (userName is required)");
  const records = parseCsv(csv);
  const [header, ...body] = records;
  if (!header) throw DomainError.invalid("csv", "the file is empty");
  const columnOf = new Map(UPLOAD_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const index: (Column | undefined)[] = [];
  const errors: { where: string; message: string }[] = [];
  header.fields.forEach((raw, i) => {
    const column = columnOf.get(raw.trim().toLowerCase());
    if (!column) errors.push({ where: `line 1, column ${i + 1}`, message: `unknown column "${raw}"; the columns are ${UPLOAD_COLUMNS.join(", ")}` });
    else if (index.includes(column)) errors.push({ where: `line 1, column ${i + 1}`, message: `column ${column} appears twice` });
    index.push(column);
  });
  if (!index.includes("userName")) errors.push({ where: "line 1", message: "the userName column is required" });
  if (body.length > MAX_ROWS) errors.push({ where: `line ${body[MAX_ROWS]!.line}`, message: `at most ${MAX_ROWS} users per upload` });
  if (errors.length) throw uploadError(errors);

  const seen = new Map<string, number>();
  const rows: Row[] = body.map((record) => {
    const values: Partial<Record<Column, string>> = {};
    const at = (column: Column) => `line ${record.line}, column ${column}`;
    if (record.fields.length > header.fields.length) {
      errors.push({ where: `line ${record.line}`, message: `${record.fields.length} fields, but the header names ${header.fields.length} columns` });
    }
    record.fields.forEach((value, i) => {
      const column = index[i];
      if (column) values[column] = value;
    });
    const row: Row = { line: record.line, values };
    const userName = values.userName?.trim() ?? "";
    values.userName = userName;
    if (!userName) errors.push({ where: at("userName"), message: "userName must not be empty" });
    else {
      const first = seen.get(userName.toLowerCase());
      if (first !== undefined) errors.push({ where: at("userName"), message: `${userName} is also on line ${first} (userName ignores case)` });
      seen.set(userName.toLowerCase(), record.line);
    }
    const active = values.active?.trim().toLowerCase();
    if (active) {
      if (["true", "yes", "1"].includes(active)) row.active = true;
      else if (["false", "no", "0"].includes(active)) row.active = false;
      else errors.push({ where: at("active"), message: `expected true or false, not "${values.active}"` });
    }
    const email = values.email?.trim();
    if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) errors.push({ where: at("email"), message: `"${email}" is not an email address` });
    if (index.includes("customerRoles")) {
      // A present column is authoritative for upload-owned roles: an empty cell means none.
      const names = (values.customerRoles ?? "").split(";").map((n) => n.trim()).filter(Boolean);
      for (const n of names) {
        if (n.length > MAX_DISPLAY_NAME_LENGTH) errors.push({ where: at("customerRoles"), message: `a role name is longer than ${MAX_DISPLAY_NAME_LENGTH} characters` });
        if (n.includes("\u0000")) errors.push({ where: at("customerRoles"), message: "a role name contains a NUL character" });
      }
      row.roles = names;
    }
    return row;
  });
  if (errors.length) throw uploadError(errors);
  return { columns: new Set(index.filter((c): c is Column => Boolean(c))), rows };
}

function uploadError(errors: { where: string; message: string }[]): DomainError {
  const listed = errors.slice(0, MAX_ERRORS_LISTED).map((e) => `${e.where}: ${e.message}`);
  const more = errors.length > MAX_ERRORS_LISTED ? `; and ${errors.length - MAX_ERRORS_LISTED} more` : "";
  return DomainError.invalid("csv", `${errors.length} error${errors.length === 1 ? "" : "s"}, nothing was applied: ${listed.join("; ")}${more}`);
}

/** A domain error raised while writing a line, restated with the line (and the column it maps to). */
function atLine(err: unknown, line: number, column?: string): unknown {
  if (!(err instanceof DomainError) || err.code !== "BAD_USER_INPUT") return err;
  const field = column ?? columnOfField(err.field);
  return DomainError.invalid("csv", `1 error, nothing was applied: line ${line}${field ? `, column ${field}` : ""}: ${err.message}`, err.reason);
}

function columnOfField(field: string | undefined): string | undefined {
  if (!field) return undefined;
  if (field.startsWith("name.")) return field.slice(5);
  if (field.startsWith("emails")) return "email";
  return field;
}

function newUser(row: Row): UserData {
  const v = row.values;
  return {
    userName: v.userName!,
    name: v.givenName || v.familyName ? { givenName: v.givenName?.trim() || null, familyName: v.familyName?.trim() || null } : undefined,
    emails: v.email?.trim() ? [{ value: v.email.trim(), type: "work", primary: true }] : undefined,
    active: row.active ?? true,
  };
}

/** The partial update of an existing user: an empty or absent cell keeps the stored value. */
async function changesFor(scope: Scope, users: UserService, userId: string, row: Row, columns: Set<Column>): Promise<UserData> {
  const v = row.values;
  const input: UserData = {};
  const name: { givenName?: string; familyName?: string } = {};
  if (columns.has("givenName") && v.givenName?.trim()) name.givenName = v.givenName.trim();
  if (columns.has("familyName") && v.familyName?.trim()) name.familyName = v.familyName.trim();
  if (Object.keys(name).length) input.name = name;
  if (row.active !== undefined) input.active = row.active;
  const email = columns.has("email") ? v.email?.trim() : undefined;
  if (email) {
    const user = await users.byId(scope, userId);
    const emails = user.emails;
    const primary = emails.find((e) => e.primary) ?? emails[0];
    // The uploaded address becomes the primary work email; the user's other addresses stay.
    if (primary?.value.toLowerCase() !== email.toLowerCase()) {
      input.emails = [
        { value: email, type: "work", primary: true },
        ...emails.filter((e) => e.value.toLowerCase() !== email.toLowerCase()).map((e) => ({ value: e.value, type: e.type ?? null, primary: false, display: e.display ?? null })),
      ];
    }
  }
  return input;
}

async function existingUsers(em: EntityManager, companyId: string, userNames: string[]): Promise<Map<string, { id: string; version: number }>> {
  if (userNames.length === 0) return new Map();
  const rows = await sqlOf(em).query<{ id: string; name: string; version: number }>(
    numbered(`select id, lower(user_name) as name, version from user_account where company_id = ? and lower(user_name) = any(?::text[])`),
    [companyId, userNames.map((n) => n.toLowerCase())],
  );
  return new Map(rows.map((r) => [r.name, { id: r.id, version: r.version }]));
}

async function roleNames(em: EntityManager, companyId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlOf(em).query<{ id: string; display_name: string }>(numbered(`select id, display_name from customer_role where company_id = ? and id = any(?::uuid[])`), [
    companyId,
    ids,
  ]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
