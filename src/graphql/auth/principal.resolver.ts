import { Authorized, Ctx, FieldResolver, Query, Resolver } from "type-graphql";
import { ALL_PERMISSIONS } from "../../domain/access-roles/permission.js";
import type { UserView } from "../../domain/users/user.view.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { UserType } from "../users/user.type.js";
import { PrincipalType } from "./principal.type.js";

@Resolver(() => PrincipalType)
export class PrincipalResolver {
  @Authorized()
  @Query(() => PrincipalType, {
    description: "Who is calling: the signed-in user, the permissions this session is authorised with, and the platform operator behind an impersonated session.",
  })
  async principal(@Ctx() ctx: GraphQLContext): Promise<Omit<PrincipalType, "user">> {
    const scope = scopeOf(ctx);
    const impersonator = await ctx.services.impersonation.impersonatorOf(scope);
    return {
      permissions: ALL_PERMISSIONS.filter((p) => scope.principal.permissions.has(p)),
      isPlatformOperator: scope.principal.isPlatformOperator,
      impersonator,
    };
  }

  /** Read only when asked for: the console asks for `me` beside the principal, and would read the user twice. */
  @FieldResolver(() => UserType)
  user(@Ctx() ctx: GraphQLContext): Promise<UserView> {
    return ctx.services.users.me(scopeOf(ctx));
  }
}
