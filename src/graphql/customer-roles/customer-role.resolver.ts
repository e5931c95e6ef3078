import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RoleMapping } from "../../domain/access-roles/role-mapping.entity.js";
import type { CustomerRole } from "../../domain/customer-roles/customer-role.entity.js";
import { CUSTOMER_ROLE_READERS, CUSTOMER_ROLE_WRITERS } from "../../domain/customer-roles/customer-role.service.js";
import { ACCESS_ROLE_READERS } from "../../domain/access-roles/access-role.service.js";
import { RoleMappingType } from "../access-roles/role-mapping.type.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { MembershipSource, SortDirection } from "../enums.js";
import { PageInput, toConnection } from "../pagination.js";
import { CustomerRoleWhere } from "./customer-role-where.input.js";
import { CreateCustomerRoleInput, CustomerRoleOrderBy, PatchCustomerRoleInput, UpdateCustomerRoleInput } from "./customer-role.inputs.js";
import { customerRoleLoaders } from "./customer-role.loaders.js";
import { CustomerRoleConnection, CustomerRoleType } from "./customer-role.type.js";
import { MembershipConnection } from "./membership.type.js";

const EXPECTED_VERSION = "The version the caller last read; a different current version fails with PRECONDITION_FAILED (SCIM If-Match, RFC 7644 §3.14).";

/** Customer-supplied roles (SCIM Groups): thin calls into CustomerRoleService; fan-out fields go through loaders. */
@Resolver(() => CustomerRoleType)
export class CustomerRoleResolver {
  @Authorized(...CUSTOMER_ROLE_READERS)
  @Query(() => CustomerRoleConnection, {
    description: "A filtered, sorted page of the company's customer-supplied roles (SCIM GET /Groups). Offset or cursor paging; totalCount counts all matches.",
  })
  async customerRoles(
    @Arg("where", () => CustomerRoleWhere, { nullable: true, description: "Filter tree; every role when left out." }) where: CustomerRoleWhere | null,
    @Arg("orderBy", () => CustomerRoleOrderBy, { nullable: true, description: "Sort order; creation time ascending when left out." }) orderBy: CustomerRoleOrderBy | null,
    @Arg("page", () => PageInput, { nullable: true, description: "Which page; the first 100 when left out." }) page: PageInput | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const result = await ctx.services.customerRoles.list(scopeOf(ctx), {
      where,
      orderBy: orderBy ? { field: orderBy.field, descending: orderBy.direction === SortDirection.DESC } : null,
      page,
    });
    return toConnection(result);
  }

  @Authorized(...CUSTOMER_ROLE_READERS)
  @Query(() => CustomerRoleType, { description: "One customer-supplied role; NOT_FOUND for an unknown, malformed or other company's id." })
  customerRole(@Arg("id", () => ID, { description: "The role's id." }) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.customerRoles.get(scopeOf(ctx), id);
  }

