import { Field, Int, ObjectType } from "type-graphql";
import { MembershipSource } from "../enums.js";
import { PageInfo } from "../pagination.js";
import { UserType } from "../users/user.type.js";

@ObjectType("Membership", {
  description: "A user's membership of a customer-supplied role through one source; the same user may hold a role through several sources.",
  simpleResolvers: true,
})
export class MembershipType {
  @Field(() => UserType, { description: "The member (SCIM members.value is its id)." })
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
