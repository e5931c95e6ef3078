import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Permission } from "../../domain/access-roles/permission.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { SamlConnectionInput } from "./saml-connection.inputs.js";
import { SamlConnectionType, SamlServiceProviderType, toSamlConnectionType, toSamlServiceProviderType } from "./saml-connection.type.js";

/** Thin resolver: validation, metadata fetching and auditing live in SamlConnectionService. */
@Resolver(() => SamlConnectionType)
export class SamlConnectionResolver {
  @Authorized(Permission.CanConfigureCompany)
  @Query(() => SamlServiceProviderType, {
    description: "rolebridge's SAML service-provider values for the caller's company (ACS URL, entity ID), to enter at the IdP before creating the connection.",
  })
  async samlServiceProvider(@Ctx() ctx: GraphQLContext): Promise<SamlServiceProviderType> {
    return toSamlServiceProviderType(await ctx.services.samlConnections.serviceProvider(scopeOf(ctx), baseUrlOf(ctx)));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Query(() => SamlConnectionType, { description: "One SAML connection of the caller's company, with the values to enter at the IdP. NOT_FOUND for another company's." })
  async samlConnection(@Arg("id", () => ID, { description: "The SSO connection's id." }) id: string, @Ctx() ctx: GraphQLContext): Promise<SamlConnectionType> {
    return toSamlConnectionType(await ctx.services.samlConnections.byId(scopeOf(ctx), baseUrlOf(ctx), id));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => SamlConnectionType, {
    description:
      "Create a SAML 2.0 connection from the IdP's metadata (fetched from idpMetadataUrl, or idpMetadataXml). It starts as DRAFT: run a test sign-in to activate it. BAD_USER_INPUT names the field when the metadata cannot be fetched or read.",
  })
  async createSamlConnection(
    @Arg("input", () => SamlConnectionInput, { description: "Name, metadata, signatures required and attribute names." }) input: SamlConnectionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SamlConnectionType> {
    return toSamlConnectionType(await ctx.services.samlConnections.create(scopeOf(ctx), baseUrlOf(ctx), input));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => SamlConnectionType, {
    description:
      "Change a SAML connection; fields left out are kept. Metadata given is fetched or read again (a rotated IdP certificate is picked up this way). Another IdP entity ID or sign-on URL puts an ACTIVE connection back to DRAFT until it is tested again.",
  })
  async updateSamlConnection(
    @Arg("id", () => ID, { description: "The SSO connection's id." }) id: string,
    @Arg("input", () => SamlConnectionInput, { description: "The fields to change." }) input: SamlConnectionInput,
    @Arg("expectedVersion", () => Int, { nullable: true, description: "The version read; PRECONDITION_FAILED when it changed since." }) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SamlConnectionType> {
    return toSamlConnectionType(await ctx.services.samlConnections.update(scopeOf(ctx), baseUrlOf(ctx), id, input, expectedVersion));
  }
}

/** The base URL the /sso routes answer under: PUBLIC_BASE_URL, else this request's own. */
export function baseUrlOf(ctx: GraphQLContext): string {
  return ctx.baseUrl ?? ctx.services.config.PUBLIC_BASE_URL?.replace(/\/$/, "") ?? ctx.services.issuer.value;
}
