/**
 * SCIM User JSON ↔ GraphQL User: the one place the two vocabularies meet for users.
 * Attributes rolebridge does not model are kept in `extensionAttributes`, laid out as
 * `{ "<extension schema URN>": { …attributes… }, "<core attribute name>": value }`, and returned
 * exactly as the IdP sent them, so an IdP reads back what it wrote (SailPoint, for one, sends
 * non-standard attributes such as costCenter).
 */
import type { ScimUserFragment, UserInput } from "../generated/graphql.js";
import { ScimError } from "../errors.js";
import { resourceLocation, resourceMeta } from "../messages/meta.js";
import { stringOrNull } from "../messages/resource-body.js";
import { canonicalizeResource, isPlainObject, isUnsafeKey, type CanonicalizeOptions } from "../schemas/canonicalize.js";
import { CUSTOM_USER_SCHEMA } from "../schemas/custom-user.schema.js";
import { ENTERPRISE_USER_SCHEMA, enterpriseUserSchema } from "../schemas/enterprise-user.schema.js";
import { simpleAttributeNames, subAttributeNames } from "../schemas/schema-definition.js";
import { USER_SCHEMA, userSchema } from "../schemas/user.schema.js";
import { userResourceType } from "./user.resource-type.js";

export type ScimResource = Record<string, unknown> & { schemas: string[]; id: string };

// What the mapper models is what the schemas describe (user.schema.ts and its extensions), so
// describing an attribute there is the one edit that makes it modelled.
/** Single-valued string attributes copied as they are (userName, externalId, title…). */
const SIMPLE = simpleAttributeNames(userSchema.attributes) as (keyof UserInput & keyof ScimUserFragment & string)[];
const NAME_PARTS = subAttributeNames(userSchema, "name");
const ENTERPRISE_PARTS = simpleAttributeNames(enterpriseUserSchema.attributes);
/** Top-level keys the mapper models; everything else is kept as an extension attribute. */
const MODELLED = new Set<string>([...userResourceType.common, ...userSchema.attributes.map((a) => a.name), ...userResourceType.extensions.map((e) => e.id)]);

/** GraphQL User → SCIM User (RFC 7643 §4.1): unassigned attributes are left out; password never appears. */
export function toScimUser(user: ScimUserFragment, baseUrl: string): ScimResource {
  const ext = { ...(user.extensionAttributes as Record<string, unknown>) };
  const name = pick(user.name ?? {}, NAME_PARTS);
  const enterprise: Record<string, unknown> = {
    ...(isPlainObject(ext[ENTERPRISE_USER_SCHEMA]) ? (ext[ENTERPRISE_USER_SCHEMA] as Record<string, unknown>) : {}),
    ...pick(user.enterprise ?? {}, ENTERPRISE_PARTS),
  };
  if (user.enterprise?.managerId) {
    enterprise.manager = {
      value: user.enterprise.managerId,
      $ref: resourceLocation(baseUrl, "/Users", user.enterprise.managerId),
      ...(user.enterprise.managerDisplayName ? { displayName: user.enterprise.managerDisplayName } : {}),
    };
  }
  const custom: Record<string, unknown> = {
    ...(isPlainObject(ext[CUSTOM_USER_SCHEMA]) ? (ext[CUSTOM_USER_SCHEMA] as Record<string, unknown>) : {}),
    ...(user.personId != null ? { personId: user.personId } : {}),
  };
  delete ext[ENTERPRISE_USER_SCHEMA];
  delete ext[CUSTOM_USER_SCHEMA];

  const resource: Record<string, unknown> = { schemas: [USER_SCHEMA], id: user.id };
  if (user.externalId != null) resource.externalId = user.externalId;
  resource.userName = user.userName;
  if (Object.keys(name).length) resource.name = name;
  for (const key of SIMPLE) {
    if (key !== "userName" && key !== "externalId" && user[key] != null) resource[key] = user[key];
  }
  resource.active = user.active;
  if (user.emails.length) {
    resource.emails = user.emails.map((e) => ({
      value: e.value,
      ...(e.type != null ? { type: e.type } : {}),
      primary: e.primary,
      ...(e.display != null ? { display: e.display } : {}),
    }));
  }
  // RFC 7643 §4.1.2: groups (readOnly) lists the SCIM Groups the user is a member of, roles the
  // role names the IdP sent in the roles attribute; each from the memberships that source owns.
  const groups = (user.customerRoles ?? []).filter((h) => h.sources.includes("SCIM_GROUP"));
  if (groups.length) {
    resource.groups = groups.map((h) => ({
      value: h.customerRole.id,
      $ref: `${baseUrl}/Groups/${encodeURIComponent(h.customerRole.id)}`,
      display: h.customerRole.displayName,
      type: "direct",
    }));
  }
  const roles = (user.customerRoles ?? []).filter((h) => h.sources.includes("SCIM_ROLES_ATTRIBUTE"));
  if (roles.length) resource.roles = roles.map((h) => ({ value: h.customerRole.displayName }));
  const schemas = [USER_SCHEMA];
  for (const [key, value] of Object.entries(ext)) {
    if (MODELLED.has(key) || isUnsafeKey(key)) continue;
    resource[key] = value;
    if (key.toLowerCase().startsWith("urn:")) schemas.push(key);
  }
  if (Object.keys(enterprise).length) {
    resource[ENTERPRISE_USER_SCHEMA] = enterprise;
    schemas.push(ENTERPRISE_USER_SCHEMA);
  }
  if (Object.keys(custom).length) {
    resource[CUSTOM_USER_SCHEMA] = custom;
    schemas.push(CUSTOM_USER_SCHEMA);
  }
  resource.schemas = schemas;
  resource.meta = resourceMeta("User", user, resourceLocation(baseUrl, "/Users", user.id));
  return resource as ScimResource;
}

