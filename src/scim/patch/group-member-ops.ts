import { ScimError } from "../errors.js";
import { parseFilter, type Filter } from "../filter/parse.js";
import type { PatchCustomerRoleInput } from "../generated/graphql.js";
import { GROUP_MEMBER_SOURCE, memberIdsOf } from "../groups/group.mapper.js";
import type { PatchOperation } from "../messages/patch-op.js";
import { isPlainObject } from "../schemas/canonicalize.js";

/**
 * A Group PATCH (RFC 7644 §3.5.2) as ONE patchCustomerRole input, so the request is one
 * transaction, computed from the operations alone: the member list is never read. This is where
 * rolebridge departs from read-modify-write (scim-patch, SCIMMY): a role of 50,000 members costs
 * what a role of 10 does, and concurrent PATCHes of one group cannot lose each other's changes,
 * because the domain applies the adds and removes as set-based SQL under the role's row lock.
 *
 * Operations are folded in order into the net change, so a PATCH means what applying its
 * operations one after another would mean (RFC 7644 §3.5.2: "each operation … applied in sequence"):
 * - `add` of members adds them, `remove` with a list or a `members[value eq "…"]` path removes them;
 * - `replace` of members, and `remove` of `members` without a value (every member), set the whole
 *   SCIM_GROUP membership; later adds and removes then change that list;
 * - displayName and externalId with or without a path (Okta renames with
 *   `{"op":"replace","value":{"id":"<group id>","displayName":"New"}}`).
 * Everything is for memberships of source SCIM_GROUP; upload and manual memberships stay.
 */
