import { Field, Int, ObjectType } from "type-graphql";
import type { RoleMappingDiff } from "../../domain/access-roles/access-impact.js";
import type { RoleMapping } from "../../domain/access-roles/role-mapping.entity.js";
import { CustomerRoleType } from "../customer-roles/customer-role.type.js";
import { AppAccessRoleType, DataAccessRoleType } from "./access-role.type.js";
import { RoleMappingDiffType } from "./role-mapping-diff.type.js";

/**
 * What the RoleMapping type resolves from: a mapping as read, or setRoleMapping's payload, which
 * also carries the diff of the change that wrote it.
 */
export type RoleMappingRoot = Pick<RoleMapping, "customerRole" | "dataAccessRoles" | "appAccessRoles" | "version" | "updatedAt"> & {
  diff?: RoleMappingDiff | null;
};

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

  @Field(() => RoleMappingDiffType, {
    nullable: true,
    description:
      "Only on the result of setRoleMapping: what the change did (or, with dryRun, would do): the mapping before and after and the users who gain or lose each access role. Null wherever else a mapping is read.",
  })
  diff?: RoleMappingDiffType | null;
}
