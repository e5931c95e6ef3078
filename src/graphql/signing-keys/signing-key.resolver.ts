import { Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { SigningKeySummary } from "../../domain/signing-keys/signing-key.service.js";
import { PLATFORM_OPERATOR } from "../auth-checker.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { SigningKeyInfoType } from "./signing-key.type.js";

/** Token signing keys, for platform operators; the CLI's rotate-signing-key does the same. */
@Resolver(() => SigningKeyInfoType)
export class SigningKeyResolver {
  @Authorized(PLATFORM_OPERATOR)
  @Query(() => [SigningKeyInfoType], { description: "Every token signing key, newest first (platform operators). Never includes private key material." })
  async signingKeys(@Ctx() ctx: GraphQLContext): Promise<SigningKeyInfoType[]> {
    const keys = await ctx.services.signingKeys.list(scopeOf(ctx));
    return keys.map(toInfo);
  }

  @Authorized(PLATFORM_OPERATOR)
  @Mutation(() => SigningKeyInfoType, {
    description:
      "Sign new tokens with a new key and retire the current one (platform operators; audited). Tokens signed by the retired key keep verifying until they expire; every instance on the database signs with the new key from its next token on.",
  })
  async rotateSigningKey(@Ctx() ctx: GraphQLContext): Promise<SigningKeyInfoType> {
    const key = await ctx.services.signingKeys.rotateAsOperator(scopeOf(ctx));
    ctx.services.tokens.invalidate();
    return toInfo(key);
  }
}

function toInfo(key: SigningKeySummary): SigningKeyInfoType {
  return { kid: key.kid, alg: key.alg, createdAt: key.createdAt, retiredAt: key.retiredAt ?? null };
}
