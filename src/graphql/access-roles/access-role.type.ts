import { Field, ID, ObjectType } from "type-graphql";
import { Permission } from "../enums.js";

@ObjectType("DataAccessRole", { description: "A platform role deciding which data a user may see.", simpleResolvers: true })
export class DataAccessRoleType {
  @Field(() => ID, { description: "Opaque, stable identifier." })
  id!: string;

  @Field({ description: "Unique per company ignoring case; at most 256 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the role is for." })
  description?: string | null;

  @Field({ description: "When the role was created." })
  createdAt!: Date;

  @Field({ description: "When the role last changed." })
  updatedAt!: Date;
}

@ObjectType("AppAccessRole", { description: "A platform role deciding what a user may do, through the permissions it carries.", simpleResolvers: true })
export class AppAccessRoleType {
  @Field(() => ID, { description: "Opaque, stable identifier." })
  id!: string;

  @Field({ description: "Unique per company ignoring case; at most 256 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: "What the role is for." })
  description?: string | null;

  @Field(() => [Permission], { description: "The permissions holders of this role get." })
  permissions!: Permission[];

  @Field({ description: "When the role was created." })
  createdAt!: Date;

  @Field({ description: "When the role last changed." })
  updatedAt!: Date;
}
