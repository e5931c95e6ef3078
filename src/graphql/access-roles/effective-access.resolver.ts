import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { EFFECTIVE_ACCESS_READERS } from "../../domain/access-roles/effective-access.service.js";
import { Permission } from "../../domain/access-roles/permission.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { PageInput, toConnection } from "../pagination.js";
import { EffectiveAccessType, UserWithAccessConnection } from "./effective-access.type.js";

/** Effective access and its reverse: thin calls into EffectiveAccessService. */
@Resolver()
export class EffectiveAccessResolver {
  @Authorized()
  @Query(() => EffectiveAccessType, {
    description:
      "A user's effective data-access and app-access roles with provenance (direct, or membership → source → mapping) and the resulting permissions. Anyone may read their own; others need CanViewUsers, CanManageUsers, CanConfigureCompany or CanViewAuditLog.",
  })
  effectiveAccess(@Arg("userId", () => ID, { description: "The user." }) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.effectiveAccess.forUser(scopeOf(ctx), userId);
  }

  @Authorized(...EFFECTIVE_ACCESS_READERS)
  @Query(() => UserWithAccessConnection, {
    description: "Who holds an access role, and why: a page of users sorted by userName. Give exactly one of dataAccessRoleId and appAccessRoleId.",
  })
  async usersWithAccess(
    @Arg("dataAccessRoleId", () => ID, { nullable: true, description: "The data-access role asked about." }) dataAccessRoleId: string | null,
    @Arg("appAccessRoleId", () => ID, { nullable: true, description: "The app-access role asked about." }) appAccessRoleId: string | null,
    @Arg("page", () => PageInput, { nullable: true, description: "Which page; the first 100 when left out." }) page: PageInput | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.services.effectiveAccess.usersWithAccess(scopeOf(ctx), { dataAccessRoleId, appAccessRoleId }, page));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => EffectiveAccessType, {
    description: "Replace a user's direct data-access and app-access roles (audited with before and after); returns the user's effective access afterwards.",
  })
  setUserDirectRoles(
    @Arg("userId", () => ID, { description: "The user." }) userId: string,
    @Arg("dataAccessRoleIds", () => [ID], { description: "Every direct data-access role afterwards." }) dataAccessRoleIds: string[],
    @Arg("appAccessRoleIds", () => [ID], { description: "Every direct app-access role afterwards." }) appAccessRoleIds: string[],
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.effectiveAccess.setUserDirectRoles(scopeOf(ctx), userId, dataAccessRoleIds, appAccessRoleIds);
  }
}
