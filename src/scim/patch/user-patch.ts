import { scimPatch, NoTarget, InvalidScimPatchRequest, InvalidScimRemoveValue, type ScimPatchOperation, type ScimResource as PatchableResource } from "scim-patch";
import { ScimError } from "../errors.js";
import type { PatchOperation } from "../messages/patch-op.js";
import { isPlainObject } from "../schemas/canonicalize.js";
import { ENTERPRISE_USER_SCHEMA } from "../schemas/enterprise-user.schema.js";

/** Attributes a PATCH may not touch (RFC 7643 §3.1 id/meta, §4.1.2 groups: readOnly). */
const READ_ONLY_TOP = new Set(["id", "meta", "groups", "schemas"]);

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
  let patched: Record<string, unknown>;
  try {
    patched = scimPatch(structuredClone(current) as unknown as PatchableResource, ops, { mutateDocument: true, treatMissingAsAdd: true }) as unknown as Record<string, unknown>;
  } catch (err) {
    throw translatePatchError(err);
  }
  // id and meta are the server's (checked above); put them back in case an operation reached them indirectly.
  patched.id = current.id;
  patched.meta = current.meta;
  return patched;
}

function checkMutability(o: PatchOperation, i: number, current: Record<string, unknown>): void {
  const head = o.target[0];
  if (head !== undefined && READ_ONLY_TOP.has(head)) {
    throw ScimError.mutability(`Operations[${i}]: ${head} is readOnly and cannot be changed by PATCH (RFC 7643 §3.1)`);
  }
  if (head === ENTERPRISE_USER_SCHEMA && o.target[1] === "manager" && o.target[2] === "displayName") {
    throw ScimError.mutability(`Operations[${i}]: manager.displayName is readOnly; set manager.value`);
  }
  if (o.target.length === 0 && isPlainObject(o.value)) {
    for (const key of Object.keys(o.value)) {
      if (key === "id" && o.value.id === current.id) continue;
      if (key === "schemas") continue;
      if (READ_ONLY_TOP.has(key)) throw ScimError.mutability(`Operations[${i}]: ${key} is readOnly and cannot be changed by PATCH (RFC 7643 §3.1)`);
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
