/**
 * RFC 7644 §3.5.2: the PatchOp message. A PATCH body is read here, once, into canonical
 * operations; patch/ applies them to users and groups.
 */
import { ScimError } from "../errors.js";
import { canonicalizeResource, canonicalizeValue, definitionAt, isPlainObject, type CanonicalizeOptions, type ResourceSchemas } from "../schemas/canonicalize.js";
import { canonicalPatchPath } from "../patch/path.js";

export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export type PatchOperationName = "add" | "replace" | "remove";

export interface PatchOperation {
  op: PatchOperationName;
  /** Canonical attribute names; undefined for a value object without a path (RFC 7644 §3.5.2.1, §3.5.2.3). */
  path?: string;
  /** The canonical attribute path the operation targets (e.g. ["emails", "value"]); [] without a path. */
  target: string[];
  value?: unknown;
  hasValue: boolean;
}

const MAX_OPERATIONS = 1000;
const OPS: readonly PatchOperationName[] = ["add", "replace", "remove"];

/**
 * Turns a PATCH body into canonical operations (RFC 7644 §3.5.2), smoothing the IdP dialects
 * before scim-patch sees them:
 * - SailPoint sends a bare JSON array of operations instead of a PatchOp message, and may put the
 *   attribute in the operation itself: `{"op":"add","members":[…]}`;
 * - Entra capitalises op names ("Replace") and sends booleans as "True"/"False" strings;
 * - Entra sends the enterprise manager as a plain id string;
 * - attribute names and URNs come in any case (RFC 7643 §2.1).
 * Each normalisation applied is added to `options.notes` for the provisioning log.
 */
export function normalizePatch(body: unknown, schemas: ResourceSchemas, options: CanonicalizeOptions = {}): PatchOperation[] {
  const notes = (options.notes ??= new Set());
  let operations: unknown;
  if (Array.isArray(body)) {
    notes.add("sailpoint-bare-array");
    operations = body;
  } else if (isPlainObject(body)) {
    const schemaList = body.schemas;
    if (!Array.isArray(schemaList) || !schemaList.some((s) => typeof s === "string" && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
      throw ScimError.invalidSyntax(`a PATCH body is a PatchOp message whose schemas list ${PATCH_OP_SCHEMA} (RFC 7644 §3.5.2)`);
    }
    const key = Object.keys(body).find((k) => k.toLowerCase() === "operations");
    operations = key ? body[key] : undefined;
  } else {
    throw ScimError.invalidSyntax("a PATCH body is a PatchOp message (a JSON object)");
  }
  if (!Array.isArray(operations) || operations.length === 0) throw ScimError.invalidSyntax("Operations must be a non-empty list of operations");
  if (operations.length > MAX_OPERATIONS) throw ScimError.invalidSyntax(`at most ${MAX_OPERATIONS} operations per PATCH`);
  return operations.flatMap((raw, i) => normalizeOperation(raw, i, schemas, options));
}

function normalizeOperation(raw: unknown, i: number, schemas: ResourceSchemas, options: CanonicalizeOptions): PatchOperation[] {
  const notes = options.notes!;
  if (!isPlainObject(raw)) throw ScimError.invalidSyntax(`Operations[${i}] must be an object with op, path and value`);
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) fields[k.toLowerCase()] = v;
  if (typeof fields.op !== "string") throw ScimError.invalidSyntax(`Operations[${i}].op must be one of add, replace, remove`);
  const op = fields.op.toLowerCase() as PatchOperationName;
  if (!OPS.includes(op)) throw ScimError.invalidSyntax(`Operations[${i}].op '${fields.op.slice(0, 50)}' is not add, replace or remove`);
  if (fields.op !== op) notes.add("entra-capitalised-op");

  let pathText = fields.path;
  let hasValue = "value" in fields;
  let value = fields.value;
  if ((pathText === undefined || pathText === null) && !hasValue) {
    // SailPoint: `{"op":"add","members":[…]}`, the attribute named in the operation itself.
    const others = Object.keys(raw).filter((k) => !["op", "path", "value"].includes(k.toLowerCase()));
    if (others.length === 1) {
      notes.add("sailpoint-operation-attribute");
      pathText = others[0];
      value = raw[others[0]!];
      hasValue = true;
    }
  }
  if (pathText !== undefined && pathText !== null && typeof pathText !== "string") throw ScimError.invalidPath(`Operations[${i}].path must be a string`);
  if (pathText === "") pathText = undefined;

  if (pathText === undefined || pathText === null) {
    // RFC 7644 §3.5.2.2: a remove without a path has no target.
    if (op === "remove") throw ScimError.noTarget(`Operations[${i}]: remove needs a path (RFC 7644 §3.5.2.2)`);
    if (!hasValue) throw ScimError.invalidSyntax(`Operations[${i}]: ${op} needs a value`);
    // Okta `{"op":"replace","value":{"active":false}}`: a value object whose keys are attribute paths.
    if (!isPlainObject(value)) throw ScimError.invalidSyntax(`Operations[${i}]: ${op} without a path needs a value object of attributes`);
    return expandValueObject(op, canonicalizeResource(schemas, value, options), schemas);
  }
  const path = canonicalPatchPath(schemas, pathText as string, options);
  if (op !== "remove" && !hasValue) throw ScimError.invalidSyntax(`Operations[${i}]: ${op} of ${pathText} needs a value`);
  let canonicalValue = value;
  if (hasValue) {
    const def = definitionAt(schemas, path.target);
    const ext = schemas.extensions.find((e) => e.id === path.target[0]);
    if (ext && path.target.length === 1 && isPlainObject(value)) canonicalValue = canonicalizeResource(schemas, { [ext.id]: value }, options)[ext.id];
    else canonicalValue = canonicalizeValue(def && path.filtered && !path.target.slice(1).length ? { ...def, multiValued: false } : def, value, options);
  }
  return [{ op, path: path.text, target: path.target, ...(hasValue ? { value: canonicalValue } : {}), hasValue }];
}

/**
 * A value object without a path becomes one operation per attribute. For a single-valued complex
 * attribute (name, an extension's object) RFC 7644 §3.5.2.1 and §3.5.2.3 say the sub-attributes
 * given are merged and those left out are unchanged; scim-patch would replace the whole object,
 * so each sub-attribute gets its own path. Attributes under readOnly names (id, meta, groups) stay
 * whole, so the mutability check sees them.
 */
function expandValueObject(op: PatchOperationName, value: Record<string, unknown>, schemas: ResourceSchemas): PatchOperation[] {
  const out: PatchOperation[] = [];
  const whole: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const isExtension = key.toLowerCase().startsWith("urn:");
    const def = isExtension ? undefined : definitionAt(schemas, [key]);
    const mergeable = isPlainObject(v) && (isExtension || (def?.type === "complex" && !def.multiValued));
    if (!mergeable) {
      whole[key] = v;
      continue;
    }
    for (const [sub, subValue] of Object.entries(v as Record<string, unknown>)) {
      const path = isExtension ? `${key}:${sub}` : `${key}.${sub}`;
      out.push({ op, path, target: [key, sub], value: subValue, hasValue: true });
    }
  }
  if (Object.keys(whole).length || out.length === 0) out.unshift({ op, target: [], value: whole, hasValue: true });
  return out;
}
