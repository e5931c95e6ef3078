import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { OutboxStatus } from "../../domain/outbox/outbox-message.entity.js";

/** Where an invitation stands. */
export enum InvitationState {
  PENDING = "pending",
  ACCEPTED = "accepted",
  REVOKED = "revoked",
  EXPIRED = "expired",
}

registerEnumType(InvitationState, {
  name: "InvitationState",
  description: "Where a password invitation stands.",
  valuesConfig: {
    PENDING: { description: "Its link can still be used." },
    ACCEPTED: { description: "The user set a password through it (each invitation is used once)." },
    REVOKED: { description: "An administrator revoked it; its links no longer work." },
    EXPIRED: { description: "Its links are past the company's invitationTtlHours; resend it for a new one." },
  },
});

@ObjectType("InvitationEmail", { description: "An email of the outbox: the latest one sent, or to send, for an invitation.", simpleResolvers: true })
export class InvitationEmailType {
  @Field(() => ID, { description: "The outbox message's id." })
  id!: string;

  @Field(() => OutboxStatus, { description: "Whether it was sent, is waiting, failed or was cancelled." })
  status!: OutboxStatus;

  @Field(() => Int, { description: "How many attempts to send it were made." })
  attempts!: number;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed (the SMTP server's answer), if it did." })
  lastError?: string | null;

  @Field({ description: "When it was written to the outbox, with the change that called for it." })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the SMTP server accepted it (or, without SMTP_URL, when its link was logged)." })
  sentAt?: Date | null;

  @Field({ description: "When the next attempt is due, for a pending email." })
  nextAttemptAt!: Date;
}

@ObjectType("Invitation", {
  description: "A password invitation: an email with a single-use, expiring link to set a first password. Only hashes of its links are kept.",
  simpleResolvers: true,
})
export class InvitationType {
  @Field(() => ID, { description: "Opaque, stable identifier." })
  id!: string;

  @Field(() => ID, { description: "The invited user's id." })
  userId!: string;

  @Field({ description: "The invited user's userName." })
  userName!: string;

  @Field({ description: "The address it is sent to (the user's primary email)." })
  email!: string;

  @Field(() => InvitationState, { description: "Whether it can still be used." })
  state!: InvitationState;

  @Field({ description: "When it was made." })
  createdAt!: Date;

  @Field({ description: "When its links stop working." })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the user set their password through it." })
  acceptedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "When an administrator revoked it." })
  revokedAt?: Date | null;

  @Field(() => InvitationEmailType, { nullable: true, description: "Its latest email." })
  message?: InvitationEmailType | null;
}

@ObjectType("AcceptedInvitation", { description: "The account whose password an invitation set: sign in with it.", simpleResolvers: true })
export class AcceptedInvitationType {
  @Field({ description: "The company's slug, to sign in with." })
  companySlug!: string;

  @Field({ description: "The userName to sign in with." })
  userName!: string;
}
