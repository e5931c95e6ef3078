import { findAttribute, type AttributeDefinition, type SchemaDefinition } from "./schema-definition.js";

/**
 * Attribute names are case-insensitive (RFC 7643 §2.1): `personId`, `PersonID` and `personid` are
 * one attribute. The facade rewrites every resource body and PATCH value it receives into the
 * canonical spelling of the schemas, once, so the mapper, scim-patch and attribute selection can
 * compare names exactly. IdP dialects are smoothed here too: booleans sent as "True"/"False"
 * strings (Entra), the enterprise manager sent as a plain id string (Entra), dotted and
 * URN-qualified keys in PATCH value objects (Entra's `"name.givenName"`).
 */
export interface ResourceSchemas {
  core: SchemaDefinition;
  extensions: SchemaDefinition[];
  /**
   * Extension attributes also accepted without their URN, as some clients send them (SailPoint
   * maps `department` and `costCenter` bare): lower-case name → extension schema.
   */
  unqualified: Record<string, SchemaDefinition>;
  /** Common attributes (RFC 7643 §3.1) in canonical case. */
  common: string[];
}

export interface CanonicalizeOptions {
  /** Where a normalisation that served an IdP dialect is noted (for the provisioning log). */
  notes?: Set<string>;
  /** Spellings already used for attributes no schema describes, matched ignoring case. */
  knownUnknownKeys?: string[];
}

/** Keys that would reach Object.prototype if assigned: never copied from a request. */
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

/** Where one key of a resource body goes: a path of canonical names. */
export function canonicalPath(schemas: ResourceSchemas, rawKey: string, options: CanonicalizeOptions = {}): string[] {
  const lower = rawKey.toLowerCase();
  if (lower.startsWith("urn:")) {
    if (lower === schemas.core.id.toLowerCase()) return [];
    if (lower.startsWith(`${schemas.core.id.toLowerCase()}:`)) {
      return canonicalAttributePath(schemas.core, rawKey.slice(schemas.core.id.length + 1));
    }
    for (const ext of schemas.extensions) {
      const urn = ext.id.toLowerCase();
      if (lower === urn) return [ext.id];
      if (lower.startsWith(`${urn}:`)) return [ext.id, ...canonicalAttributePath(ext, rawKey.slice(urn.length + 1))];
    }
    // An extension rolebridge does not model: kept whole under its URN, exactly as sent.
    return [rawKey];
  }
  const head = lower.split(".")[0]!;
  const common = schemas.common.find((c) => c.toLowerCase() === head);
  if (common) return [common, ...rawKey.split(".").slice(1)];
  if (findAttribute(schemas.core.attributes, head)) return canonicalAttributePath(schemas.core, rawKey);
  const ext = Object.hasOwn(schemas.unqualified, head) ? schemas.unqualified[head] : undefined;
  if (ext) {
    options.notes?.add("unqualified-extension-attribute");
    return [ext.id, ...canonicalAttributePath(ext, rawKey)];
  }
  const known = options.knownUnknownKeys?.find((k) => k.toLowerCase() === lower);
  return [known ?? rawKey];
}

function canonicalAttributePath(schema: SchemaDefinition, path: string): string[] {
  const parts = path.split(".");
  const out: string[] = [];
  let attributes: AttributeDefinition[] | undefined = schema.attributes;
  for (const part of parts) {
    const def: AttributeDefinition | undefined = attributes ? findAttribute(attributes, part) : undefined;
    out.push(def?.name ?? part);
    attributes = def?.subAttributes;
  }
  return out;
}

/** The definition at a canonical path, if any schema describes it. */
export function definitionAt(schemas: ResourceSchemas, path: string[]): AttributeDefinition | undefined {
  if (path.length === 0) return undefined;
  const ext = schemas.extensions.find((e) => e.id === path[0]);
  let attributes: AttributeDefinition[] | undefined = ext ? ext.attributes : schemas.core.attributes;
  const rest = ext ? path.slice(1) : path;
  let def: AttributeDefinition | undefined;
  for (const part of rest) {
    def = attributes ? findAttribute(attributes, part) : undefined;
    if (!def) return undefined;
    attributes = def.subAttributes;
  }
  return def;
}

/** Rewrites a resource body (or a PATCH value object) into canonical attribute names. */
export function canonicalizeResource(
  schemas: ResourceSchemas,
  body: Record<string, unknown>,
  options: CanonicalizeOptions = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(body)) {
    if (isUnsafeKey(rawKey)) continue;
    const path = canonicalPath(schemas, rawKey, options);
    if (path.length === 0) {
      // The core schema's URN used as a key: its attributes are core attributes.
      if (isPlainObject(value)) mergeInto(out, canonicalizeResource(schemas, value, options));
      continue;
    }
    const ext = schemas.extensions.find((e) => e.id === path[0]);
    let canonical: unknown;
    if (ext && path.length === 1) {
      canonical = isPlainObject(value) ? canonicalizeObject(ext.attributes, value, options) : value;
    } else {
      canonical = canonicalizeValue(definitionAt(schemas, path), value, options);
    }
    setPath(out, path, canonical);
  }
  return out;
}

/** Canonicalises a value for the attribute `def` (undefined: not described, kept as sent). */
export function canonicalizeValue(def: AttributeDefinition | undefined, value: unknown, options: CanonicalizeOptions): unknown {
  if (!def || value === null || value === undefined) return value;
  if (def.multiValued) {
    if (!Array.isArray(value)) return value;
    return value.map((item) => canonicalizeValue({ ...def, multiValued: false }, item, options));
  }
  if (def.type === "boolean") return coerceBoolean(value, options);
  if (def.type === "complex" && def.subAttributes) {
    // Entra sends the enterprise manager as the manager's id alone; some clients send roles as bare names.
    if (typeof value === "string" && findAttribute(def.subAttributes, "value")) {
      options.notes?.add(def.name === "manager" ? "entra-manager-string" : "bare-string-value");
      return { value };
    }
    if (isPlainObject(value)) return canonicalizeObject(def.subAttributes, value, options);
  }
  return value;
}

function canonicalizeObject(attributes: AttributeDefinition[], value: Record<string, unknown>, options: CanonicalizeOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, v] of Object.entries(value)) {
    if (isUnsafeKey(rawKey)) continue;
    const parts = rawKey.split(".");
    const head = findAttribute(attributes, parts[0]!);
    if (head && parts.length > 1 && head.subAttributes) {
      // A dotted key inside an extension object, e.g. {"manager.value": "…"}.
      const sub = findAttribute(head.subAttributes, parts.slice(1).join("."));
      setPath(out, [head.name, sub?.name ?? parts.slice(1).join(".")], canonicalizeValue(sub, v, options));
      continue;
    }
    // setPath merges: `"manager.displayName"` sent before `"manager"` survives it, as after it.
    setPath(out, [head?.name ?? rawKey], canonicalizeValue(head, v, options));
  }
  return out;
}

export function coerceBoolean(value: unknown, options: CanonicalizeOptions = {}): unknown {
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) {
    options.notes?.add("entra-string-boolean");
    return value.trim().toLowerCase() === "true";
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (isPlainObject(node[last]) && isPlainObject(value)) mergeInto(node[last] as Record<string, unknown>, value);
  else node[last] = value;
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    if (isPlainObject(target[k]) && isPlainObject(v)) mergeInto(target[k] as Record<string, unknown>, v);
    else target[k] = v;
  }
}
