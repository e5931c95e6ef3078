import { canonicalPath, isPlainObject, type ResourceSchemas } from "../schemas/canonicalize.js";

/** Attributes returned whatever `attributes` or `excludedAttributes` say (RFC 7643 §2.2 returned "always"). */
const ALWAYS = new Set(["id", "schemas"]);

/**
 * RFC 7644 §3.4.2.5: `attributes` returns only the attributes named (plus those returned always);
 * `excludedAttributes` returns the default set without those named. Paths may be URN-qualified,
 * name sub-attributes (`name.givenName`, `emails.value`) or a whole extension by its URN, in any case.
 */
export function selectAttributes(
  resource: Record<string, unknown>,
  schemas: ResourceSchemas,
  selection: { attributes?: string[]; excludedAttributes?: string[] },
): Record<string, unknown> {
  if (selection.attributes?.length) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(resource)) if (ALWAYS.has(key)) out[key] = resource[key];
    for (const raw of selection.attributes) copyPath(resource, out, canonicalPath(schemas, raw));
    return out;
  }
  if (selection.excludedAttributes?.length) {
    const out = structuredClone(resource);
    for (const raw of selection.excludedAttributes) {
      const path = canonicalPath(schemas, raw);
      if (path.length === 1 && ALWAYS.has(path[0]!)) continue;
      deletePath(out, path);
    }
    return out;
  }
  return resource;
}

function copyPath(source: Record<string, unknown>, target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const key = findKey(source, head);
  if (key === undefined) return;
  const value = source[key];
  if (rest.length === 0) {
    target[key] = value;
    return;
  }
  if (Array.isArray(value)) {
    // emails.value: the sub-attribute of every value of a multi-valued attribute.
    const existing = Array.isArray(target[key]) ? (target[key] as Record<string, unknown>[]) : value.map(() => ({}));
    value.forEach((item, i) => {
      if (isPlainObject(item)) copyPath(item, existing[i] as Record<string, unknown>, rest);
    });
    target[key] = existing;
    return;
  }
  if (!isPlainObject(value)) return;
  const child = isPlainObject(target[key]) ? (target[key] as Record<string, unknown>) : {};
  copyPath(value, child, rest);
  if (Object.keys(child).length) target[key] = child;
}

function deletePath(target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const key = findKey(target, head);
  if (key === undefined) return;
  if (rest.length === 0) {
    delete target[key];
    return;
  }
  const value = target[key];
  if (Array.isArray(value)) value.forEach((item) => isPlainObject(item) && deletePath(item, rest));
  else if (isPlainObject(value)) deletePath(value, rest);
}

function findKey(object: Record<string, unknown>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower);
}
