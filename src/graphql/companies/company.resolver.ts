import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Permission } from "../../domain/access-roles/permission.js";
import { PLATFORM_OPERATOR } from "../auth-checker.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { CompanySettingsInput, CreateCompanyInput } from "./company.inputs.js";
import { CompanyType } from "./company.type.js";

@Resolver(() => CompanyType)
export class CompanyResolver {
  @Authorized()
  @Query(() => CompanyType, { description: "The caller's own company." })
  company(@Ctx() ctx: GraphQLContext) {
    return ctx.services.companies.current(scopeOf(ctx));
  }

  @Authorized(PLATFORM_OPERATOR)
  @Query(() => [CompanyType], { description: "Every company (platform operators)." })
  companies(@Ctx() ctx: GraphQLContext) {
    return ctx.services.companies.list(scopeOf(ctx));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => CompanyType, { description: "Change the caller's company settings (audited)." })
  updateCompanySettings(@Arg("input", () => CompanySettingsInput) input: CompanySettingsInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.companies.updateSettings(scopeOf(ctx), input);
  }

  @Authorized(PLATFORM_OPERATOR)
  @Mutation(() => CompanyType, { description: "Create a company with its default app-access roles (platform operators)." })
  createCompany(@Arg("input", () => CreateCompanyInput) input: CreateCompanyInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.companies.createCompany(scopeOf(ctx), input);
  }

  @Authorized(PLATFORM_OPERATOR)
  @Mutation(() => CompanyType, { description: "Switch the SCIM identity management feature of a company on or off (platform operators)." })
  setScimEnabled(
    @Arg("companyId", () => ID, { description: "The company to change." }) companyId: string,
    @Arg("enabled", () => Boolean, { description: "On or off." }) enabled: boolean,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.companies.setScimEnabled(scopeOf(ctx), companyId, enabled);
  }
}
