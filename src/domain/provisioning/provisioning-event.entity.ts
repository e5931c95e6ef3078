import { randomUUID } from "node:crypto";
import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";
import { AppPassword } from "../app-passwords/app-password.entity.js";
import { Company } from "../companies/company.entity.js";

/**
 * One SCIM request as the provisioning log shows it. Its id is the request id that SCIM
 * error bodies carry, so an admin can paste it from the IdP's error into the log.
 * Not tenant-filtered: a request with an unknown credential has no company.
 */
@Entity({ tableName: "provisioning_event" })
@Index({ name: "provisioning_event_company_time", properties: ["company", "createdAt"] })
export class ProvisioningEvent {
  [OptionalProps]?: "durationMs" | "normalizations" | "createdAt" | "id";

  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Company, { nullable: true, deleteRule: "cascade" })
  company?: Company | null;

  @ManyToOne(() => AppPassword, { nullable: true, deleteRule: "set null" })
  appPassword?: AppPassword | null;

  @Property({ type: "text" })
  method!: string;

  @Property({ type: "text" })
  path!: string;

  @Property({ type: "text", nullable: true })
  resourceType?: string | null;

  @Property({ type: "text", nullable: true })
  resourceId?: string | null;

  /** success or failure, derived from the status when recorded. */
  @Property({ type: "text" })
  outcome!: string;

  @Property()
  status!: number;

  @Property({ type: "text", nullable: true })
  scimType?: string | null;

  @Property({ type: "text", nullable: true })
  detail?: string | null;

  @Property()
  durationMs: number = 0;

  /** IdP dialect normalisations applied to the request (e.g. `entra-capitalised-op`). */
  @Property({ type: ArrayType, columnType: "text[]" })
  normalizations: string[] = [];

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
