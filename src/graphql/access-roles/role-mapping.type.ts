import { Field, Int, ObjectType } from "type-graphql";
import { CustomerRoleType } from "../customer-roles/customer-role.type.js";
import { AppAccessRoleType, DataAccessRoleType } from "./access-role.type.js";

@ObjectType("RoleMapping", {
  description: "What holding a customer-supplied role grants: its data-access and app-access roles (for users with autoAssignRoles).",
})
export class RoleMappingType {
  @Field(() => CustomerRoleType, { description: "The customer-supplied role this mapping is for." })
  customerRole!: CustomerRoleType;

  @Field(() => [DataAccessRoleType], { description: "Data-access roles granted, by name." })
  dataAccessRoles!: DataAccessRoleType[];

  @Field(() => [AppAccessRoleType], { description: "App-access roles granted, by name." })
  appAccessRoles!: AppAccessRoleType[];

  @Field(() => Int, { description: "Bumped on every change of the mapping." })
  version!: number;

  @Field({ description: "When the mapping last changed." })
  updatedAt!: Date;
}
