import { Entity, Index, Property } from "@mikro-orm/core";
import { TenantEntity } from "../tenant-entity.js";

/** Who changed what in mappings, roles, settings and credentials, with before and after. */
@Entity({ tableName: "audit_event" })
@Index({ name: "audit_event_company_time", properties: ["company", "createdAt"] })
export class AuditEvent extends TenantEntity<"createdAt"> {
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
