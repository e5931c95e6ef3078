/**
 * SCIM Group JSON ↔ GraphQL CustomerRole: the one place the two vocabularies meet for groups.
 * A SCIM Group is a customer-supplied role; its SCIM `members` are the role's memberships owned
 * by SCIM_GROUP, so what an IdP pushes is exactly what it reads back, and the memberships an
 * admin made (manual, upload) or the User `roles` attribute made are left to them.
 */
import { ScimError } from "../errors.js";
import { resourceLocation, resourceMeta } from "../messages/meta.js";
import { stringOrNull } from "../messages/resource-body.js";
import type { CreateCustomerRoleInput, PatchCustomerRoleInput, ScimGroupFragment } from "../generated/graphql.js";
import { canonicalizeResource, isPlainObject, type CanonicalizeOptions } from "../schemas/canonicalize.js";
import { GROUP_SCHEMA } from "../schemas/group.schema.js";
import { groupResourceType } from "./group.resource-type.js";

/** The membership source SCIM Groups own: SCIM changes only the memberships SCIM made. */
export const GROUP_MEMBER_SOURCE = "SCIM_GROUP" as const;

/** A member as the facade reads it from a CustomerRole's members page. */
export interface GroupMember {
  userId: string;
  userName: string;
  userDisplayName: string | null;
}

/**
 * GraphQL CustomerRole → SCIM Group (RFC 7643 §4.2). `members` undefined means they were not
 * asked for (excludedAttributes=members, or attributes without it) and were not read at all;
 * an empty list is left out, as unassigned attributes are (RFC 7643 §2.5).
 */
export function toScimGroup(group: ScimGroupFragment, members: GroupMember[] | undefined, baseUrl: string): Record<string, unknown> {
  const resource: Record<string, unknown> = { schemas: [GROUP_SCHEMA], id: group.id };
  if (group.externalId != null) resource.externalId = group.externalId;
  resource.displayName = group.displayName;
  if (members?.length) {
    // RFC 7643 §4.2 members: value is the member's id, $ref its URI, type "User" (rolebridge has no nested groups).
    resource.members = members.map((m) => ({
      value: m.userId,
      $ref: resourceLocation(baseUrl, "/Users", m.userId),
      type: "User",
      display: memberDisplay(m),
    }));
  }
  resource.meta = resourceMeta("Group", group, resourceLocation(baseUrl, "/Groups", group.id));
  return resource;
}

/** A member's display: the user's displayName, or its userName when it has none (an IdP may send displayName ""). */
function memberDisplay(member: GroupMember): string {
  return member.userDisplayName?.trim() ? member.userDisplayName : member.userName;
}

/** A request body in canonical attribute names (RFC 7643 §2.1: names are case-insensitive). */
export function canonicalGroup(body: Record<string, unknown>, options: CanonicalizeOptions = {}): Record<string, unknown> {
  return canonicalizeResource(groupResourceType, body, options);
}

/**
 * POST /Groups body → createCustomerRole input (RFC 7644 §3.3). Client-sent id and meta are
 * readOnly and ignored (Entra sends meta); attributes the Group schema does not define are ignored.
 */
export function createInputFromScim(doc: Record<string, unknown>, notes?: Set<string>): CreateCustomerRoleInput {
  if (typeof doc.displayName !== "string" || doc.displayName.trim() === "") {
    throw ScimError.invalidValue("displayName is required and must be a non-empty string (RFC 7643 §4.2)");
  }
  const input: CreateCustomerRoleInput = { displayName: doc.displayName, source: GROUP_MEMBER_SOURCE };
  if (doc.externalId != null) input.externalId = stringOrNull(doc.externalId, "externalId");
  if (doc.members != null) input.memberIds = memberIdsOf(doc.members, "members", notes);
  return input;
}

/**
 * PUT /Groups/{id} body → one patchCustomerRole input (RFC 7644 §3.5.1) under rolebridge's PUT
 * rule (the one Users follow): attributes present replace the stored ones, those left
 * out are kept, an explicit null or [] clears. `members` replaces the SCIM_GROUP memberships only;
 * upload and manual memberships stay.
 */
export function replaceInputFromScim(doc: Record<string, unknown>, notes?: Set<string>): PatchCustomerRoleInput {
  const input: PatchCustomerRoleInput = { source: GROUP_MEMBER_SOURCE };
  if ("displayName" in doc) {
    if (typeof doc.displayName !== "string") throw ScimError.invalidValue("displayName is required and must be a non-empty string (RFC 7643 §4.2)");
    input.displayName = doc.displayName;
  }
  if ("externalId" in doc) input.externalId = stringOrNull(doc.externalId, "externalId");
  if ("members" in doc) input.replaceUserIds = doc.members === null ? [] : memberIdsOf(doc.members, "members", notes);
  return input;
}

/**
 * The user ids of a `members` value: a list of member objects (a single object is taken as a list
 * of one). Each needs `value`, the user's id; `display` is readOnly and `$ref` is derived from the
 * id, so both are ignored (Entra sends `"$ref": null`). A `type` other than "User" is refused:
 * rolebridge's groups hold users, not groups.
 */
export function memberIdsOf(value: unknown, where: string, notes?: Set<string>): string[] {
  const list = Array.isArray(value) ? value : [value];
  const ids: string[] = [];
  list.forEach((item, i) => {
    const at = `${where}[${i}]`;
    if (typeof item === "string") {
      // A bare id instead of {"value": id}: unambiguous, so accepted.
      notes?.add("member-id-string");
      ids.push(item);
      return;
    }
    if (!isPlainObject(item)) throw ScimError.invalidValue(`${at} must be a member object with the user's id as value`);
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) fields[k.toLowerCase()] = v;
    if (typeof fields.value !== "string" || fields.value.trim() === "") throw ScimError.invalidValue(`${at}.value must be the id of a user`);
    if (fields.type != null && (typeof fields.type !== "string" || fields.type.toLowerCase() !== "user")) {
      throw ScimError.invalidValue(`${at}.type '${String(fields.type).slice(0, 50)}' is not supported: members of a Group are users`);
    }
    if ("$ref" in fields && fields.$ref === null) notes?.add("entra-member-ref-null");
    ids.push(fields.value.trim());
  });
  return [...new Set(ids)];
}

