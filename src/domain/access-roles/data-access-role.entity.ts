import { randomUUID } from "node:crypto";
import { Entity, Filter, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";
import { Company } from "../companies/company.entity.js";
import { tenantFilter } from "../tenant.js";

/** A platform role deciding which data a user may see. */
@Entity({ tableName: "data_access_role" })
@Filter(tenantFilter)
@Index({
  name: "data_access_role_name_ci",
  expression: 'create unique index "data_access_role_name_ci" on "data_access_role" ("company_id", lower("name"))',
})
export class DataAccessRole {
  [OptionalProps]?: "createdAt" | "updatedAt" | "id";

  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Company, { deleteRule: "cascade" })
  company!: Company;

  @Property({ type: "text" })
  name!: string;

  @Property({ type: "text", nullable: true })
  description?: string | null;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
