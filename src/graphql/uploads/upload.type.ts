import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum UploadAction {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  UNCHANGED = "UNCHANGED",
}

registerEnumType(UploadAction, {
  name: "UploadAction",
  description: "What an upload did with one line's user.",
  valuesConfig: {
    CREATED: { description: "A new user was created." },
    UPDATED: { description: "The existing user, or its upload-owned roles, changed." },
    UNCHANGED: { description: "The existing user already matched the line." },
  },
});

@ObjectType("UploadLine", { description: "The outcome of one line of an uploaded CSV.", simpleResolvers: true })
export class UploadLineType {
  @Field(() => Int, { description: "The line of the file (the header is line 1)." })
  line!: number;

  @Field({ description: "The line's userName." })
  userName!: string;

  @Field(() => ID, { description: "The user's id (for a dry run, the id the user would have had)." })
  userId!: string;

  @Field(() => UploadAction, { description: "What was done with the user." })
  action!: UploadAction;

  @Field(() => [String], { description: "Customer-supplied roles the user now holds through the upload source and did not before." })
  customerRolesAdded!: string[];

  @Field(() => [String], { description: "Customer-supplied roles the user no longer holds through the upload source." })
  customerRolesRemoved!: string[];
}

@ObjectType("UploadResult", { description: "What a file-based user upload did (or, with dryRun, would do).", simpleResolvers: true })
export class UploadResultType {
  @Field({ description: "Whether this was a dry run (nothing applied)." })
  dryRun!: boolean;

  @Field({ description: "Whether the upload was committed." })
  applied!: boolean;

  @Field(() => Int, { description: "Users created." })
  created!: number;

  @Field(() => Int, { description: "Existing users changed (attributes or upload-owned roles)." })
  updated!: number;

  @Field(() => Int, { description: "Existing users that already matched their line." })
  unchanged!: number;

  @Field(() => Int, { description: "Upload-owned memberships added." })
  membershipsAdded!: number;

  @Field(() => Int, { description: "Upload-owned memberships removed." })
  membershipsRemoved!: number;

  @Field(() => [String], { description: "Customer-supplied roles the file named for the first time, created unmapped (see unmappedCustomerRoles)." })
  createdCustomerRoles!: string[];

  @Field(() => [UploadLineType], { description: "Every line's outcome, in file order." })
  lines!: UploadLineType[];
}
