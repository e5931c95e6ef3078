import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { CustomerRoleType } from "../customer-roles/customer-role.type.js";
import { MembershipSource, Permission } from "../enums.js";
import { PageInfo } from "../pagination.js";
import { UserType } from "../users/user.type.js";
import { AppAccessRoleType, DataAccessRoleType } from "./access-role.type.js";

export enum AccessGrantKind {
  DIRECT = "DIRECT",
  MAPPING = "MAPPING",
}

registerEnumType(AccessGrantKind, {
  name: "AccessGrantKind",
  description: "How a user came to hold an access role.",
  valuesConfig: {
    DIRECT: { description: "Assigned to the user directly (setUserDirectRoles)." },
    MAPPING: { description: "Mapped from a customer-supplied role the user holds (only for users with autoAssignRoles)." },
  },
});

@ObjectType("AccessGrant", {
  description: "One reason a user holds an access role: direct, or membership (of a source) of a customer-supplied role whose mapping grants it.",
  simpleResolvers: true,
})
export class AccessGrantType {
  @Field(() => AccessGrantKind, { description: "Direct assignment or role mapping." })
  kind!: AccessGrantKind;

  @Field(() => CustomerRoleType, { nullable: true, description: "For MAPPING: the customer-supplied role whose mapping grants the role." })
  customerRole?: CustomerRoleType | null;

  @Field(() => MembershipSource, { nullable: true, description: "For MAPPING: the source of the membership through which the user holds that customer-supplied role." })
  membershipSource?: MembershipSource | null;
}

@ObjectType("EffectiveDataAccessRole", { description: "A data-access role a user holds, with every reason they hold it.", simpleResolvers: true })
export class EffectiveDataAccessRoleType {
  @Field(() => DataAccessRoleType, { description: "The role." })
  role!: DataAccessRoleType;

  @Field(() => [AccessGrantType], { description: "Why the user holds it: direct first, then each mapped membership." })
  grants!: AccessGrantType[];
}

@ObjectType("EffectiveAppAccessRole", { description: "An app-access role a user holds, with every reason they hold it.", simpleResolvers: true })
export class EffectiveAppAccessRoleType {
  @Field(() => AppAccessRoleType, { description: "The role." })
  role!: AppAccessRoleType;

  @Field(() => [AccessGrantType], { description: "Why the user holds it: direct first, then each mapped membership." })
  grants!: AccessGrantType[];
}

@ObjectType("EffectiveAccess", {
  description:
    "What a user may see and do: direct roles plus, when autoAssignRoles is on, the mapped roles of every customer-supplied role they hold, each with its provenance. Computed at query time, so a mapping change shows at once.",
  simpleResolvers: true,
})
export class EffectiveAccessType {
  @Field(() => UserType, { description: "The user." })
  user!: UserType;

  @Field(() => [EffectiveDataAccessRoleType], { description: "Data-access roles held, by name." })
  dataAccessRoles!: EffectiveDataAccessRoleType[];

  @Field(() => [EffectiveAppAccessRoleType], { description: "App-access roles held, by name." })
  appAccessRoles!: EffectiveAppAccessRoleType[];

  @Field(() => [Permission], { description: "The union of the app-access roles' permissions: exactly what the user's requests are authorised with." })
  permissions!: Permission[];
}

@ObjectType("UserWithAccess", { description: "A user holding a given access role, and why.", simpleResolvers: true })
export class UserWithAccessType {
  @Field(() => UserType, { description: "The user." })
  user!: UserType;

  @Field(() => [AccessGrantType], { description: "Every reason the user holds the role asked about." })
  grants!: AccessGrantType[];
}

@ObjectType({ description: "A page of users holding an access role, sorted by userName.", simpleResolvers: true })
export class UserWithAccessConnection {
  @Field(() => [UserWithAccessType], { description: "The users of this page with their grants." })
  nodes!: UserWithAccessType[];

  @Field(() => Int, { description: "How many users hold the role in all pages." })
  totalCount!: number;

  @Field(() => PageInfo, { description: "Where this page sits in the whole result." })
  pageInfo!: PageInfo;
}
