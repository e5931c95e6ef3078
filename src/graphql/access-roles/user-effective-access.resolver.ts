import DataLoader from "dataloader";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { EffectiveAccess } from "../../domain/access-roles/effective-access.service.js";
import type { UserView } from "../../domain/users/user.view.js";
import { type GraphQLContext, perRequest, scopeOf } from "../context.js";
import { UserType } from "../users/user.type.js";
import { EffectiveAccessType } from "./effective-access.type.js";

/**
 * The effective-access side of User, kept with access roles, so that a user's page (attributes,
 * roles, effective access, history) is one GraphQL request. The users of one request are batched:
 * a page of 1,000 users costs the statements of one.
 */
@Resolver(() => UserType)
export class UserEffectiveAccessResolver {
  @FieldResolver(() => EffectiveAccessType, {
    description:
      "The user's effective data-access and app-access roles with provenance (direct, or membership → source → mapping) and permissions, as the effectiveAccess query answers them, batched for all users of a request. Anyone may read their own; others need CanViewUsers, CanManageUsers, CanConfigureCompany or CanViewAuditLog.",
  })
  effectiveAccess(@Root() user: UserView, @Ctx() ctx: GraphQLContext): Promise<EffectiveAccess> {
    return effectiveAccessLoader(ctx).load(user);
  }
}

/**
 * One loader per request. Not cached: a mutation earlier in the same document (setRoleMapping,
 * say) may have just changed what a user holds.
 */
const effectiveAccessLoader = perRequest(
  (ctx) => new DataLoader<UserView, EffectiveAccess, string>((users) => ctx.services.effectiveAccess.forUsers(scopeOf(ctx), users), { cache: false }),
);