export function groupPatchInput(operations: PatchOperation[], groupId: string, notes?: Set<string>): PatchCustomerRoleInput {
  const fold = new MemberFold();
  const input: PatchCustomerRoleInput = { source: GROUP_MEMBER_SOURCE };
  operations.forEach((o, i) => {
    const at = `Operations[${i}]`;
    const [head, ...rest] = o.target;
    if (head === undefined) {
      // add/replace without a path: a value object of attributes (normalize.ts guarantees an object).
      if (!isPlainObject(o.value)) throw ScimError.invalidSyntax(`${at}: ${o.op} without a path needs a value object of attributes`);
      for (const [key, value] of Object.entries(o.value)) {
        applyAttribute(o.op === "add" ? "add" : "replace", key, value, true, `${at}.value.${key}`, { input, fold, groupId, notes });
      }
      return;
    }
    if (head === "members") {
      if (o.path && /\[/.test(o.path)) {
        if (rest.length) throw ScimError.invalidPath(`${at}: members have no sub-attribute to change; add or remove whole members`);
        if (o.op !== "remove") throw ScimError.mutability(`${at}: a member is added or removed, not changed in place (members.value is immutable)`);
        fold.remove(memberIdsFromPath(o.path, at));
        return;
      }
      if (rest.length) throw ScimError.invalidPath(`${at}: '${o.path}': add or remove whole members with the path members`);
      if (o.op === "remove" && !o.hasValue) {
        // RFC 7644 §3.5.2.2: remove with path members and no filter removes every member (here: every SCIM_GROUP member).
        fold.replace([]);
        return;
      }
      if (o.op === "remove") notes?.add("remove-members-with-value");
      applyAttribute(o.op, "members", o.value, o.hasValue, `${at}.value`, { input, fold, groupId, notes });
      return;
    }
    if (rest.length) throw ScimError.invalidPath(`${at}: '${o.path}' names no attribute of a Group`);
    applyAttribute(o.op, head, o.value, o.hasValue, `${at}.value`, { input, fold, groupId, notes });
  });
  return { ...input, ...fold.result() };
}

interface FoldContext {
  input: PatchCustomerRoleInput;
  fold: MemberFold;
  groupId: string;
  notes?: Set<string>;
}

/** One attribute of a Group, named by a path or by a key of a value object. */
function applyAttribute(op: PatchOperation["op"], key: string, value: unknown, hasValue: boolean, at: string, c: FoldContext): void {
  switch (key) {
    case "displayName":
      if (op === "remove") throw ScimError.invalidValue(`${at}: displayName is required and cannot be removed (RFC 7643 §4.2)`);
      if (typeof value !== "string") throw ScimError.invalidValue(`${at}: displayName must be a string`);
      c.input.displayName = value;
      return;
    case "externalId":
      if (op === "remove") c.input.externalId = null;
      else if (value === null || typeof value === "string") c.input.externalId = value;
      else throw ScimError.invalidValue(`${at}: externalId must be a string`);
      return;
    case "members": {
      if (!hasValue) throw ScimError.invalidSyntax(`${at}: ${op} of members needs a value`);
      const ids = value === null ? [] : memberIdsOf(value, at, c.notes);
      if (op === "add") c.fold.add(ids);
      else if (op === "remove") c.fold.remove(ids);
      else c.fold.replace(ids);
      return;
    }
    case "schemas":
      return;
    case "id":
      // Okta's rename repeats the group's own id in the value object; the same id is no change.
      if (op !== "remove" && value === c.groupId) {
        c.notes?.add("okta-value-object-id");
        return;
      }
      throw ScimError.mutability(`${at}: id is readOnly (RFC 7643 §3.1)`);
    case "meta":
      throw ScimError.mutability(`${at}: meta is readOnly (RFC 7643 §3.1)`);
    default:
      throw ScimError.invalidPath(`${at}: a Group has no attribute '${key.slice(0, 100)}' (RFC 7643 §4.2: displayName, members, externalId)`);
  }
}

/**
 * The user ids a `members[…]` path selects. Only `value eq "<id>"` comparisons, alone or joined
 * with `or`, are accepted (Okta sends one, some clients several): any other filter could only be
 * evaluated against the member list, which a Group PATCH never reads.
 */
function memberIdsFromPath(path: string, at: string): string[] {
  const m = /^members\[(.*)\]$/s.exec(path);
  if (!m) throw ScimError.invalidPath(`${at}: '${path.slice(0, 200)}' is not a members value path`);
  const ids: string[] = [];
  const walk = (f: Filter): void => {
    if (f.op === "or") {
      for (const child of (f as { filters: Filter[] }).filters) walk(child);
      return;
    }
    const c = f as Filter & { attrPath?: string; compValue?: unknown };
    if (f.op === "eq" && c.attrPath?.toLowerCase() === "value" && typeof c.compValue === "string") {
      ids.push(c.compValue);
      return;
    }
    throw ScimError.invalidFilter(
      `${at}: a members filter in a PATCH path compares value with eq, alone or joined with or (members[value eq "<user id>"]); '${path.slice(0, 200)}' needs the member list, which rolebridge does not read`,
    );
  };
  walk(parseFilter(m[1]!));
  return ids;
}

/**
 * The net member change of a sequence of operations. Before any replace it is a delta (add A,
 * remove D, disjoint); after a replace it is the whole list, which later adds and removes edit.
 */
class MemberFold {
  private replaced: Set<string> | undefined;
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();

  add(ids: string[]): void {
    for (const id of ids) {
      if (this.replaced) this.replaced.add(id);
      else {
        this.added.add(id);
        this.removed.delete(id);
      }
    }
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      if (this.replaced) this.replaced.delete(id);
      else {
        this.removed.add(id);
        this.added.delete(id);
      }
    }
  }

  replace(ids: string[]): void {
    this.replaced = new Set(ids);
    this.added.clear();
    this.removed.clear();
  }

  result(): Pick<PatchCustomerRoleInput, "addUserIds" | "removeUserIds" | "replaceUserIds"> {
    if (this.replaced) return { replaceUserIds: [...this.replaced] };
    return {
      ...(this.added.size ? { addUserIds: [...this.added] } : {}),
      ...(this.removed.size ? { removeUserIds: [...this.removed] } : {}),
    };
  }
}
