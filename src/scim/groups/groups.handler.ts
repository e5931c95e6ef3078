import { selectAttributes } from "../attributes/select.js";
import { ScimError } from "../errors.js";
import { groupFilterMap } from "../filter/attribute-map.js";
import { parseFilter } from "../filter/parse.js";
import { filterToWhere } from "../filter/to-where.js";
import {
  ScimCreateGroupDocument,
  ScimDeleteGroupDocument,
  ScimGetGroupDocument,
  ScimGroupMembersDocument,
  ScimListGroupsDocument,
  ScimPatchGroupDocument,
  type CustomerRoleOrderField,
  type CustomerRoleWhere,
  type ScimGroupFragment,
  type ScimGroupMemberPageFragment,
} from "../generated/graphql.js";
import { planList } from "../messages/list-query.js";
import type { ListResponse } from "../messages/list-response.js";
import { requireResourceBody } from "../messages/resource-body.js";
import type { ListQuery } from "../messages/search-request.js";
import { expectedVersion } from "../messages/versions.js";
import { groupPatchInput } from "../patch/group-member-ops.js";
import { normalizePatch } from "../messages/patch-op.js";
import type { ResourceResult, ScimRequestScope, ScimResourceHandler } from "../resource-handler.js";
import { canonicalPath } from "../schemas/canonicalize.js";
import { GROUP_SCHEMA } from "../schemas/group.schema.js";
import { canonicalGroup, createInputFromScim, replaceInputFromScim, toScimGroup, type GroupMember } from "./group.mapper.js";
import { groupResourceType } from "./group.resource-type.js";

/** Members are read in keyset pages of this size (the GraphQL page limit), never all at once. */
export const MEMBER_PAGE_SIZE = 1000;

/**
 * The most members one response carries. RFC 7644 has no paging inside a resource; rolebridge
 * returns every SCIM member of a group up to this bound, read in keyset pages (a 50,000-member
 * group is 50 pages). A larger group is answered 400 tooMany with a detail that says what to do
 * instead (excludedAttributes=members, as Entra sends): never a silently truncated list, which an
 * IdP would take for the whole membership. A PATCH asking for the group answers 204 instead,
 * since its change is committed. POST and PUT cannot reach the bound: their member lists fit in
 * the 1 MB body limit.
 */
export const MAX_MEMBERS_PER_RESPONSE = 100_000;

/** GraphQL input fields → SCIM attribute names, for the detail of invalidValue errors (SailPoint acts on it). */
const FIELD_NAMES: Record<string, string> = {
  memberIds: "members",
  addUserIds: "members",
  removeUserIds: "members",
  replaceUserIds: "members",
};

/** The SCIM Group resource (RFC 7643 §4.2) over the GraphQL customer-supplied roles API. */
export class GroupsHandler implements ScimResourceHandler {
  readonly resourceType = groupResourceType.name;
  readonly endpoint = groupResourceType.endpoint;

  /** RFC 7644 §3.4.2: filter, sort and page (by index, or by cursor as RFC 9865 adds) in SQL; the first member page of every group in one query. */
  async list(scope: ScimRequestScope, query: ListQuery): Promise<ListResponse> {
    const where = query.filter ? (filterToWhere(parseFilter(query.filter), groupFilterMap) as CustomerRoleWhere) : undefined;
    const plan = planList<CustomerRoleOrderField>(query, { resourceType: this.resourceType, filterMap: groupFilterMap, plural: "groups" });
    const withMembers = wantsMembers(scope);
    const { customerRoles } = await scope.runner.read(ScimListGroupsDocument, {
      where,
      orderBy: plan.orderBy,
      page: plan.page,
      withMembers,
      membersPage: { first: MEMBER_PAGE_SIZE },
    });
    const budget = { left: MAX_MEMBERS_PER_RESPONSE };
    const resources: Record<string, unknown>[] = [];
    for (const group of customerRoles.nodes) {
      const members = withMembers ? await this.allMembers(scope, group.id, group.members, budget) : undefined;
      resources.push(this.present(scope, group, members));
    }
    return plan.respond(resources, customerRoles);
  }

  async get(scope: ScimRequestScope, id: string): Promise<ResourceResult> {
    const withMembers = wantsMembers(scope);
    const { customerRole } = await scope.runner.read(ScimGetGroupDocument, { id, withMembers, membersPage: { first: MEMBER_PAGE_SIZE } });
    return this.result(scope, customerRole, withMembers);
  }

  /** RFC 7644 §3.3: 201 with the group and its members (source SCIM_GROUP); a taken displayName is 409 uniqueness. */
  async create(scope: ScimRequestScope, body: unknown): Promise<ResourceResult> {
    const doc = canonicalGroup(requireResourceBody(body, "Group", GROUP_SCHEMA), { notes: scope.notes });
    const withMembers = wantsMembers(scope);
    const { createCustomerRole } = await scope.runner.change(
      ScimCreateGroupDocument,
      { input: createInputFromScim(doc, scope.notes), withMembers, membersPage: { first: MEMBER_PAGE_SIZE } },
      { status: 201, fieldNames: FIELD_NAMES },
    );
    return this.result(scope, createCustomerRole, withMembers);
  }

