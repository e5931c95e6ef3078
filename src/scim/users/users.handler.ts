import { selectAttributes } from "../attributes/select.js";
import { ScimError } from "../errors.js";
import { attributeKey, own, userFilterMap } from "../filter/attribute-map.js";
import { parseFilter } from "../filter/parse.js";
import { filterToWhere } from "../filter/to-where.js";
import {
  ScimCreateUserDocument,
  ScimDeprovisionUserDocument,
  ScimGetUserDocument,
  ScimListUsersDocument,
  ScimUpdateUserDocument,
  type ScimUserFragment,
  type UserInput,
  type UserOrderBy,
  type UserSortField,
  type UserWhere,
} from "../generated/graphql.js";
import { listResponse, type ListResponse } from "../messages/list-response.js";
import type { ListQuery } from "../messages/search-request.js";
import { normalizePatch } from "../patch/normalize.js";
import { applyUserPatch } from "../patch/user-patch.js";
import type { ResourceResult, ScimRequestScope, ScimResourceHandler } from "../resource-handler.js";
import { isPlainObject } from "../schemas/canonicalize.js";
import { CUSTOM_USER_SCHEMA } from "../schemas/custom-user.schema.js";
import { ENTERPRISE_USER_SCHEMA } from "../schemas/enterprise-user.schema.js";
import { USER_SCHEMA } from "../schemas/user.schema.js";
import { canonicalUser, createInputFromScim, diffInput, replaceInputFromScim, toScimUser } from "./user.mapper.js";
import { userSchemas } from "./user.schemas.js";

/**
 * How often a PATCH (or a PUT that had to read first) is re-applied after another writer bumped
 * the version in between, when the client sent no If-Match: the client asked for a change
 * relative to the current state, so re-reading and re-applying is what it meant.
 */
const MAX_ATTEMPTS = 16;
/** Upper bound of one back-off wait; the window doubles per attempt up to it (full jitter). */
const MAX_BACKOFF_MS = 200;

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
  readonly resourceType = "User";
  readonly endpoint = "/Users";

  /** RFC 7644 §3.4.2: filter, sort and page in SQL through the users query. */
  async list(scope: ScimRequestScope, query: ListQuery): Promise<ListResponse> {
    const where = query.filter ? (filterToWhere(parseFilter(query.filter), userFilterMap) as UserWhere) : undefined;
    let orderBy: UserOrderBy | undefined;
    if (query.sortBy) {
      const key = attributeKey(userFilterMap, query.sortBy);
      const field = key === undefined ? undefined : own(userFilterMap.sortFields, key);
      if (!field) throw ScimError.invalidValue(`sortBy '${query.sortBy.slice(0, 100)}' is not an attribute users can be sorted by`);
      orderBy = { field: field as UserSortField, direction: query.descending ? "DESC" : "ASC" };
    }
    const { users } = await scope.runner.read(ScimListUsersDocument, {
      where,
      orderBy,
      page: { offset: query.startIndex - 1, first: query.count },
    });
    const resources = users.nodes.map((u) => this.present(scope, u));
    return listResponse(resources, users.totalCount, query.startIndex);
  }

  async get(scope: ScimRequestScope, id: string): Promise<ResourceResult> {
    const { user } = await scope.runner.read(ScimGetUserDocument, { id });
    return this.result(scope, user);
  }

  /** RFC 7644 §3.3. A userName taken in any case is 409 uniqueness, decided by the database's unique index. */
  async create(scope: ScimRequestScope, body: unknown): Promise<ResourceResult> {
    const doc = canonicalUser(requireUserBody(body), { notes: scope.notes });
    const { createUser } = await scope.runner.change(ScimCreateUserDocument, { input: createInputFromScim(doc) }, { status: 201, fieldNames: FIELD_NAMES });
    return this.result(scope, createUser);
  }

  /**
   * RFC 7644 §3.5.1 with rolebridge's rule (interop.md, SailPoint's deactivation PUT): attributes
   * present replace, readWrite attributes left out are kept, explicit null or [] clears: exactly
   * updateUser's partial semantics, so a PUT is one updateUser. The user is read first only when
   * the body carries attributes rolebridge does not model, which must be merged into those kept.
   */
  async replace(scope: ScimRequestScope, id: string, body: unknown): Promise<ResourceResult> {
    const raw = requireUserBody(body);
    let doc = canonicalUser(raw, { notes: scope.notes });
    if (!needsStoredExtensions(doc)) {
      const { updateUser } = await scope.runner.change(
        ScimUpdateUserDocument,
        { id, input: replaceInputFromScim(doc), expectedVersion: versionOf(scope.ifMatch) },
        { status: 200, fieldNames: FIELD_NAMES },
      );
      return this.result(scope, updateUser);
    }
    return this.readModifyWrite(scope, id, (current) => {
      doc = canonicalUser(raw, { notes: scope.notes, knownUnknownKeys: Object.keys(current.extensionAttributes) });
      return replaceInputFromScim(doc, current);
    });
  }

  /**
   * RFC 7644 §3.5.2 (STYLE §3.7): read the user, normalise the IdP's dialect, apply the operations
   * with scim-patch, and send what changed as one updateUser carrying the version read.
   */
  async patch(scope: ScimRequestScope, id: string, body: unknown): Promise<ResourceResult> {
    return this.readModifyWrite(scope, id, (current) => {
      const before = toScimUser(current, scope.baseUrl);
      const operations = normalizePatch(body, userSchemas, { notes: scope.notes, knownUnknownKeys: Object.keys(current.extensionAttributes) });
      return diffInput(before, applyUserPatch(before, operations));
    });
  }

  /** RFC 7644 §3.6: deactivate or delete, as the company's setting says (DESIGN). */
  async delete(scope: ScimRequestScope, id: string): Promise<void> {
    await scope.runner.change(ScimDeprovisionUserDocument, { id, expectedVersion: versionOf(scope.ifMatch) }, { status: 204 });
  }

  private async readModifyWrite(scope: ScimRequestScope, id: string, change: (current: ScimUserFragment) => UserInput): Promise<ResourceResult> {
    for (let attempt = 1; ; attempt++) {
      const { user: current } = await scope.runner.read(ScimGetUserDocument, { id });
      const demanded = versionOf(scope.ifMatch);
      if (demanded !== undefined && demanded !== current.version) {
        throw ScimError.preconditionFailed(`the user is at version ${current.version}, not the version ${demanded} of If-Match; read it again`);
      }
      const input = change(current);
      if (Object.keys(input).length === 0) return this.result(scope, current);
      try {
        const { updateUser } = await scope.runner.change(ScimUpdateUserDocument, { id, input, expectedVersion: current.version }, { status: 200, fieldNames: FIELD_NAMES });
        return this.result(scope, updateUser);
      } catch (err) {
        const lostRace = err instanceof ScimError && err.status === 412 && demanded === undefined;
        if (!lostRace) throw err;
        // The client sent no If-Match, so a 412 would blame a precondition it never set: after the
        // bounded attempts it is told to retry (503 + Retry-After, which IdPs honour) instead.
        if (attempt >= MAX_ATTEMPTS) throw new ScimError(503, undefined, "the user is being changed by other requests right now; retry shortly", { "Retry-After": "1" });
        // Exponential back-off with full jitter, so a dozen writers racing for one user spread out
        // instead of colliding again in lock step (each round commits at least one of them).
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(MAX_BACKOFF_MS, 5 * 2 ** attempt)));
      }
    }
  }

  private result(scope: ScimRequestScope, user: ScimUserFragment): ResourceResult {
    return { resource: this.present(scope, user), id: user.id, version: user.version };
  }

  private present(scope: ScimRequestScope, user: ScimUserFragment): Record<string, unknown> {
    return selectAttributes(toScimUser(user, scope.baseUrl), userSchemas, scope);
  }
}

