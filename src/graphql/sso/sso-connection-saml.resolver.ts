import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { SsoProtocol } from "../../domain/sso/sso-connection.entity.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { baseUrlOf } from "./saml-connection.resolver.js";
import { SamlConnectionType, toSamlConnectionType } from "./saml-connection.type.js";
import { SsoConnectionType } from "./sso-connection.type.js";

/** The SAML side of a connection, beside the protocol-independent fields every connection has. */
@Resolver(() => SsoConnectionType)
export class SsoConnectionSamlResolver {
  @FieldResolver(() => SamlConnectionType, {
    nullable: true,
    description: "SAML 2.0: the IdP from its metadata, the signatures required, the attributes read, and the ACS URL and entity ID to enter at the IdP. Null for an OIDC connection.",
  })
  async saml(@Root() connection: SsoConnectionType, @Ctx() ctx: GraphQLContext): Promise<SamlConnectionType | null> {
    if (connection.protocol !== SsoProtocol.SAML) return null;
    return toSamlConnectionType(await ctx.services.samlConnections.byId(scopeOf(ctx), baseUrlOf(ctx), connection.id));
  }
}
