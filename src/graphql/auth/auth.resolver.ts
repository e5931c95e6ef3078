import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { checkLogin } from "../../auth/login.js";
import { User } from "../../domain/users/user.entity.js";
import { userViewOfEntity } from "../../domain/users/user.view.js";
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
    const user = await checkLogin(ctx.em, ctx.services.credentialChecks, company, userName, password);
    const { token, expiresAt } = await ctx.services.tokens.sign(
      { sub: user.id, company: user.company.id, typ: "session" },
      ctx.services.config.SESSION_TTL_SECONDS,
    );
    await ctx.em.populate(user, ["emails"], { filters: false });
    return { token, expiresAt, user: userViewOfEntity(user) as UserType };
  }

  @Authorized()
  @Query(() => UserType, { description: "The signed-in user." })
  async me(@Ctx() ctx: GraphQLContext) {
    const scope = scopeOf(ctx);
    return userViewOfEntity(await scope.em.findOneOrFail(User, { id: scope.principal.userId }, { populate: ["emails"] }));
  }
}
