import { ArrayType, Entity, Index, Property } from "@mikro-orm/core";
import { TenantEntity } from "../tenant-entity.js";
import type { Permission } from "./permission.js";

/** A platform role deciding what a user may do; it carries permissions. */
@Entity({ tableName: "app_access_role" })
@Index({
  name: "app_access_role_name_ci",
  expression: 'create unique index "app_access_role_name_ci" on "app_access_role" ("company_id", lower("name"))',
})
export class AppAccessRole extends TenantEntity<"permissions" | "createdAt" | "updatedAt"> {
  @Property({ type: "text" })
  name!: string;

  @Property({ type: "text", nullable: true })
  description?: string | null;

  @Property({ type: ArrayType, columnType: "text[]" })
  permissions: Permission[] = [];

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