/** A User body: a JSON object whose schemas list the core User schema (RFC 7643 §3, RFC 7644 §3.3). */
function requireUserBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw ScimError.invalidSyntax("the request body must be a User resource (a JSON object) sent as application/scim+json");
  const key = Object.keys(body).find((k) => k.toLowerCase() === "schemas");
  const schemas = key === undefined ? undefined : body[key];
  if (!Array.isArray(schemas) || !schemas.every((s) => typeof s === "string")) {
    throw ScimError.invalidSyntax(`schemas is required: a list of schema URNs including ${USER_SCHEMA} (RFC 7643 §3)`);
  }
  if (!schemas.some((s: string) => s.toLowerCase() === USER_SCHEMA.toLowerCase())) {
    throw ScimError.invalidValue(`schemas must include ${USER_SCHEMA} for a User`);
  }
  return body;
}

function needsStoredExtensions(doc: Record<string, unknown>): boolean {
  const modelled = new Set(["schemas", "id", "meta", "groups", "roles", "externalId", "userName", "name", "displayName", "nickName", "title", "userType", "preferredLanguage", "locale", "timezone", "active", "password", "emails"]);
  for (const [key, value] of Object.entries(doc)) {
    if (key === ENTERPRISE_USER_SCHEMA || key === CUSTOM_USER_SCHEMA) {
      if (value === null) return true;
      const known = key === ENTERPRISE_USER_SCHEMA ? ["employeeNumber", "costCenter", "organization", "division", "department", "manager"] : ["personId"];
      if (isPlainObject(value) && Object.keys(value).some((k) => !known.includes(k))) return true;
      continue;
    }
    if (!modelled.has(key)) return true;
  }
  return false;
}

function versionOf(ifMatch: number | "*" | undefined): number | undefined {
  return typeof ifMatch === "number" ? ifMatch : undefined;
}
