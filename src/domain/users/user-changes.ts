import { DomainError } from "../errors.js";
import { ENTERPRISE_FIELDS, type ExtensionAttributeUpdate, NAME_FIELDS, PLAIN_STRING_FIELDS, type UserData } from "./user-input.js";
import { checkExtensionAttributes, normalizeUserName } from "./user-validation.js";
import type { UserState } from "./user.repository.js";

/**
 * A user's attributes after an input is applied, under `update` (what is left out is kept) or
 * `replace` (what is left out is reset; a create is the replace of a new user). The password and
 * the roles are not attributes of the row and are applied by the caller.
 */
export function applyUserData(
  state: UserState,
  input: UserData,
  mode: "update" | "replace",
  flagDefaults: Pick<UserState, "allowSsoLogin" | "autoAssignRoles" | "isServiceAccount">,
): UserState {
  const reset = mode === "replace";
  const next: UserState = { ...state };
  if (input.userName !== undefined && input.userName !== null) next.userName = normalizeUserName(input.userName);
  for (const key of PLAIN_STRING_FIELDS) {
    const value = input[key];
    if (value !== undefined) next[key] = value;
    else if (reset) next[key] = null;
  }
  // `name` and `enterprise`: null clears every part, an object merges part by part.
  for (const [part, key] of Object.entries(NAME_FIELDS) as [keyof typeof NAME_FIELDS, (typeof NAME_FIELDS)[keyof typeof NAME_FIELDS]][]) {
    const value = input.name === null ? null : input.name?.[part];
    if (value !== undefined) next[key] = value;
    else if (reset) next[key] = null;
  }
  for (const key of ENTERPRISE_FIELDS) {
    const value = input.enterprise === null ? null : input.enterprise?.[key];
    if (value !== undefined) next[key] = value;
    else if (reset) next[key] = null;
  }
  if (input.emails !== undefined || reset) {
    next.emails = (input.emails ?? []).map((e) => ({ value: e.value, type: e.type ?? null, primary: e.primary ?? false, display: e.display ?? null }));
  }
  if (input.extensionAttributes !== undefined || reset) next.extensionAttributes = input.extensionAttributes ?? {};
  if (input.extensionAttributeUpdates?.length) {
    next.extensionAttributes = withUpdates(next.extensionAttributes, input.extensionAttributeUpdates);
    checkExtensionAttributes(next.extensionAttributes);
  }
  // A boolean has no "absent" value: null or, on replace, left out means its default.
  if (input.active !== undefined || reset) next.active = input.active ?? true;
  for (const key of ["allowSsoLogin", "autoAssignRoles", "isServiceAccount"] as const) {
    if (input[key] !== undefined || reset) next[key] = input[key] ?? flagDefaults[key];
  }
  return next;
}

function storedKey(object: Record<string, unknown>, name: string): string {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower) ?? name;
}

/** Keys that would reach Object.prototype if assigned. */
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * `extensionAttributes` with each update applied in order: the value at `path` is set, or removed
 * when the value is null; objects on the way are created. Keys left out are kept (the PUT rule
 * for attributes rolebridge does not model). A key matches a stored one ignoring case, whose
 * spelling stays, since the attribute names IdPs send are case-insensitive (RFC 7643 §2.1).
 */
function withUpdates(attributes: Record<string, unknown>, updates: readonly ExtensionAttributeUpdate[]): Record<string, unknown> {
  const root: Record<string, unknown> = structuredClone(attributes);
  updates.forEach((update, i) => {
    const field = `extensionAttributeUpdates[${i}].path`;
    if (!Array.isArray(update.path) || update.path.length === 0 || !update.path.every((k) => typeof k === "string" && k !== "")) {
      throw DomainError.invalid(field, "path must name at least one key");
    }
    if (update.path.some((k) => UNSAFE_KEYS.has(k))) throw DomainError.invalid(field, "path names a key that cannot be stored");
    let target = root;
    for (const name of update.path.slice(0, -1)) {
      const key = storedKey(target, name);
      const child = target[key];
      if (typeof child !== "object" || child === null || Array.isArray(child)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    const last = storedKey(target, update.path[update.path.length - 1]!);
    if (update.value === null || update.value === undefined) delete target[last];
    else target[last] = update.value;
  });
  return root;
}
