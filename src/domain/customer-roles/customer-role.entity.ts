import { randomUUID } from "node:crypto";
import { Entity, Filter, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";
import { Company } from "../companies/company.entity.js";
import { tenantFilter } from "../tenant.js";

/**
 * A customer-supplied role: the company's own role concept, provisioned as a SCIM Group.
 * Its members are Membership rows, never a loaded collection, so a member change costs the same
 * for a role of 10 members and one of 100,000.
 */
@Entity({ tableName: "customer_role" })
@Filter(tenantFilter)
@Index({
  name: "customer_role_display_name_ci",
  expression: 'create unique index "customer_role_display_name_ci" on "customer_role" ("company_id", lower("display_name"))',
})
@Index({ name: "customer_role_external_id", properties: ["company", "externalId"] })
export class CustomerRole {
  [OptionalProps]?: "version" | "createdAt" | "updatedAt" | "id";

  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Company, { deleteRule: "cascade" })
  company!: Company;

  @Property({ type: "text" })
  displayName!: string;

  @Property({ type: "text", nullable: true })
  externalId?: string | null;

  @Property()
  version: number = 1;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz" })
  updatedAt: Date = new Date();
}
