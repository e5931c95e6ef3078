import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { PLATFORM_OPERATOR } from "../auth-checker.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import type { UserType } from "../users/user.type.js";
import { SessionType } from "./session.type.js";

@Resolver()
export class ImpersonationResolver {
  @Authorized(PLATFORM_OPERATOR)
  @Mutation(() => SessionType, {
    description:
      "Open a 15-minute session as a company user (platform operators only, not from an impersonated session). The token carries the operator as its RFC 8693 `act` claim: every change made with it is audited with the operator as impersonator, and it cannot generate or revoke app passwords. Recorded as the audit event session.impersonate in the user's company.",
  })
  async impersonate(
    @Arg("companyId", () => ID, { description: "The company of the user to impersonate." }) companyId: string,
    @Arg("userId", () => ID, { description: "The user to impersonate." }) userId: string,
    @Arg("reason", () => String, { description: "Why the session is opened (e.g. a support ticket); kept in the audit event." }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SessionType> {
    const session = await ctx.services.impersonation.begin(scopeOf(ctx), { companyId, userId, reason });
    return { token: session.token, expiresAt: session.expiresAt, user: session.user as UserType };
  }
}
