import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from "type-graphql";
import { CUSTOMER_ROLE_WRITERS, type RoleHolding } from "../../domain/customer-roles/customer-role.service.js";
import type { UserView } from "../../domain/users/user.view.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { MembershipSource } from "../enums.js";
import { UserType } from "../users/user.type.js";
import { customerRoleLoaders } from "./customer-role.loaders.js";
import { CustomerRoleType } from "./customer-role.type.js";

@ObjectType("CustomerRoleHolding", {
  description: "A customer-supplied role a user holds, with every source through which they hold it.",
  simpleResolvers: true,
})
export class CustomerRoleHoldingType {
  @Field(() => CustomerRoleType, { description: "The role (SCIM groups.value is its id, groups.display its displayName)." })
  customerRole!: CustomerRoleType;

  @Field(() => [MembershipSource], { description: "The sources of the user's memberships of this role." })
  sources!: MembershipSource[];
}

/**
 * The memberships side of User, kept with customer roles (the user type itself belongs to users):
 * one batched query per request however many users a page lists.
 */
@Resolver(() => UserType)
export class UserCustomerRolesResolver {
  @FieldResolver(() => [CustomerRoleHoldingType], {
    description:
      "The customer-supplied roles the user holds, by displayName, each with its membership sources (the SCIM User's read-only groups, RFC 7643 §4.1.2). Needs a customer-role reading permission, except for one's own.",
  })
  customerRoles(@Root() user: UserView, @Ctx() ctx: GraphQLContext): RoleHolding[] | Promise<RoleHolding[]> {
    // Read with the user when the query asked for them up front (one statement); batched otherwise.
    return user.customerRoles ?? customerRoleLoaders(ctx).holdings.load(user.id);
  }

  @Authorized(...CUSTOMER_ROLE_WRITERS)
  @Mutation(() => [CustomerRoleHoldingType], {
    description:
      "Make the named roles the ones a user holds through one source (SCIM User roles, RFC 7643 §4.1.2): names compare ignoring case, and a name seen for the first time creates an unmapped role. Returns every role the user holds afterwards.",
  })
  setUserCustomerRoles(
    @Arg("userId", () => ID, { description: "The user." }) userId: string,
    @Arg("displayNames", () => [String], { description: "Every role of this source afterwards, by displayName." }) displayNames: string[],
    @Arg("source", () => MembershipSource, { defaultValue: MembershipSource.SCIM_ROLES_ATTRIBUTE, description: "Whose memberships are set." }) source: MembershipSource,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RoleHolding[]> {
    return ctx.services.customerRoles.setUserRolesByName(scopeOf(ctx), userId, displayNames, source);
  }
}
