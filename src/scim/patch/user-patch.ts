import { parse as parseFilter } from "scim2-parse-filter";
import { scimPatch, NoTarget, InvalidScimPatchRequest, InvalidScimRemoveValue, type ScimPatchOperation, type ScimResource as PatchableResource } from "scim-patch";
import { ScimError } from "../errors.js";
import type { PatchOperation } from "../messages/patch-op.js";
import { definitionAt, isPlainObject } from "../schemas/canonicalize.js";
import { userResourceType } from "../users/user.resource-type.js";

/** The common attributes a PATCH may not touch (RFC 7643 §3.1 id and meta, and schemas); the schemas' own readOnly attributes come from their definitions. */
const COMMON_READ_ONLY = new Set(["id", "meta", "schemas"]);

/**
 * The canonical `type` values of the multi-valued attributes (RFC 7643 §4.1.2, §8.7.1). Entra
 * writes a value that does not exist yet with `replace` on `emails[type eq "work"].value`,
 * `phoneNumbers[type eq "mobile"].value` or `addresses[type eq "work"].streetAddress` and expects
 * it to be added; any other value filter that matches nothing is 400 noTarget (RFC 7644 §3.5.2.3).
 */
const CANONICAL_TYPES: Record<string, readonly string[]> = {
  emails: ["work", "home", "other"],
  phoneNumbers: ["work", "home", "mobile", "fax", "pager", "other"],
  addresses: ["work", "home", "other"],
  ims: ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"],
  photos: ["photo", "thumbnail"],
};

/**
 * Applies normalised operations to a user as fetched (canonical SCIM JSON) with scim-patch
 * (users are small, so read-modify-write is fine; the write carries the version read).
 * Returns the patched document; the caller sends the difference as one updateUser.
 */
export function applyUserPatch(current: Record<string, unknown>, operations: PatchOperation[]): Record<string, unknown> {
  const ops: ScimPatchOperation[] = operations.map((o, i) => {
    checkMutability(o, i, current);
    let value = o.value;
    if (o.target.length === 0 && isPlainObject(value)) {
      // Okta's group rename repeats the resource's own id in the value object; the same id is no change.
      value = Object.fromEntries(Object.entries(value).filter(([k]) => k !== "schemas" && !(k === "id" && value && (value as Record<string, unknown>).id === current.id)));
    }
    return (o.hasValue ? { op: o.op, ...(o.path ? { path: o.path } : {}), value } : { op: o.op, path: o.path }) as ScimPatchOperation;
  });
  let patched = structuredClone(current);
  try {
    // One operation at a time, as scim-patch applies a list: whether a replace through a value
    // filter that matches nothing adds is decided per operation.
    ops.forEach((op, i) => {
      const upsert = isTypeUpsert(operations[i]!);
      patched = scimPatch(patched as unknown as PatchableResource, [op], { mutateDocument: true, treatMissingAsAdd: upsert }) as unknown as Record<string, unknown>;
    });
  } catch (err) {
    throw translatePatchError(err);
  }
  // id and meta are the server's (checked above); put them back in case an operation reached them indirectly.
  patched.id = current.id;
  patched.meta = current.meta;
  return patched;
}

/** `replace` of `<attr>[type eq "<a canonical type of attr>"].<sub>`: Entra's way of setting a value that may not exist yet. */
function isTypeUpsert(o: PatchOperation): boolean {
  if (o.op !== "replace" || !o.path) return false;
  const m = /^([A-Za-z]+)\[(.*)\]\.[A-Za-z$]+$/s.exec(o.path);
  const types = m && Object.hasOwn(CANONICAL_TYPES, m[1]!) ? CANONICAL_TYPES[m[1]!]! : undefined;
  if (!types) return false;
  try {
    const filter = parseFilter(m![2]!) as { op?: string; attrPath?: string; compValue?: unknown };
    return filter.op === "eq" && filter.attrPath?.toLowerCase() === "type" && typeof filter.compValue === "string" && types.includes(filter.compValue.toLowerCase());
  } catch {
    return false;
  }
}

function checkMutability(o: PatchOperation, i: number, current: Record<string, unknown>): void {
  const refuse = (path: string) => ScimError.mutability(`Operations[${i}]: ${path} is readOnly and cannot be changed by PATCH (RFC 7643 §2.2)`);
  const head = o.target[0];
  if (head !== undefined && COMMON_READ_ONLY.has(head)) throw refuse(head);
  // groups (RFC 7643 §4.1.2) and its sub-attributes, the enterprise manager's displayName (set manager.value instead).
  if (o.target.some((_, n) => definitionAt(userResourceType, o.target.slice(0, n + 1))?.mutability === "readOnly")) throw refuse(o.target.join("."));
  if (o.target.length === 0 && isPlainObject(o.value)) {
    for (const key of Object.keys(o.value)) {
      if (key === "id" && o.value.id === current.id) continue;
      if (key === "schemas") continue;
      if (COMMON_READ_ONLY.has(key) || definitionAt(userResourceType, [key])?.mutability === "readOnly") throw refuse(key);
    }
  }
}

function translatePatchError(err: unknown): ScimError {
  if (err instanceof ScimError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof NoTarget) return ScimError.noTarget(message || "no value matches the path's filter");
  if (err instanceof InvalidScimPatchRequest) return ScimError.invalidSyntax(message);
  if (err instanceof InvalidScimRemoveValue) return ScimError.invalidValue(message || "a remove with a value needs a multi-valued target");
  return ScimError.invalidPath(message || "the operation cannot be applied to this path");
}
