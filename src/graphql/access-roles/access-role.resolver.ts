import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { ACCESS_ROLE_READERS } from "../../domain/access-roles/access-role.service.js";
import { Permission } from "../../domain/access-roles/permission.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { CreateAppAccessRoleInput, CreateDataAccessRoleInput, UpdateAppAccessRoleInput, UpdateDataAccessRoleInput } from "./access-role.inputs.js";
import { AppAccessRoleType, DataAccessRoleType } from "./access-role.type.js";

/** Data-access and app-access roles: thin calls into AccessRoleService (CanConfigureCompany writes, audited). */
@Resolver()
export class AccessRoleResolver {
  @Authorized(...ACCESS_ROLE_READERS)
  @Query(() => [DataAccessRoleType], { description: "The company's data-access roles, by name." })
  dataAccessRoles(@Ctx() ctx: GraphQLContext) {
    return ctx.services.accessRoles.listDataAccessRoles(scopeOf(ctx));
  }

  @Authorized(...ACCESS_ROLE_READERS)
  @Query(() => [AppAccessRoleType], { description: "The company's app-access roles with their permissions, by name." })
  appAccessRoles(@Ctx() ctx: GraphQLContext) {
    return ctx.services.accessRoles.listAppAccessRoles(scopeOf(ctx));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => DataAccessRoleType, { description: "Create a data-access role (audited). CONFLICT on a taken name." })
  createDataAccessRole(@Arg("input", () => CreateDataAccessRoleInput) input: CreateDataAccessRoleInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.accessRoles.createDataAccessRole(scopeOf(ctx), input);
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => DataAccessRoleType, { description: "Change a data-access role (audited with before and after)." })
  updateDataAccessRole(
    @Arg("id", () => ID, { description: "The role's id." }) id: string,
    @Arg("input", () => UpdateDataAccessRoleInput) input: UpdateDataAccessRoleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.accessRoles.updateDataAccessRole(scopeOf(ctx), id, input);
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => ID, { description: "Delete a data-access role; mappings and direct grants lose it (audited). Returns the id." })
  deleteDataAccessRole(@Arg("id", () => ID, { description: "The role's id." }) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.accessRoles.deleteDataAccessRole(scopeOf(ctx), id);
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => AppAccessRoleType, { description: "Create an app-access role with its permissions (audited). CONFLICT on a taken name." })
  createAppAccessRole(@Arg("input", () => CreateAppAccessRoleInput) input: CreateAppAccessRoleInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.accessRoles.createAppAccessRole(scopeOf(ctx), input);
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => AppAccessRoleType, { description: "Change an app-access role (audited with before and after); holders get the new permissions on their next request." })
  updateAppAccessRole(
    @Arg("id", () => ID, { description: "The role's id." }) id: string,
    @Arg("input", () => UpdateAppAccessRoleInput) input: UpdateAppAccessRoleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.accessRoles.updateAppAccessRole(scopeOf(ctx), id, input);
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => ID, { description: "Delete an app-access role; mappings and direct grants lose it (audited). Returns the id." })
  deleteAppAccessRole(@Arg("id", () => ID, { description: "The role's id." }) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.accessRoles.deleteAppAccessRole(scopeOf(ctx), id);
  }
}
