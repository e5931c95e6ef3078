import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Permission } from "../../domain/access-roles/permission.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { UserType } from "./user.type.js";

/** Break-glass accounts, which keep password sign-in while the company enforces SSO. */
@Resolver(() => UserType)
export class BreakGlassResolver {
  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => UserType, {
    description:
      "Mark a user break-glass (may sign in with a password while the company enforces SSO) or not. While SSO is enforced, unmarking the last break-glass administrator is refused (reason NO_BREAK_GLASS_ADMINISTRATOR). Audited.",
  })
  setBreakGlass(
    @Arg("userId", () => ID, { description: "The user's id." }) userId: string,
    @Arg("breakGlass", () => Boolean, { description: "Break-glass or not." }) breakGlass: boolean,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.ssoEnforcement.setBreakGlass(scopeOf(ctx), userId, breakGlass);
  }
}
