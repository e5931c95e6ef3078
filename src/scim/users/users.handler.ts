import { selectAttributes } from "../attributes/select.js";
import { ScimError } from "../errors.js";
import { userFilterMap } from "../filter/attribute-map.js";
import { parseFilter } from "../filter/parse.js";
import { filterToWhere } from "../filter/to-where.js";
import {
  ScimCreateUserDocument,
  ScimDeprovisionUserDocument,
  ScimGetUserDocument,
  ScimListUsersDocument,
  ScimPatchUserDocument,
  ScimUpdateUserDocument,
  type ScimUserFragment,
  type UserSortField,
  type UserWhere,
} from "../generated/graphql.js";
import { planList } from "../messages/list-query.js";
import type { ListResponse } from "../messages/list-response.js";
import { requireResourceBody } from "../messages/resource-body.js";
import type { ListQuery } from "../messages/search-request.js";
import { expectedVersion } from "../messages/versions.js";
import { normalizePatch } from "../messages/patch-op.js";
import type { ResourceResult, ScimRequestScope, ScimResourceHandler } from "../resource-handler.js";
import { canonicalPath } from "../schemas/canonicalize.js";
import { CUSTOM_USER_SCHEMA } from "../schemas/custom-user.schema.js";
import { ENTERPRISE_USER_SCHEMA } from "../schemas/enterprise-user.schema.js";
import { USER_SCHEMA } from "../schemas/user.schema.js";
import { canonicalUser, createInputFromScim, replaceInputFromScim, toScimUser } from "./user.mapper.js";
import { userResourceType } from "./user.resource-type.js";