/** A request body in canonical attribute names (see schemas/canonicalize.ts). */
export function canonicalUser(body: Record<string, unknown>, options: CanonicalizeOptions = {}): Record<string, unknown> {
  return canonicalizeResource(userResourceType, body, options);
}

/**
 * POST /Users body → createUser input. Client-supplied id, meta and groups are ignored (readOnly,
 * RFC 7643 §3.1 and §4.1.2; Okta sends `groups: []`, Entra `meta`). Users created through SCIM
 * get allowSsoLogin and autoAssignRoles, so they sign in through SSO and take their access roles
 * from the mapping of the customer-supplied roles they hold.
 */
export function createInputFromScim(doc: Record<string, unknown>): UserInput {
  if (typeof doc.userName !== "string" || doc.userName.trim() === "") {
    throw ScimError.invalidValue("userName is required and must be a non-empty string (RFC 7643 §4.1.1)");
  }
  const input = presentInput(doc);
  const extensions = unknownAttributes(doc);
  for (const key of Object.keys(input) as (keyof UserInput)[]) if (input[key] === null) delete input[key];
  if (Object.keys(extensions).length) input.extensionAttributes = stripNulls(extensions) as Record<string, unknown>;
  return { ...input, allowSsoLogin: true, autoAssignRoles: true };
}

/**
 * PUT /Users/{id} body → updateUser input (SailPoint deactivates with a PUT carrying only userName
 * and active, which must not wipe the rest): attributes present replace the stored ones,
 * readWrite attributes left out are kept (RFC 7644 §3.5.1 lets the server choose), an explicit
 * null or [] clears. Attributes rolebridge does not model become one update per key of
 * extensionAttributes (an extension's object per sub-attribute), so the stored ones the body does
 * not name are kept without reading them first.
 */