  /**
   * RFC 7644 §3.5.1: one patchCustomerRole carrying displayName, externalId and the whole
   * SCIM_GROUP membership (see replaceInputFromScim); answered 200 with the group.
   */
  async replace(scope: ScimRequestScope, id: string, body: unknown): Promise<ResourceResult> {
    const doc = canonicalGroup(requireResourceBody(body, "Group", GROUP_SCHEMA), { notes: scope.notes });
    const withMembers = wantsMembers(scope);
    const { patchCustomerRole } = await scope.runner.change(
      ScimPatchGroupDocument,
      { id, input: replaceInputFromScim(doc, scope.notes), expectedVersion: expectedVersion(scope.ifMatch), withMembers, membersPage: { first: MEMBER_PAGE_SIZE } },
      { status: 200, fieldNames: FIELD_NAMES },
    );
    return this.result(scope, patchCustomerRole, withMembers);
  }

  /**
   * RFC 7644 §3.5.2: normalise the IdP's dialect, fold the operations into one
   * patchCustomerRole (patch/group-member-ops.ts), run it with the If-Match version. The member
   * list is read neither before nor after: the answer is 204 with the new ETag, or 200 with the
   * group when the request asks for it with `attributes` or `excludedAttributes` (RFC 7644 §3.5.2
   * allows either). Users answer 200 always: a user is small, a group may have 50,000 members.
   */
  async patch(scope: ScimRequestScope, id: string, body: unknown): Promise<ResourceResult> {
    const operations = normalizePatch(body, groupResourceType, { notes: scope.notes });
    const input = groupPatchInput(operations, id, scope.notes);
    const wantsResource = scope.attributes !== undefined || scope.excludedAttributes !== undefined;
    const withMembers = wantsResource && wantsMembers(scope);
    // The ProvisioningEvent is written in the mutation's transaction, so it is told the status now.
    const { patchCustomerRole } = await scope.runner.change(
      ScimPatchGroupDocument,
      { id, input, expectedVersion: expectedVersion(scope.ifMatch), withMembers, membersPage: { first: MEMBER_PAGE_SIZE } },
      { status: wantsResource ? 200 : 204, fieldNames: FIELD_NAMES },
    );
    const noContent = { resource: {}, id: patchCustomerRole.id, version: patchCustomerRole.version, noContent: true };
    if (!wantsResource) return noContent;
    try {
      return await this.result(scope, patchCustomerRole, withMembers);
    } catch (err) {
      // The change is committed: a group too large to return is answered 204, as RFC 7644 §3.5.2 allows.
      if (err instanceof ScimError && err.scimType === "tooMany") return noContent;
      throw err;
    }
  }

  /** RFC 7644 §3.6: the role and its memberships go; the users stay. */
  async delete(scope: ScimRequestScope, id: string): Promise<void> {
    await scope.runner.change(ScimDeleteGroupDocument, { id, expectedVersion: expectedVersion(scope.ifMatch) }, { status: 204 });
  }

  private async result(
    scope: ScimRequestScope,
    group: ScimGroupFragment & { members?: ScimGroupMemberPageFragment },
    withMembers: boolean,
  ): Promise<ResourceResult> {
    const members = withMembers ? await this.allMembers(scope, group.id, group.members, { left: MAX_MEMBERS_PER_RESPONSE }) : undefined;
    return { resource: this.present(scope, group, members), id: group.id, version: group.version };
  }

  /**
   * The first page (read with the group) and every later one, by keyset cursor over the
   * membership index, until done or over the response's bound.
   */
  private async allMembers(
    scope: ScimRequestScope,
    groupId: string,
    first: ScimGroupMemberPageFragment | undefined,
    budget: { left: number },
  ): Promise<GroupMember[]> {
    if (!first) return [];
    if (first.totalCount > budget.left) throw tooManyMembers(groupId);
    const members: GroupMember[] = [...first.nodes];
    let page = first;
    while (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      const { customerRole } = await scope.runner.read(ScimGroupMembersDocument, {
        id: groupId,
        membersPage: { first: MEMBER_PAGE_SIZE, after: page.pageInfo.endCursor },
      });
      page = customerRole.members;
      members.push(...page.nodes);
      // Members added while the pages are read count against the bound too.
      if (members.length > budget.left) throw tooManyMembers(groupId);
    }
    budget.left -= members.length;
    return members;
  }

  private present(scope: ScimRequestScope, group: ScimGroupFragment, members: GroupMember[] | undefined): Record<string, unknown> {
    return selectAttributes(toScimGroup(group, members, scope.baseUrl), groupResourceType, scope);
  }
}

/**
 * Whether the response includes members (RFC 7644 §3.4.2.5). When it does not
 * (`excludedAttributes=members`, which Entra sends on every group lookup, or `attributes`
 * without members) the members are not read at all.
 */
function wantsMembers(selection: { attributes?: string[]; excludedAttributes?: string[] }): boolean {
  const head = (raw: string) => canonicalPath(groupResourceType, raw);
  if (selection.attributes?.length) return selection.attributes.some((a) => head(a)[0] === "members");
  if (selection.excludedAttributes?.length) return !selection.excludedAttributes.some((a) => head(a).length === 1 && head(a)[0] === "members");
  return true;
}

function tooManyMembers(groupId: string): ScimError {
  return new ScimError(
    400,
    "tooMany",
    `the group ${groupId} has more than ${MAX_MEMBERS_PER_RESPONSE} members, more than one response carries; ask with excludedAttributes=members (its holders can be paged with GET /Users?filter=groups.value eq "${groupId}")`,
  );
}
