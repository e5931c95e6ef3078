import { Field, InputType } from "type-graphql";
import { MembershipSourceComparison } from "../customer-roles/customer-role-where.input.js";
import { BooleanComparison, DateTimeComparison, IdComparison, StringComparison } from "../where.inputs.js";
import { UserOriginComparison } from "./user-origin-comparison.input.js";

/**
 * The users filter as a recursive and/or/not tree (RFC 7644 §3.4.2.2), compiled to SQL by
 * domain/users/user.where.ts. Comparisons set on one node must all hold.
 */

@InputType("UserEmailWhere", {
  description: "Conditions on ONE of a user's emails: the user matches when a single email satisfies them all (SCIM emails[type eq \"work\" and value co \"@x\"]).",
})
export class UserEmailWhere {
  @Field(() => [UserEmailWhere], { nullable: true, description: "All of these conditions hold for the same email." })
  and?: UserEmailWhere[] | null;

  @Field(() => [UserEmailWhere], { nullable: true, description: "At least one of these conditions holds for the same email." })
  or?: UserEmailWhere[] | null;

  @Field(() => UserEmailWhere, { nullable: true, description: "This condition does not hold for the email." })
  not?: UserEmailWhere | null;

  @Field(() => StringComparison, { nullable: true, description: "The address (ignores case unless caseExact)." })
  value?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The type, such as work or home (ignores case unless caseExact)." })
  type?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The human-readable label." })
  display?: StringComparison | null;

  @Field(() => BooleanComparison, { nullable: true, description: "Whether it is the primary address." })
  primary?: BooleanComparison | null;
}

@InputType("UserMembershipWhere", {
  description: "Conditions on ONE of a user's memberships of customer-supplied roles: the user matches when a single membership satisfies them all.",
})
export class UserMembershipWhere {
  @Field(() => [UserMembershipWhere], { nullable: true, description: "All of these conditions hold for the same membership." })
  and?: UserMembershipWhere[] | null;

  @Field(() => [UserMembershipWhere], { nullable: true, description: "At least one of these conditions holds for the same membership." })
  or?: UserMembershipWhere[] | null;

  @Field(() => UserMembershipWhere, { nullable: true, description: "This condition does not hold for the membership." })
  not?: UserMembershipWhere | null;

  @Field(() => IdComparison, { nullable: true, description: "The customer-supplied role's id (SCIM groups.value)." })
  customerRoleId?: IdComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The customer-supplied role's displayName, ignoring case (SCIM groups.display, roles.value)." })
  customerRoleName?: StringComparison | null;

  @Field(() => MembershipSourceComparison, { nullable: true, description: "Who owns the membership." })
  source?: MembershipSourceComparison | null;
}

@InputType("UserWhere", {
  description: "A filter on users: a recursive and/or/not tree of attribute comparisons (the SCIM filter of RFC 7644 §3.4.2.2). String comparisons ignore case except on externalId.",
})
export class UserWhere {
  @Field(() => [UserWhere], { nullable: true, description: "Every one of these filters matches." })
  and?: UserWhere[] | null;

  @Field(() => [UserWhere], { nullable: true, description: "At least one of these filters matches." })
  or?: UserWhere[] | null;

  @Field(() => UserWhere, { nullable: true, description: "This filter does not match." })
  not?: UserWhere | null;

  @Field(() => IdComparison, { nullable: true, description: "The user's id." })
  id?: IdComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "userName (caseExact false, RFC 7643 §4.1.1)." })
  userName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "externalId; compared exactly by default (caseExact true, RFC 7643 §3.1)." })
  externalId?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "displayName." })
  displayName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "nickName." })
  nickName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "title." })
  title?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "userType (employee type)." })
  userType?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "locale." })
  locale?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "preferredLanguage." })
  preferredLanguage?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "timezone." })
  timezone?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "name.givenName." })
  givenName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "name.familyName." })
  familyName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "name.formatted." })
  formattedName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "name.middleName." })
  middleName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "name.honorificPrefix." })
  honorificPrefix?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "name.honorificSuffix." })
  honorificSuffix?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "personId of the custom extension." })
  personId?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "Enterprise employeeNumber." })
  employeeNumber?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "Enterprise costCenter." })
  costCenter?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "Enterprise organization." })
  organization?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "Enterprise division." })
  division?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "Enterprise department." })
  department?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "Enterprise manager.value (the manager's id as the IdP sent it)." })
  managerId?: StringComparison | null;

  @Field(() => BooleanComparison, { nullable: true, description: "active." })
  active?: BooleanComparison | null;

  @Field(() => BooleanComparison, { nullable: true, description: "Whether the user is a service account (such as an IdP's SCIM account), which SCIM never lists." })
  isServiceAccount?: BooleanComparison | null;

  @Field(() => UserOriginComparison, { nullable: true, description: "How the user arrived: SCIM, an upload or an admin." })
  origin?: UserOriginComparison | null;

  @Field(() => DateTimeComparison, { nullable: true, description: "When the user was created (SCIM meta.created)." })
  createdAt?: DateTimeComparison | null;

  @Field(() => DateTimeComparison, { nullable: true, description: "When the user last changed (SCIM meta.lastModified)." })
  updatedAt?: DateTimeComparison | null;

  @Field(() => UserEmailWhere, { nullable: true, description: "Some single email of the user matches these conditions." })
  emails?: UserEmailWhere | null;

  @Field(() => IdComparison, {
    nullable: true,
    description: "Membership of customer-supplied roles: eq holds that role, ne does not hold it, pr true holds any role, pr false holds none.",
  })
  customerRoleId?: IdComparison | null;

  @Field(() => UserMembershipWhere, {
    nullable: true,
    description: "Some single membership of the user matches these conditions (SCIM groups[value eq \"…\"] and roles[value eq \"…\"] with the source each owns).",
  })
  memberships?: UserMembershipWhere | null;
}
