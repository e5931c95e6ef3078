import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum AccessRoleKind {
  DATA = "DATA",
  APP = "APP",
}

registerEnumType(AccessRoleKind, {
  name: "AccessRoleKind",
  description: "Which kind of platform role.",
  valuesConfig: { DATA: { description: "A data-access role." }, APP: { description: "An app-access role." } },
});

@ObjectType("RoleMappingChange", { description: "How one customer-supplied role's mapping changes, by role names.", simpleResolvers: true })
export class RoleMappingChangeType {
  @Field(() => ID, { description: "The customer-supplied role's id." })
  customerRoleId!: string;

  @Field({ description: "The customer-supplied role's displayName." })
  customerRole!: string;

  @Field({ description: "Whether it had a mapping before (false: unmapped)." })
  mappedBefore!: boolean;

  @Field({ description: "Whether it has a mapping after (false: unmapped)." })
  mappedAfter!: boolean;

  @Field(() => [String], { description: "Data-access roles it granted before, by name." })
  dataAccessRolesBefore!: string[];

  @Field(() => [String], { description: "Data-access roles it grants after, by name." })
  dataAccessRolesAfter!: string[];

  @Field(() => [String], { description: "App-access roles it granted before, by name." })
  appAccessRolesBefore!: string[];

  @Field(() => [String], { description: "App-access roles it grants after, by name." })
  appAccessRolesAfter!: string[];
}

@ObjectType("AccessChangeUser", { description: "A user who gains or loses an access role.", simpleResolvers: true })
export class AccessChangeUserType {
  @Field(() => ID, { description: "The user's id." })
  id!: string;

  @Field({ description: "The user's userName." })
  userName!: string;
}

@ObjectType("AccessRoleChange", {
  description:
    "The users who gain or lose one data-access or app-access role through a mapping change: effective access (direct grants and every other mapping counted) before versus after.",
  simpleResolvers: true,
})
export class AccessRoleChangeType {
  @Field(() => AccessRoleKind, { description: "DATA or APP." })
  kind!: AccessRoleKind;

  @Field(() => ID, { description: "The access role's id." })
  roleId!: string;

  @Field({ description: "The access role's name." })
  roleName!: string;

  @Field(() => Int, { description: "How many users gain it." })
  gainedCount!: number;

  @Field(() => Int, { description: "How many users lose it." })
  lostCount!: number;

  @Field(() => [AccessChangeUserType], { description: "Up to 100 of the users who gain it, by userName." })
  gained!: AccessChangeUserType[];

  @Field(() => [AccessChangeUserType], { description: "Up to 100 of the users who lose it, by userName." })
  lost!: AccessChangeUserType[];
}

@ObjectType("RoleMappingDiff", {
  description:
    "What a mapping change does, computed by applying it in a transaction and comparing effective access before and after; with dryRun the transaction is rolled back and nothing changes.",
  simpleResolvers: true,
})
export class RoleMappingDiffType {
  @Field({ description: "Whether this was a dry run (nothing applied)." })
  dryRun!: boolean;

  @Field({ description: "Whether the change was committed." })
  applied!: boolean;

  @Field(() => [RoleMappingChangeType], { description: "The customer-supplied roles whose mapping changes, by name." })
  changes!: RoleMappingChangeType[];

  @Field(() => Int, { description: "Mappings examined that stay as they are." })
  unchangedCount!: number;

  @Field(() => [String], { description: "Customer-supplied roles named by an imported document that did not exist and are created." })
  createdCustomerRoles!: string[];

  @Field(() => [AccessRoleChangeType], { description: "Every access role someone gains or loses, data-access roles first, by name." })
  accessChanges!: AccessRoleChangeType[];
}
