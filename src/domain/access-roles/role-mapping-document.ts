import { z } from "zod";
import { DomainError } from "../errors.js";

/** The document's identity: a reader refuses anything else rather than guess. */
export const ROLE_MAPPING_FORMAT = "rolebridge.role-mappings";
export const ROLE_MAPPING_VERSION = 1;

/** Bounds that keep a hostile document from costing more than a bad request. */
const MAX_MAPPINGS = 10_000;
const MAX_ROLES_PER_LIST = 1_000;
const MAX_NAME_LENGTH = 256;

const roleName = z
  .string({ error: "must be a non-empty name" })
  .refine((value) => value.trim() !== "", "must be a non-empty name")
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the driver.
  .refine((value) => !value.includes("\u0000"), "must not contain NUL characters");

/** Names compare ignoring case, as access-role names do: a name listed twice counts once. */
const roleNames = z
  .array(roleName, { error: "must be a list of role names" })
  .max(MAX_ROLES_PER_LIST, `at most ${MAX_ROLES_PER_LIST} roles`)
  .transform((names) => [...new Map(names.map((n) => [n.toLowerCase(), n])).values()]);

const mapping = z.object(
  { customerRole: roleName, dataAccessRoles: roleNames, appAccessRoles: roleNames },
  { error: "each mapping must be an object" },
);

/**
 * The backup a company admin takes before switching SCIM on (One Model's SCIM guide: "make a
 * copy of the Customer Supplied Role to Data Access Roles and Application Access Role mapping").
 * Roles are named, not identified, so it restores into the same company after ids have changed (a role
 * deleted and provisioned again by the IdP). A customer-supplied role with an explicit empty
 * mapping ("grants nothing") is an entry with two empty lists; an unmapped role has no entry and
 * is listed in `unmappedCustomerRoles`, for the reader only: importing makes every role without
 * an entry unmapped, so a restore gives back exactly the mapping that was exported.
 */
export const roleMappingDocument = z.object(
  {
    format: z.literal(ROLE_MAPPING_FORMAT, { error: `format must be "${ROLE_MAPPING_FORMAT}"` }),
    version: z.literal(ROLE_MAPPING_VERSION, {
      error: (issue) => `version ${JSON.stringify(issue.input)} is not supported; this server reads version ${ROLE_MAPPING_VERSION}`,
    }),
    // Informative only: a restore does not depend on when the backup was taken.
    exportedAt: z.string().catch(""),
    mappings: z
      .array(mapping, { error: "mappings must be a list" })
      .max(MAX_MAPPINGS, `at most ${MAX_MAPPINGS} mappings`)
      .superRefine((mappings, ctx) => {
        // Two entries for one role (ignoring case) would make the restore depend on their order.
        const seen = new Map<string, number>();
        mappings.forEach((m, i) => {
          const previous = seen.get(m.customerRole.toLowerCase());
          if (previous !== undefined) {
            ctx.addIssue({ code: "custom", path: [i, "customerRole"], message: `"${m.customerRole}" is mapped twice (also at document.mappings[${previous}])` });
          } else {
            seen.set(m.customerRole.toLowerCase(), i);
          }
        });
      }),
    // For the reader only (the import unmaps every role without an entry), so whatever it holds is ignored.
    unmappedCustomerRoles: z.array(z.string()).catch([]),
  },
  { error: "the document must be a JSON object" },
);

export type RoleMappingDocument = z.output<typeof roleMappingDocument>;

/**
 * Reads a document exportRoleMappings wrote. Fails with BAD_USER_INPUT whose field is the JSON
 * path of the first problem (`document.mappings[3].dataAccessRoles[0]`), before anything is read
 * or written.
 */
export function parseRoleMappingDocument(document: unknown): RoleMappingDocument {
  const parsed = roleMappingDocument.safeParse(document);
  if (parsed.success) return parsed.data;
  // zod appends the duplicate check's issues after those of the entries; in document order, the
  // problem named is the one a reader meets first.
  const issue = [...parsed.error.issues].sort((x, y) => comparePaths(x.path, y.path))[0]!;
  const field = issue.path.reduce<string>((at, key) => (typeof key === "number" ? `${at}[${key}]` : `${at}.${String(key)}`), "document");
  throw DomainError.invalid(field, issue.message);
}

/** The order of a document's keys, as exportRoleMappings writes them. */
const KEY_ORDER = ["format", "version", "exportedAt", "mappings", "customerRole", "dataAccessRoles", "appAccessRoles", "unmappedCustomerRoles"];

function comparePaths(x: readonly PropertyKey[], y: readonly PropertyKey[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [a, b] = [x[i], y[i]];
    if (a === b) continue;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return KEY_ORDER.indexOf(String(a)) - KEY_ORDER.indexOf(String(b));
  }
  return x.length - y.length;
}
