import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { type GraphQLContext, scopeOf } from "../context.js";
import { UserType } from "../users/user.type.js";
import { SessionType } from "./session.type.js";

@Resolver()
export class AuthResolver {
  @Mutation(() => SessionType, { description: "Sign in with a company user's password; returns a short-lived session token." })
  async login(
    @Arg("company", () => String, { description: "The company's slug." }) company: string,
    @Arg("userName", () => String, { description: "The user's userName, ignoring case." }) userName: string,
    @Arg("password", () => String, { description: "The user's password." }) password: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SessionType> {
    const session = await ctx.services.login.login(ctx.em, company, userName, password, ctx.clientIp);
    return { ...session, user: session.user as UserType };
  }

  @Authorized()
  @Query(() => UserType, { description: "The signed-in user." })
  me(@Ctx() ctx: GraphQLContext) {
    return ctx.services.users.me(scopeOf(ctx));
  }
}
