import { Collection, Entity, ManyToMany, OneToOne, Property } from "@mikro-orm/core";
import { CustomerRole } from "../customer-roles/customer-role.entity.js";
import { TenantEntity } from "../tenant-entity.js";
import { AppAccessRole } from "./app-access-role.entity.js";
import { DataAccessRole } from "./data-access-role.entity.js";

/** What holding a customer-supplied role grants: its data-access and app-access roles. */
@Entity({ tableName: "role_mapping" })
export class RoleMapping extends TenantEntity<"version" | "updatedAt"> {
  @OneToOne(() => CustomerRole, { owner: true, deleteRule: "cascade", unique: true })
  customerRole!: CustomerRole;

  @ManyToMany(() => DataAccessRole, undefined, { pivotTable: "role_mapping_data_access_role" })
  dataAccessRoles = new Collection<DataAccessRole>(this);

  @ManyToMany(() => AppAccessRole, undefined, { pivotTable: "role_mapping_app_access_role" })
  appAccessRoles = new Collection<AppAccessRole>(this);

  @Property()
  version: number = 1;

  @Property({ type: "timestamptz" })
  updatedAt: Date = new Date();
}
