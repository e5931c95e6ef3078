import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Permission } from "../../domain/access-roles/permission.js";
import { type SsoConnection, SsoProtocol } from "../../domain/sso/sso-connection.entity.js";
import type { Scope } from "../../domain/scope.js";
import { oidcCallbackUrl, ssoSignInUrl } from "../../domain/sso/sso-urls.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { baseUrlOf } from "./saml-connection.resolver.js";
import { CreateOidcConnectionInput, UpdateOidcConnectionInput } from "./sso-connection.inputs.js";
import { SsoConnectionType } from "./sso-connection.type.js";
import { SsoDomainType } from "./sso-domain.type.js";
import { SsoSignInRouteType } from "./sso-sign-in-route.type.js";

/** Thin resolver: rules, validation and audit live in SsoConnectionService and SsoDomainService. */
@Resolver(() => SsoConnectionType)
export class SsoConnectionResolver {
  @Authorized(Permission.CanConfigureCompany)
  @Query(() => [SsoConnectionType], { description: "The company's single sign-on connections, oldest first. Never includes a client secret." })
  async ssoConnections(@Ctx() ctx: GraphQLContext): Promise<SsoConnectionType[]> {
    const scope = scopeOf(ctx);
    return presenter(ctx, scope).all(await ctx.services.ssoConnections.list(scope));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Query(() => SsoConnectionType, { description: "One of the company's single sign-on connections." })
  async ssoConnection(@Arg("id", () => ID, { description: "The connection's id." }) id: string, @Ctx() ctx: GraphQLContext): Promise<SsoConnectionType> {
    const scope = scopeOf(ctx);
    return presenter(ctx, scope).one(await ctx.services.ssoConnections.byId(scope, id));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => SsoConnectionType, {
    description: "Create an OpenID Connect connection (audited). It is DRAFT until a test sign-in through testSignInUrl succeeds; register callbackUrl at the IdP first.",
  })
  async createOidcConnection(@Arg("input", () => CreateOidcConnectionInput) input: CreateOidcConnectionInput, @Ctx() ctx: GraphQLContext): Promise<SsoConnectionType> {
    const scope = scopeOf(ctx);
    return presenter(ctx, scope).one(await ctx.services.ssoConnections.createOidc(scope, input));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => SsoConnectionType, { description: "Change an OpenID Connect connection (audited, without the secret)." })
  async updateOidcConnection(
    @Arg("id", () => ID, { description: "The connection's id." }) id: string,
    @Arg("input", () => UpdateOidcConnectionInput) input: UpdateOidcConnectionInput,
    @Arg("expectedVersion", () => Int, { nullable: true, description: "Refuse with PRECONDITION_FAILED unless the connection is at this version." })
    expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SsoConnectionType> {
    const scope = scopeOf(ctx);
    return presenter(ctx, scope).one(await ctx.services.ssoConnections.updateOidc(scope, id, input, expectedVersion));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => SsoConnectionType, { description: "Disable a connection: every sign-in through it is refused at once (audited). A successful test sign-in activates it again." })
  async disableSsoConnection(@Arg("id", () => ID, { description: "The connection's id." }) id: string, @Ctx() ctx: GraphQLContext): Promise<SsoConnectionType> {
    const scope = scopeOf(ctx);
    return presenter(ctx, scope).one(await ctx.services.ssoConnections.disable(scope, id));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => ID, { description: "Delete a connection and release its claimed domains (audited). Returns its id." })
  deleteSsoConnection(@Arg("id", () => ID, { description: "The connection's id." }) id: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.ssoConnections.delete(scopeOf(ctx), id);
  }

  @Authorized(Permission.CanConfigureCompany)
  @Query(() => [SsoDomainType], { description: "The email domains the company claimed for single sign-on." })
  async ssoDomains(@Ctx() ctx: GraphQLContext): Promise<SsoDomainType[]> {
    return (await ctx.services.ssoDomains.list(scopeOf(ctx))).map((d) => ({ domain: d.domain, connectionId: d.connection.id, createdAt: d.createdAt }));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => SsoDomainType, {
    description: "Claim an email domain for a connection: the console's email-first sign-in sends its addresses to the IdP. CONFLICT when any company claimed it already.",
  })
  async claimSsoDomain(
    @Arg("connectionId", () => ID, { description: "The connection its addresses sign in through." }) connectionId: string,
    @Arg("domain", () => String, { description: "The domain, e.g. acme.example." }) domain: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SsoDomainType> {
    const d = await ctx.services.ssoDomains.claim(scopeOf(ctx), connectionId, domain);
    return { domain: d.domain, connectionId: d.connection.id, createdAt: d.createdAt };
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => String, { description: "Release a claimed domain (audited). Returns the domain." })
  releaseSsoDomain(@Arg("domain", () => String, { description: "The domain." }) domain: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.ssoDomains.release(scopeOf(ctx), domain);
  }

  @Query(() => SsoSignInRouteType, {
    nullable: true,
    description:
      "Before signing in (no authentication): whether an email address signs in through single sign-on. Its company and sign-in URL when the address's domain is claimed by a company with an active connection; null otherwise (sign in with a password).",
  })
  async ssoSignInRoute(@Arg("email", () => String, { description: "The address the person entered." }) email: string, @Ctx() ctx: GraphQLContext): Promise<SsoSignInRouteType | null> {
    const found = await ctx.services.ssoDomains.discover(ctx.em, email.slice(0, 320));
    if (!found) return null;
    return { company: found.companySlug, signInUrl: ssoSignInUrl(baseUrlOf(ctx), found.companySlug) };
  }
}

/** Connections as the schema shows them, with the URLs an admin copies into the IdP and their claimed domains. */
function presenter(ctx: GraphQLContext, scope: Scope) {
  const context = (async () => {
    const [company, domains] = await Promise.all([ctx.services.companies.current(scope), ctx.services.ssoDomains.list(scope)]);
    return { slug: company.slug, domains };
  })();
  const toType = (c: SsoConnection, slug: string, domains: string[]): SsoConnectionType => {
    const base = baseUrlOf(ctx);
    const signInUrl = ssoSignInUrl(base, slug);
    return {
      id: c.id,
      protocol: c.protocol,
      name: c.name,
      status: c.status,
      testedAt: c.testedAt ?? null,
      lastTestResult: c.lastTestResult ?? null,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      issuer: c.issuer ?? null,
      clientId: c.clientId ?? null,
      clientSecretSet: Boolean(c.clientSecret),
      scopes: c.scopes,
      groupsClaim: c.groupsClaim ?? null,
      signInUrl,
      testSignInUrl: `${signInUrl}?connection=${c.id}&test=1`,
      callbackUrl: c.protocol === SsoProtocol.OIDC ? oidcCallbackUrl(base, slug) : null,
      domains,
    };
  };
  return {
    async one(c: SsoConnection) {
      const { slug, domains } = await context;
      return toType(c, slug, domains.filter((d) => d.connection.id === c.id).map((d) => d.domain));
    },
    async all(list: SsoConnection[]) {
      const { slug, domains } = await context;
      return list.map((c) => toType(c, slug, domains.filter((d) => d.connection.id === c.id).map((d) => d.domain)));
    },
  };
}
