import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { EffectiveAccess } from "../../domain/access-roles/effective-access.service.js";
import type { UserView } from "../../domain/users/user.view.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { UserType } from "../users/user.type.js";
import { EffectiveAccessType } from "./effective-access.type.js";

/**
 * The effective-access side of User, kept with access roles, so that a user's page (attributes,
 * roles, effective access, history) is one GraphQL request. The same service call as the
 * effectiveAccess query, with the same permission rule.
 */
@Resolver(() => UserType)
export class UserEffectiveAccessResolver {
  @FieldResolver(() => EffectiveAccessType, {
    description:
      "The user's effective data-access and app-access roles with provenance (direct, or membership → source → mapping) and permissions, as the effectiveAccess query answers them. Anyone may read their own; others need CanViewUsers, CanManageUsers, CanConfigureCompany or CanViewAuditLog. A few statements per user: ask for it on one user, not on a page of users.",
  })
  effectiveAccess(@Root() user: UserView, @Ctx() ctx: GraphQLContext): Promise<EffectiveAccess> {
    return ctx.services.effectiveAccess.forUser(scopeOf(ctx), user.id);
  }
}
