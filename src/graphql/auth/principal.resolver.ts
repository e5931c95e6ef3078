import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import { ALL_PERMISSIONS } from "../../domain/access-roles/permission.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import type { UserType } from "../users/user.type.js";
import { PrincipalType } from "./principal.type.js";

@Resolver()
export class PrincipalResolver {
  @Authorized()
  @Query(() => PrincipalType, {
    description: "Who is calling: the signed-in user, the permissions this session is authorised with, and the platform operator behind an impersonated session.",
  })
  async principal(@Ctx() ctx: GraphQLContext): Promise<PrincipalType> {
    const scope = scopeOf(ctx);
    const user = await ctx.services.users.me(scope);
    const impersonator = await ctx.services.impersonation.impersonatorOf(scope);
    return {
      user: user as UserType,
      permissions: ALL_PERMISSIONS.filter((p) => scope.principal.permissions.has(p)),
      isPlatformOperator: scope.principal.isPlatformOperator,
      impersonator,
    };
  }
}