export function replaceInputFromScim(doc: Record<string, unknown>): UserInput {
  const input = presentInput(doc);
  const updates: { path: string[]; value: unknown }[] = [];
  for (const [key, value] of Object.entries(unknownAttributes(doc))) {
    if ((key === ENTERPRISE_USER_SCHEMA || key === CUSTOM_USER_SCHEMA) && isPlainObject(value)) {
      for (const [sub, subValue] of Object.entries(value)) updates.push({ path: [key, sub], value: subValue === null ? null : stripNulls(subValue) });
    } else {
      updates.push({ path: [key], value: value === null ? null : stripNulls(value) });
    }
  }
  // An extension sent as null clears it, the attributes rolebridge does not model with it.
  for (const urn of [ENTERPRISE_USER_SCHEMA, CUSTOM_USER_SCHEMA]) if (doc[urn] === null) updates.push({ path: [urn], value: null });
  if (updates.length) input.extensionAttributeUpdates = updates;
  return input;
}

/**
 * The updateUser input that turns `before` into `after`, both canonical SCIM documents (a PATCH:
 * the fetched user, and the same after scim-patch applied the operations). Only what changed is sent.
 */
export function diffInput(before: Record<string, unknown>, after: Record<string, unknown>): UserInput {
  const a = fullInput(before);
  const b = fullInput(after);
  const input: UserInput = {};
  for (const key of Object.keys(b) as (keyof UserInput)[]) {
    const x = a[key];
    const y = b[key];
    if (key === "roles") {
      // A set of names compared ignoring case and order, as the roles are matched (RFC 7643 §4.1.2 roles.value).
      const norm = (v: unknown) => JSON.stringify(((v ?? []) as string[]).map((n) => n.toLowerCase()).sort());
      if (norm(x) !== norm(y)) input.roles = (y ?? []) as string[];
    } else if (key === "name" || key === "enterprise") {
      const changed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((y ?? {}) as Record<string, unknown>)) {
        if (JSON.stringify(v ?? null) !== JSON.stringify(((x ?? {}) as Record<string, unknown>)[k] ?? null)) changed[k] = v ?? null;
      }
      if (Object.keys(changed).length) (input as Record<string, unknown>)[key] = changed;
    } else if (JSON.stringify(x ?? null) !== JSON.stringify(y ?? null)) {
      (input as Record<string, unknown>)[key] = y ?? null;
    }
  }
  return input;
}

/** Every modelled attribute explicitly (absent → null), for diffing. */
function fullInput(doc: Record<string, unknown>): UserInput {
  const input = presentInput(doc);
  for (const key of SIMPLE) if (!(key in input)) (input as Record<string, unknown>)[key] = null;
  input.name = { ...Object.fromEntries(NAME_PARTS.map((p) => [p, null])), ...(input.name ?? {}) };
  input.enterprise = { ...Object.fromEntries([...ENTERPRISE_PARTS, "managerId"].map((p) => [p, null])), ...(input.enterprise ?? {}) };
  input.personId ??= null;
  input.emails ??= [];
  input.roles ??= [];
  if (!("active" in input)) input.active = null;
  const extensions = stripNulls(unknownAttributes(doc)) as Record<string, unknown>;
  input.extensionAttributes = extensions;
  return input;
}

