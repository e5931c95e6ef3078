import { randomUUID } from "node:crypto";
import { Entity, Filter, Index, ManyToOne, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";
import { Company } from "../companies/company.entity.js";
import { tenantFilter } from "../tenant.js";

/** Who changed what in mappings, roles, settings and credentials, with before and after. */
@Entity({ tableName: "audit_event" })
@Filter(tenantFilter)
@Index({ name: "audit_event_company_time", properties: ["company", "createdAt"] })
export class AuditEvent {
  [OptionalProps]?: "createdAt" | "id";

  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Company, { deleteRule: "cascade" })
  company!: Company;

  /** The acting user's id, kept as text so the history survives the user's deletion. */
  @Property({ type: "text", nullable: true })
  actorUserId?: string | null;

  @Property({ type: "text", nullable: true })
  actorUserName?: string | null;

  /** Set when a platform operator acted through an impersonated session (RFC 8693 `act`). */
  @Property({ type: "text", nullable: true })
  impersonatorUserId?: string | null;

  /** e.g. `roleMapping.set`, `appPassword.generate`, `company.updateSettings`. */
  @Property({ type: "text" })
  action!: string;

  @Property({ type: "text" })
  targetType!: string;

  @Property({ type: "text", nullable: true })
  targetId?: string | null;

  @Property({ type: "json", nullable: true })
  before?: unknown;

  @Property({ type: "json", nullable: true })
  after?: unknown;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
