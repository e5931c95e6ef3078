import { Entity, Index, Property } from "@mikro-orm/core";
import { TenantEntity } from "../tenant-entity.js";

/** A platform role deciding which data a user may see. */
@Entity({ tableName: "data_access_role" })
@Index({
  name: "data_access_role_name_ci",
  expression: 'create unique index "data_access_role_name_ci" on "data_access_role" ("company_id", lower("name"))',
})
export class DataAccessRole extends TenantEntity<"createdAt" | "updatedAt"> {
  @Property({ type: "text" })
  name!: string;

  @Property({ type: "text", nullable: true })
  description?: string | null;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
