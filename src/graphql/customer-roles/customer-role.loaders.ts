import DataLoader from "dataloader";
import type { RoleMapping } from "../../domain/access-roles/role-mapping.entity.js";
import type { CustomerRole } from "../../domain/customer-roles/customer-role.entity.js";
import type { MemberNode, RoleHolding } from "../../domain/customer-roles/customer-role.service.js";
import type { MembershipSource } from "../../domain/customer-roles/membership-source.js";
import type { Page, PageRequest } from "../../domain/paging.js";
import type { UserView } from "../../domain/users/user.view.js";
import { type GraphQLContext, perRequest, scopeOf } from "../context.js";

/**
 * Per-request DataLoaders for the fields of CustomerRole that fan out: a page of 100
 * roles asking for memberCount, members and mapping costs a few queries, not three per role.
 * Kept beside the resolver, keyed by the request's context object, so they live exactly as long
 * as the request.
 */
export interface CustomerRoleLoaders {
  memberCount: DataLoader<string, number>;
  /** One loader per distinct (source, page) argument set, as every parent of a list shares them. */
  members(source: MembershipSource | null | undefined, page: PageRequest | null | undefined): DataLoader<string, Page<MemberNode>>;
  mapping: DataLoader<string, RoleMapping | null>;
  customerRole: DataLoader<string, CustomerRole | null>;
  /** By user id: the roles the user holds. */
  holdings: DataLoader<string, RoleHolding[]>;
  /** By user id: the whole user, for the members whose `user` a query asks for. */
  user: DataLoader<string, UserView | null>;
}

export const customerRoleLoaders: (ctx: GraphQLContext) => CustomerRoleLoaders = perRequest(createLoaders);

function createLoaders(ctx: GraphQLContext): CustomerRoleLoaders {
  const { customerRoles, roleMappings } = ctx.services;
  const memberLoaders = new Map<string, DataLoader<string, Page<MemberNode>>>();
  return {
    memberCount: new DataLoader(async (ids) => {
      const counts = await customerRoles.memberCounts(scopeOf(ctx), ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    members(source, page) {
      const key = JSON.stringify([source ?? null, page?.offset ?? null, page?.first ?? null, page?.after ?? null]);
      let loader = memberLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const pages = await customerRoles.memberPages(scopeOf(ctx), ids, { source, page });
          return ids.map((id) => pages.get(id)!);
        });
        memberLoaders.set(key, loader);
      }
      return loader;
    },
    mapping: new DataLoader(async (ids) => {
      const mappings = await roleMappings.forCustomerRoles(scopeOf(ctx), ids);
      return ids.map((id) => mappings.get(id) ?? null);
    }),
    customerRole: new DataLoader(async (ids) => {
      const roles = new Map((await customerRoles.byIds(scopeOf(ctx), ids)).map((r) => [r.id, r]));
      return ids.map((id) => roles.get(id) ?? null);
    }),
    holdings: new DataLoader(async (userIds) => {
      const holdings = await customerRoles.holdingsOfUsers(scopeOf(ctx), userIds);
      return userIds.map((id) => holdings.get(id) ?? []);
    }),
    user: new DataLoader(async (userIds) => {
      const users = new Map((await ctx.services.users.byIds(scopeOf(ctx), userIds)).map((u) => [u.id, u]));
      return userIds.map((id) => users.get(id) ?? null);
    }),
  };
}