/** GraphQL input fields → SCIM attribute names, for the detail of invalidValue errors. */
const FIELD_NAMES: Record<string, string> = {
  "enterprise.managerId": `${ENTERPRISE_USER_SCHEMA}:manager.value`,
  "enterprise.department": `${ENTERPRISE_USER_SCHEMA}:department`,
  "enterprise.costCenter": `${ENTERPRISE_USER_SCHEMA}:costCenter`,
  "enterprise.employeeNumber": `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
  "enterprise.organization": `${ENTERPRISE_USER_SCHEMA}:organization`,
  "enterprise.division": `${ENTERPRISE_USER_SCHEMA}:division`,
  personId: `${CUSTOM_USER_SCHEMA}:personId`,
};

/** The SCIM User resource (RFC 7643 §4.1) over the GraphQL users API. */
export class UsersHandler implements ScimResourceHandler {
  readonly resourceType = userResourceType.name;
  readonly endpoint = userResourceType.endpoint;

  /** RFC 7644 §3.4.2: filter, sort and page (by index, or by cursor as RFC 9865 adds) in SQL through the users query. */
  async list(scope: ScimRequestScope, query: ListQuery): Promise<ListResponse> {
    // Service accounts (the IdP's own SCIM account among them) are not the IdP's people: never listed, never counted.
    const where: UserWhere = { ...(query.filter ? (filterToWhere(parseFilter(query.filter), userFilterMap) as UserWhere) : {}), isServiceAccount: { eq: false } };
    const plan = planList<UserSortField>(query, { resourceType: this.resourceType, filterMap: userFilterMap, plural: "users" });
    const { users } = await scope.runner.read(ScimListUsersDocument, { where, orderBy: plan.orderBy, page: plan.page, withRoles: wantsRoles(scope) });
    return plan.respond(
      users.nodes.map((u) => this.present(scope, u)),
      users,
    );
  }

  async get(scope: ScimRequestScope, id: string): Promise<ResourceResult> {
    const { user } = await scope.runner.read(ScimGetUserDocument, { id, withRoles: wantsRoles(scope) });
    if (user.isServiceAccount) throw ScimError.notFound(`User ${id} not found`);
    return this.result(scope, user);
  }

  /** RFC 7644 §3.3. A userName taken in any case is 409 uniqueness, decided by the database's unique index. */
  async create(scope: ScimRequestScope, body: unknown): Promise<ResourceResult> {
    const doc = canonicalUser(requireResourceBody(body, "User", USER_SCHEMA), { notes: scope.notes });
    const { createUser } = await scope.runner.change(
      ScimCreateUserDocument,
      { input: createInputFromScim(doc), withRoles: wantsRoles(scope) },
      { status: 201, fieldNames: FIELD_NAMES },
    );
    return this.result(scope, createUser);
  }

  /**
   * RFC 7644 §3.5.1 with rolebridge's rule, which SailPoint's deactivation PUT (carrying only
   * userName and active) needs: attributes present replace, readWrite attributes left out are
   * kept, explicit null or [] clears: exactly updateUser's partial semantics, so a PUT is one
   * updateUser, with no read before it.
   */
  async replace(scope: ScimRequestScope, id: string, body: unknown): Promise<ResourceResult> {
    const doc = canonicalUser(requireResourceBody(body, "User", USER_SCHEMA), { notes: scope.notes });
    // RFC 7644 §3.5.1: a replace carries every required attribute; left out, userName is a client error, not "keep".
    if (typeof doc.userName !== "string" || doc.userName.trim() === "") {
      throw ScimError.invalidValue("userName is required in a PUT and must be a non-empty string (RFC 7643 §4.1.1, RFC 7644 §3.5.1)");
    }
    const { updateUser } = await scope.runner.change(
      ScimUpdateUserDocument,
      { id, input: replaceInputFromScim(doc), expectedVersion: expectedVersion(scope.ifMatch), withRoles: wantsRoles(scope) },
      { status: 200, fieldNames: FIELD_NAMES },
    );
    return this.result(scope, updateUser);
  }

  /**
   * RFC 7644 §3.5.2: one patchUser, which applies the operations (user-patch-applier.ts) to the
   * user inside the change's own transaction, with the user locked. The body is normalised here
   * first too, so a malformed PATCH is refused before any database work and the IdP dialects it
   * used are known to the provisioning log.
   */
  async patch(scope: ScimRequestScope, id: string, body: unknown): Promise<ResourceResult> {
    normalizePatch(body, userResourceType, { notes: scope.notes });
    const { patchUser } = await scope.runner.change(
      ScimPatchUserDocument,
      { id, patch: body, expectedVersion: expectedVersion(scope.ifMatch), withRoles: wantsRoles(scope) },
      { status: 200, fieldNames: FIELD_NAMES },
    );
    return this.result(scope, patchUser);
  }

  /** RFC 7644 §3.6: deactivate or delete, as the company's scimDeleteMode says. */
  async delete(scope: ScimRequestScope, id: string): Promise<void> {
    await scope.runner.change(ScimDeprovisionUserDocument, { id, expectedVersion: expectedVersion(scope.ifMatch) }, { status: 204 });
  }

  private result(scope: ScimRequestScope, user: ScimUserFragment): ResourceResult {
    return { resource: this.present(scope, user), id: user.id, version: user.version };
  }

  private present(scope: ScimRequestScope, user: ScimUserFragment): Record<string, unknown> {
    return selectAttributes(toScimUser(user, scope.baseUrl), userResourceType, scope);
  }
}

/**
 * Whether the response carries the user's groups or roles (RFC 7644 §3.4.2.5): when
 * `excludedAttributes` leaves both out, or `attributes` names neither, no membership is read.
 */
function wantsRoles(selection: { attributes?: string[]; excludedAttributes?: string[] }): boolean {
  const head = (raw: string) => canonicalPath(userResourceType, raw);
  const isRoles = (path: string[]) => path[0] === "groups" || path[0] === "roles";
  if (selection.attributes?.length) return selection.attributes.some((a) => isRoles(head(a)));
  if (selection.excludedAttributes?.length) {
    const excluded = selection.excludedAttributes.map(head).filter((p) => p.length === 1 && isRoles(p)).map((p) => p[0]);
    return !(excluded.includes("groups") && excluded.includes("roles"));
  }
  return true;
}
