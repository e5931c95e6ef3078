import { Field, InputType } from "type-graphql";
import { MembershipSource } from "../enums.js";
import { DateTimeComparison, IdComparison, StringComparison } from "../where.inputs.js";

@InputType({ description: "Comparisons of a membership's source." })
export class MembershipSourceComparison {
  @Field(() => MembershipSource, { nullable: true, description: "Equal." })
  eq?: MembershipSource | null;

  @Field(() => MembershipSource, { nullable: true, description: "Not equal." })
  ne?: MembershipSource | null;
}

@InputType({
  description:
    "Matches roles having at least one membership that satisfies every comparison given (one row, as SCIM members[value eq \"…\"] does, RFC 7644 §3.4.2.2).",
})
export class MemberWhere {
  @Field(() => [MemberWhere], { nullable: true, description: "All of these hold for the same membership." })
  and?: MemberWhere[] | null;

  @Field(() => [MemberWhere], { nullable: true, description: "At least one of these holds for the same membership." })
  or?: MemberWhere[] | null;

  @Field(() => MemberWhere, { nullable: true, description: "This does not hold for the membership." })
  not?: MemberWhere | null;

  @Field(() => IdComparison, { nullable: true, description: "The member's user id (SCIM members.value)." })
  value?: IdComparison | null;

  @Field(() => MembershipSourceComparison, { nullable: true, description: "Who owns the membership." })
  source?: MembershipSourceComparison | null;
}

@InputType({
  description:
    "A filter on customer-supplied roles: the comparisons of one object are ANDed; and/or/not combine whole filters (the tree a SCIM filter becomes, RFC 7644 §3.4.2.2).",
})
export class CustomerRoleWhere {
  @Field(() => [CustomerRoleWhere], { nullable: true, description: "All of these filters hold." })
  and?: CustomerRoleWhere[] | null;

  @Field(() => [CustomerRoleWhere], { nullable: true, description: "At least one of these filters holds." })
  or?: CustomerRoleWhere[] | null;

  @Field(() => CustomerRoleWhere, { nullable: true, description: "This filter does not hold." })
  not?: CustomerRoleWhere | null;

  @Field(() => IdComparison, { nullable: true, description: "The role's id." })
  id?: IdComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "displayName; compared ignoring case unless caseExact is true." })
  displayName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "externalId; compared case-sensitively unless caseExact is false." })
  externalId?: StringComparison | null;

  @Field(() => DateTimeComparison, { nullable: true, description: "When the role was created (SCIM meta.created)." })
  createdAt?: DateTimeComparison | null;

  @Field(() => DateTimeComparison, { nullable: true, description: "When the role last changed (SCIM meta.lastModified)." })
  updatedAt?: DateTimeComparison | null;

  @Field(() => MemberWhere, { nullable: true, description: "Roles with a matching membership, e.g. { value: { eq: <user id> } } for a user's roles." })
  members?: MemberWhere | null;
}
