import { Entity, Index, Property } from "@mikro-orm/core";
import { VersionedEntity } from "../versioned-entity.js";

/**
 * A customer-supplied role: the company's own role concept, provisioned as a SCIM Group.
 * Its members are Membership rows, never a loaded collection, so a member change costs the same
 * for a role of 10 members and one of 100,000.
 */
@Entity({ tableName: "customer_role" })
@Index({
  name: "customer_role_display_name_ci",
  expression: 'create unique index "customer_role_display_name_ci" on "customer_role" ("company_id", lower("display_name"))',
})
@Index({ name: "customer_role_external_id", properties: ["company", "externalId"] })
export class CustomerRole extends VersionedEntity {
  @Property({ type: "text" })
  displayName!: string;

  @Property({ type: "text", nullable: true })
  externalId?: string | null;
}
