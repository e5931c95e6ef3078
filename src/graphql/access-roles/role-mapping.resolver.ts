import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ACCESS_ROLE_READERS, byName } from "../../domain/access-roles/access-role.service.js";
import type { AppAccessRole } from "../../domain/access-roles/app-access-role.entity.js";
import type { DataAccessRole } from "../../domain/access-roles/data-access-role.entity.js";
import { Permission } from "../../domain/access-roles/permission.js";
import type { CustomerRole } from "../../domain/customer-roles/customer-role.entity.js";
import { DomainError } from "../../domain/errors.js";
import { isLoaded } from "../../domain/loaded.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { customerRoleLoaders } from "../customer-roles/customer-role.loaders.js";
import { CustomerRoleType } from "../customer-roles/customer-role.type.js";
import { AppAccessRoleType, DataAccessRoleType } from "./access-role.type.js";
import { type RoleMappingRoot, RoleMappingType } from "./role-mapping.type.js";

/** The role mapping: thin calls into RoleMappingService (CanConfigureCompany writes, audited with before and after). */
@Resolver(() => RoleMappingType)
export class RoleMappingResolver {
  @Authorized(...ACCESS_ROLE_READERS)
  @Query(() => [RoleMappingType], { description: "Every role mapping of the company, by customer-supplied role name (back it up before connecting an IdP)." })
  roleMappings(@Ctx() ctx: GraphQLContext) {
    return ctx.services.roleMappings.list(scopeOf(ctx));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => RoleMappingType, {
    description:
      "Set what a customer-supplied role grants, replacing both lists; empty lists map it to nothing. Audited with the lists before and after; holders' access changes on their next request.",
  })
  async setRoleMapping(
    @Arg("customerRoleId", () => ID, { description: "The customer-supplied role." }) customerRoleId: string,
    @Arg("dataAccessRoleIds", () => [ID], { description: "Every data-access role it grants." }) dataAccessRoleIds: string[],
    @Arg("appAccessRoleIds", () => [ID], { description: "Every app-access role it grants." }) appAccessRoleIds: string[],
    @Arg("dryRun", () => Boolean, {
      nullable: true,
      description:
        "True: apply in a transaction that is rolled back, and return the mapping as it would be, with its diff (who would gain or lose each access role). False or absent: apply.",
    })
    dryRun: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RoleMappingRoot> {
    const { mapping, diff } = await ctx.services.roleMappings.set(scopeOf(ctx), customerRoleId, dataAccessRoleIds, appAccessRoleIds, dryRun ?? false);
    const { customerRole, dataAccessRoles, appAccessRoles, version, updatedAt } = mapping;
    return { customerRole, dataAccessRoles, appAccessRoles, version, updatedAt, diff };
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => ID, { description: "Unmap a customer-supplied role (audited): it grants nothing and is listed as unmapped again. Returns the customer role's id." })
  removeRoleMapping(@Arg("customerRoleId", () => ID, { description: "The customer-supplied role." }) customerRoleId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.roleMappings.remove(scopeOf(ctx), customerRoleId);
  }

  @FieldResolver(() => CustomerRoleType)
  async customerRole(@Root() mapping: RoleMappingRoot, @Ctx() ctx: GraphQLContext): Promise<CustomerRole> {
    if (isLoaded(mapping.customerRole)) return mapping.customerRole;
    const role = await customerRoleLoaders(ctx).customerRole.load(mapping.customerRole.id);
    if (!role) throw DomainError.notFound("CustomerRole", mapping.customerRole.id);
    return role;
  }

  @FieldResolver(() => [DataAccessRoleType])
  dataAccessRoles(@Root() mapping: RoleMappingRoot): DataAccessRole[] {
    // Services populate both collections with the mapping (one query for any number of mappings).
    return mapping.dataAccessRoles.getItems().sort(byName);
  }

  @FieldResolver(() => [AppAccessRoleType])
  appAccessRoles(@Root() mapping: RoleMappingRoot): AppAccessRole[] {
    return mapping.appAccessRoles.getItems().sort(byName);
  }
}