/** The modelled attributes present in a canonical document, type-checked (null kept: it clears). */
function presentInput(doc: Record<string, unknown>): UserInput {
  const input: UserInput = {};
  for (const key of SIMPLE) if (key in doc) (input as Record<string, unknown>)[key] = stringOrNull(doc[key], key);
  if ("active" in doc) {
    if (doc.active !== null && typeof doc.active !== "boolean") throw ScimError.invalidValue("active must be a boolean");
    input.active = doc.active as boolean | null;
  }
  if ("password" in doc) {
    if (typeof doc.password !== "string") throw ScimError.invalidValue("password must be a string");
    input.password = doc.password;
  }
  if ("name" in doc) {
    if (doc.name === null) input.name = Object.fromEntries(NAME_PARTS.map((p) => [p, null]));
    else if (!isPlainObject(doc.name)) throw ScimError.invalidValue("name must be a complex attribute (an object)");
    else {
      const name: Record<string, string | null> = {};
      for (const part of NAME_PARTS) if (part in doc.name) name[part] = stringOrNull(doc.name[part], `name.${part}`);
      input.name = name;
    }
  }
  if ("emails" in doc) input.emails = emailsOf(doc.emails);
  if ("roles" in doc) input.roles = rolesOf(doc.roles);
  const enterprise = doc[ENTERPRISE_USER_SCHEMA];
  if (enterprise === null) {
    input.enterprise = Object.fromEntries([...ENTERPRISE_PARTS, "managerId"].map((p) => [p, null]));
  } else if (enterprise !== undefined) {
    if (!isPlainObject(enterprise)) throw ScimError.invalidValue(`${ENTERPRISE_USER_SCHEMA} must be an object`);
    const e: Record<string, string | null> = {};
    for (const part of ENTERPRISE_PARTS) if (part in enterprise) e[part] = stringOrNull(enterprise[part], part);
    if ("manager" in enterprise) {
      const m = enterprise.manager;
      if (m === null) e.managerId = null;
      else if (isPlainObject(m)) e.managerId = "value" in m ? stringOrNull(m.value, "manager.value") : null;
      else throw ScimError.invalidValue("manager must be an object with the manager's id as value");
    }
    input.enterprise = e;
  }
  const custom = doc[CUSTOM_USER_SCHEMA];
  if (custom === null) input.personId = null;
  else if (custom !== undefined) {
    if (!isPlainObject(custom)) throw ScimError.invalidValue(`${CUSTOM_USER_SCHEMA} must be an object`);
    if ("personId" in custom) input.personId = stringOrNull(custom.personId, "personId");
  }
  return input;
}

/** Attributes no schema models, in the extensionAttributes layout (null kept: it clears). */
function unknownAttributes(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (isUnsafeKey(key)) continue;
    if (key === ENTERPRISE_USER_SCHEMA || key === CUSTOM_USER_SCHEMA) {
      if (!isPlainObject(value)) continue;
      const modelled = key === ENTERPRISE_USER_SCHEMA ? [...ENTERPRISE_PARTS, "manager"] : ["personId"];
      const extra = Object.fromEntries(Object.entries(value).filter(([k]) => !modelled.includes(k) && !isUnsafeKey(k)));
      if (Object.keys(extra).length) out[key] = extra;
      continue;
    }
    if (MODELLED.has(key)) continue;
    out[key] = value;
  }
  return out;
}

function emailsOf(value: unknown): UserInput["emails"] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw ScimError.invalidValue("emails must be a list of email objects");
  return value.map((e, i) => {
    if (!isPlainObject(e)) throw ScimError.invalidValue(`emails[${i}] must be an object with a value`);
    if (typeof e.value !== "string" || e.value.trim() === "") throw ScimError.invalidValue(`emails[${i}].value must be a non-empty string`);
    if (e.primary !== undefined && e.primary !== null && typeof e.primary !== "boolean") {
      throw ScimError.invalidValue(`emails[${i}].primary must be a boolean`);
    }
    return {
      value: e.value,
      type: stringOrNull(e.type ?? null, `emails[${i}].type`),
      primary: (e.primary as boolean | null | undefined) ?? false,
      display: stringOrNull(e.display ?? null, `emails[${i}].display`),
    };
  });
}

/**
 * RFC 7643 §4.1.2 roles: a list of role objects whose value names a customer-supplied role
 * ({value, display, type, primary}; only value is kept); a bare string is taken as a value. null or
 * [] removes every role the attribute gave.
 */
function rolesOf(value: unknown): string[] {
  if (value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((r, i) => {
    const name = typeof r === "string" ? r : isPlainObject(r) ? r[Object.keys(r).find((k) => k.toLowerCase() === "value") ?? "value"] : undefined;
    if (typeof name !== "string" || name.trim() === "") throw ScimError.invalidValue(`roles[${i}].value must be the name of a role`);
    return name;
  });
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, stripNulls(v)]));
}

function pick<K extends string>(source: Partial<Record<K, unknown>>, keys: readonly K[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (source[k] != null) out[k] = source[k];
  return out;
}
