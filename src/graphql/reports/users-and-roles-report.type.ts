import { Field, ID, Int, ObjectType } from "type-graphql";
import { MembershipSource } from "../enums.js";
import { PageInfo } from "../pagination.js";

@ObjectType("ReportCustomerRole", { description: "A customer-supplied role a user holds, with the sources that own the user's memberships of it.", simpleResolvers: true })
export class ReportCustomerRoleType {
  @Field({ description: "The role's displayName." })
  displayName!: string;

  @Field(() => [MembershipSource], { description: "Who owns the memberships: SCIM (group or roles attribute), an upload, or an admin." })
  sources!: MembershipSource[];
}

@ObjectType("UsersAndRolesReportRow", {
  description: "One user of the users-and-roles report: who they are, the customer-supplied roles they hold (with sources), and their effective access-role names.",
  simpleResolvers: true,
})
export class UsersAndRolesReportRowType {
  @Field(() => ID, { description: "The user's id." })
  userId!: string;

  @Field({ description: "The user's userName." })
  userName!: string;

  @Field(() => String, { nullable: true, description: "Given (first) name." })
  givenName!: string | null;

  @Field(() => String, { nullable: true, description: "Family (last) name." })
  familyName!: string | null;

  @Field(() => String, { nullable: true, description: "Display name." })
  displayName!: string | null;

  @Field({ description: "Whether the user is active." })
  active!: boolean;

  @Field(() => [ReportCustomerRoleType], { description: "Customer-supplied roles held, by displayName, each with its membership sources." })
  customerRoles!: ReportCustomerRoleType[];

  @Field(() => [String], { description: "Effective data-access role names (direct, or mapped from a held customer-supplied role when autoAssignRoles), by name." })
  dataAccessRoles!: string[];

  @Field(() => [String], { description: "Effective app-access role names (direct, or mapped when autoAssignRoles), by name." })
  appAccessRoles!: string[];
}

@ObjectType("UsersAndRolesReportConnection", { description: "One page of the users-and-roles report, by userName ignoring case.", simpleResolvers: true })
export class UsersAndRolesReportConnection {
  @Field(() => [UsersAndRolesReportRowType], { description: "The rows of this page." })
  nodes!: UsersAndRolesReportRowType[];

  @Field(() => Int, { description: "How many users the company has." })
  totalCount!: number;

  @Field(() => PageInfo, { description: "Where this page sits in the whole report." })
  pageInfo!: PageInfo;
}
