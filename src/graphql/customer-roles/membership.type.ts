import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { MemberNode } from "../../domain/customer-roles/customer-role.service.js";
import type { GraphQLContext } from "../context.js";
import { customerRoleLoaders } from "./customer-role.loaders.js";
import { MembershipSource } from "../enums.js";
import { PageInfo } from "../pagination.js";
import { UserType } from "../users/user.type.js";

@ObjectType("Membership", {
  description: "A user's membership of a customer-supplied role through one source; the same user may hold a role through several sources.",
  simpleResolvers: true,
})
export class MembershipType {
  @Field(() => ID, { description: "The member's user id (SCIM members.value)." })
  userId!: string;

  @Field({ description: "The member's userName, read with the page." })
  userName!: string;

  @Field(() => String, { nullable: true, description: "The member's displayName, read with the page (SCIM members.display)." })
  userDisplayName!: string | null;

  @Field(() => UserType, { description: "The whole member, loaded in one batch per page only when asked for." })
  user!: UserType;

  @Field(() => MembershipSource, { description: "Who owns this membership; SCIM changes only memberships it owns." })
  source!: MembershipSource;

  @Field({ description: "When the membership was created." })
  createdAt!: Date;
}

@ObjectType({
  description: "A page of a customer-supplied role's members, ordered by user id and source (the membership index order, so large roles page cheaply).",
  simpleResolvers: true,
})
export class MembershipConnection {
  @Field(() => [MembershipType], { description: "The memberships of this page." })
  nodes!: MembershipType[];

  @Field(() => Int, { description: "How many memberships match in all pages." })
  totalCount!: number;

  @Field(() => PageInfo, { description: "Where this page sits in the whole result." })
  pageInfo!: PageInfo;
}

/** Loads a page's users in one batch, and only for queries that select `user`. */
@Resolver(() => MembershipType)
export class MembershipFieldsResolver {
  @FieldResolver(() => UserType)
  async user(@Root() member: MemberNode, @Ctx() ctx: GraphQLContext) {
    return customerRoleLoaders(ctx).user.load(member.userId);
  }
}