  @Authorized(...ACCESS_ROLE_READERS)
  @Query(() => CustomerRoleConnection, { description: "Customer-supplied roles with no role mapping yet (what an admin still has to map), by displayName." })
  async unmappedCustomerRoles(
    @Arg("page", () => PageInput, { nullable: true, description: "Which page; the first 100 when left out." }) page: PageInput | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.services.customerRoles.listUnmapped(scopeOf(ctx), page));
  }

  @Authorized(...CUSTOMER_ROLE_WRITERS)
  @Mutation(() => CustomerRoleType, { description: "Create a customer-supplied role, optionally with members (SCIM POST /Groups). CONFLICT on a taken displayName." })
  createCustomerRole(@Arg("input", () => CreateCustomerRoleInput) input: CreateCustomerRoleInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.customerRoles.create(scopeOf(ctx), input);
  }

  @Authorized(...CUSTOMER_ROLE_WRITERS)
  @Mutation(() => CustomerRoleType, { description: "Change displayName and/or externalId of a customer-supplied role." })
  updateCustomerRole(
    @Arg("id", () => ID, { description: "The role's id." }) id: string,
    @Arg("input", () => UpdateCustomerRoleInput) input: UpdateCustomerRoleInput,
    @Arg("expectedVersion", () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.customerRoles.update(scopeOf(ctx), id, input, expectedVersion);
  }

  @Authorized(...CUSTOMER_ROLE_WRITERS)
  @Mutation(() => CustomerRoleType, {
    description:
      "Make userIds the whole membership of one source; memberships of other sources stay (SCIM changes only what SCIM owns). Set-based: never reads the member list.",
  })
  replaceCustomerRoleMembers(
    @Arg("id", () => ID, { description: "The role's id." }) id: string,
    @Arg("userIds", () => [ID], { description: "Every member of this source afterwards; each must name a user of the company, or nothing changes." }) userIds: string[],
    @Arg("source", () => MembershipSource, { description: "Whose memberships are replaced." }) source: MembershipSource,
    @Arg("expectedVersion", () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.customerRoles.replaceMembers(scopeOf(ctx), id, userIds, source, expectedVersion);
  }

  @Authorized(...CUSTOMER_ROLE_WRITERS)
  @Mutation(() => CustomerRoleType, {
    description:
      "Add members through one source; existing memberships stay. Costs the same for a role of 10 members and of 100,000. An id naming no user of the company fails with BAD_USER_INPUT naming it, and nothing is added.",
  })
  addCustomerRoleMembers(
    @Arg("id", () => ID, { description: "The role's id." }) id: string,
    @Arg("userIds", () => [ID], { description: "Users to add." }) userIds: string[],
    @Arg("source", () => MembershipSource, { description: "Who owns the new memberships." }) source: MembershipSource,
    @Arg("expectedVersion", () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.customerRoles.addMembers(scopeOf(ctx), id, userIds, source, expectedVersion);
  }

  @Authorized(...CUSTOMER_ROLE_WRITERS)
  @Mutation(() => CustomerRoleType, {
    description: "Remove the memberships of one source for these users; other sources' memberships stay. Ids that are not members are ignored.",
  })
  removeCustomerRoleMembers(
    @Arg("id", () => ID, { description: "The role's id." }) id: string,
    @Arg("userIds", () => [ID], { description: "Users to remove." }) userIds: string[],
    @Arg("source", () => MembershipSource, { description: "Whose memberships are removed." }) source: MembershipSource,
    @Arg("expectedVersion", () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.customerRoles.removeMembers(scopeOf(ctx), id, userIds, source, expectedVersion);
  }

  @Authorized(...CUSTOMER_ROLE_WRITERS)
  @Mutation(() => CustomerRoleType, {
    description: "A whole SCIM PATCH or PUT of a Group in one transaction: rename, replace, remove and add members of one source, with one version bump.",
  })
  patchCustomerRole(
    @Arg("id", () => ID, { description: "The role's id." }) id: string,
    @Arg("input", () => PatchCustomerRoleInput) input: PatchCustomerRoleInput,
    @Arg("expectedVersion", () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.customerRoles.patch(scopeOf(ctx), id, input, expectedVersion);
  }

  @Authorized(...CUSTOMER_ROLE_WRITERS)
  @Mutation(() => ID, { description: "Delete a customer-supplied role: its memberships and mapping go, the users stay (SCIM DELETE /Groups/{id}). Returns the id." })
  deleteCustomerRole(
    @Arg("id", () => ID, { description: "The role's id." }) id: string,
    @Arg("expectedVersion", () => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.customerRoles.delete(scopeOf(ctx), id, expectedVersion);
  }

  @FieldResolver(() => Int, { description: "How many memberships the role has (all sources), counted in SQL." })
  memberCount(@Root() role: CustomerRole, @Ctx() ctx: GraphQLContext): Promise<number> {
    return customerRoleLoaders(ctx).memberCount.load(role.id);
  }

  @FieldResolver(() => MembershipConnection, { description: "A page of the role's memberships, each with its user and source (SCIM members)." })
  async members(
    @Root() role: CustomerRole,
    @Arg("page", () => PageInput, { nullable: true, description: "Which page; the first 100 when left out." }) page: PageInput | null,
    @Arg("source", () => MembershipSource, { nullable: true, description: "Only memberships of this source." }) source: MembershipSource | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await customerRoleLoaders(ctx).members(source, page).load(role.id));
  }

  @FieldResolver(() => RoleMappingType, { nullable: true, description: "What the role grants; null while it is unmapped." })
  mapping(@Root() role: CustomerRole, @Ctx() ctx: GraphQLContext): Promise<RoleMapping | null> {
    return customerRoleLoaders(ctx).mapping.load(role.id);
  }
}
