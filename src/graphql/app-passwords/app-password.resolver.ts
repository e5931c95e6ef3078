import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Permission } from "../../domain/access-roles/permission.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { AppPasswordType, GeneratedAppPasswordType, RotatedAppPasswordType, toAppPasswordType } from "./app-password.type.js";

/** Thin resolver: the caller rules (service account itself, no impersonation) live in AppPasswordService. */
@Resolver(() => AppPasswordType)
export class AppPasswordResolver {
  @Authorized(Permission.CanCreateAppPasswords, Permission.CanConfigureCompany)
  @Query(() => [AppPasswordType], {
    description:
      "App passwords: a service account with CanCreateAppPasswords sees its own, a holder of CanConfigureCompany sees all of the company's. Never includes a secret.",
  })
  async appPasswords(@Ctx() ctx: GraphQLContext): Promise<AppPasswordType[]> {
    const list = await ctx.services.appPasswords.list(scopeOf(ctx));
    return list.map(toAppPasswordType);
  }

  @Authorized(Permission.CanCreateAppPasswords)
  @Mutation(() => GeneratedAppPasswordType, {
    description:
      "Generate the caller's app password (Client ID + Client Secret). Must be called by the service account itself, signed in with its password (an impersonated session cannot), and fails with CONFLICT while an active one exists: revoke it first. The secret is shown once.",
  })
  async generateAppPassword(
    @Arg("name", () => String, { description: "A descriptive name, e.g. the IdP the credential is for." }) name: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<GeneratedAppPasswordType> {
    const generated = await ctx.services.appPasswords.generate(scopeOf(ctx), name);
    return {
      appPassword: toAppPasswordType(generated.appPassword),
      clientSecret: generated.clientSecret,
      bearerToken: generated.bearerToken,
    };
  }

  @Authorized(Permission.CanCreateAppPasswords)
  @Mutation(() => RotatedAppPasswordType, {
    description:
      "Replace one of the caller's app passwords without downtime: issues a successor (secret shown once) while the current one keeps working; the successor's first successful request revokes the current one, as does revoking it. Same callers as generateAppPassword. CONFLICT (reason ROTATION_IN_PROGRESS) while a rotation is under way, (reason REVOKED_APP_PASSWORD) for a revoked one.",
  })
  async rotateAppPassword(
    @Arg("id", () => ID, { description: "The app password to replace." }) id: string,
    @Arg("name", () => String, { nullable: true, description: "A name for the successor; the current one's name when left out." }) name: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RotatedAppPasswordType> {
    const rotated = await ctx.services.appPasswords.rotate(scopeOf(ctx), { id }, name ?? undefined);
    return {
      appPassword: toAppPasswordType(rotated.appPassword),
      clientSecret: rotated.clientSecret,
      bearerToken: rotated.bearerToken,
      predecessor: toAppPasswordType(rotated.predecessor),
    };
  }

  @Authorized(Permission.CanCreateAppPasswords)
  @Mutation(() => AppPasswordType, {
    description:
      "Revoke one of the caller's app passwords; every request using it (or a token issued from it) fails from the next one on. Must be called by the service account itself, not an impersonated session. Revoking a rotation's successor before its first use ends the rotation: the app password it was to replace is current again.",
  })
  async revokeAppPassword(
    @Arg("id", () => ID, { description: "The app password's id." }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AppPasswordType> {
    return toAppPasswordType((await ctx.services.appPasswords.revoke(scopeOf(ctx), { id })).appPassword);
  }
}
