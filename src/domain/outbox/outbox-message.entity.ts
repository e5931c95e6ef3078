import { Entity, Enum, Index, ManyToOne, Property } from "@mikro-orm/core";
import { Invitation } from "../invitations/invitation.entity.js";
import { TenantEntity } from "../tenant-entity.js";

/** Where a message of the outbox stands. */
export enum OutboxStatus {
  /** Waiting for the worker (again, after a failed attempt, at nextAttemptAt). */
  PENDING = "pending",
  /** Accepted by the SMTP server. */
  SENT = "sent",
  /** Without SMTP_URL, in development: its link was written to the log instead. */
  LOGGED = "logged",
  /** Given up after the last retry; lastError says why. */
  FAILED = "failed",
  /**
   * Not sent, and never will be: its invitation was sent again, revoked or accepted, or by the time
   * its turn came had expired or its user was deactivated (lastError says which, then).
   */
  CANCELLED = "cancelled",
}

/**
 * An email to send, written in the same transaction as the change that calls for it (the
 * transactional outbox): it commits with the change or not at all, and the worker sends it after
 * the commit, retrying with back-off. The body is composed when it is sent, so no link is kept here.
 */
@Entity({ tableName: "outbox_message" })
@Index({ name: "outbox_message_company_time", properties: ["company", "createdAt"] })
@Index({
  name: "outbox_message_due",
  expression: `create index "outbox_message_due" on "outbox_message" ("next_attempt_at") where "status" = 'pending'`,
})
export class OutboxMessage extends TenantEntity<"createdAt" | "attempts" | "status" | "nextAttemptAt"> {
  @ManyToOne(() => Invitation, { deleteRule: "cascade", index: true })
  invitation!: Invitation;

  @Property({ type: "text" })
  recipient!: string;

  @Enum({ items: () => OutboxStatus, nativeEnumName: undefined })
  status: OutboxStatus = OutboxStatus.PENDING;

  @Property()
  attempts: number = 0;

  @Property({ type: "timestamptz" })
  nextAttemptAt: Date = new Date();

  @Property({ type: "text", nullable: true })
  lastError?: string | null;

  /** The RFC 5322 Message-ID the message goes out with, the same for every attempt. */
  @Property({ type: "text" })
  messageId!: string;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz", nullable: true })
  sentAt?: Date | null;
}
