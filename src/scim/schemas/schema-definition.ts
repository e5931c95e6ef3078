/**
 * The shape of a SCIM schema and its attributes (RFC 7643 §7), as served by `/Schemas` and used by
 * the facade to resolve attribute names case-insensitively (RFC 7643 §2.1: "attribute names are
 * case insensitive") and to know mutability and `returned` (RFC 7643 §2.2).
 */
export type AttributeType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "complex" | "binary";
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";
export type Uniqueness = "none" | "server" | "global";

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

/** Defaults of RFC 7643 §2.2, so each definition states only what differs. */
export function attribute(
  name: string,
  description: string,
  options: Partial<Omit<AttributeDefinition, "name" | "description">> = {},
): AttributeDefinition {
  return {
    name,
    type: "string",
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...options,
  };
}

/** The attribute named `name` ignoring case, or undefined. */
export function findAttribute(attributes: readonly AttributeDefinition[], name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === lower);
}

/** Single-valued string attributes (userName, title…): the ones a mapper copies as they are. */
export function simpleAttributeNames(attributes: readonly AttributeDefinition[]): string[] {
  return attributes.filter((a) => a.type === "string" && !a.multiValued && !a.subAttributes && a.mutability !== "writeOnly").map((a) => a.name);
}

/** The sub-attribute names of the complex attribute `name` of a schema. */
export function subAttributeNames(schema: SchemaDefinition, name: string): string[] {
  const found = findAttribute(schema.attributes, name);
  if (!found?.subAttributes) throw new Error(`${schema.id} describes no complex attribute ${name}`);
  return found.subAttributes.map((a) => a.name);
}
