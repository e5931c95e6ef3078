import { Field, InputType } from "type-graphql";
import { Permission } from "../enums.js";

@InputType({ description: "A new data-access role." })
export class CreateDataAccessRoleInput {
  @Field({ description: "Unique per company ignoring case; not empty, at most 256 characters (surrounding spaces are trimmed)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the role is for; at most 4096 characters." })
  description?: string | null;
}

@InputType({ description: "Changes to a data-access role; fields left out are kept." })
export class UpdateDataAccessRoleInput {
  @Field(() => String, { nullable: true, description: "New name (unique per company ignoring case)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New description; null clears it." })
  description?: string | null;
}

@InputType({ description: "A new app-access role." })
export class CreateAppAccessRoleInput {
  @Field({ description: "Unique per company ignoring case; not empty, at most 256 characters (surrounding spaces are trimmed)." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the role is for; at most 4096 characters." })
  description?: string | null;

  @Field(() => [Permission], { defaultValue: [], description: "The permissions the role carries." })
  permissions!: Permission[];
}

@InputType({ description: "Changes to an app-access role; fields left out are kept. Holders get changed permissions on their next request." })
export class UpdateAppAccessRoleInput {
  @Field(() => String, { nullable: true, description: "New name (unique per company ignoring case)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New description; null clears it." })
  description?: string | null;

  @Field(() => [Permission], { nullable: true, description: "The complete new list of permissions." })
  permissions?: Permission[] | null;
}
