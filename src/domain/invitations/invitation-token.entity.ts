import { Entity, ManyToOne, PrimaryKey, Property } from "@mikro-orm/core";
import { Invitation } from "./invitation.entity.js";

/**
 * One link of an invitation, kept as the SHA-256 of its 256-bit random token only. A token is
 * drawn when its email is sent, never stored in clear; an invitation may have several (each
 * sending of it, resends included), and accepting through any of them uses the invitation up.
 */
@Entity({ tableName: "invitation_token" })
export class InvitationToken {
  @PrimaryKey({ type: "text" })
  tokenHash!: string;

  @ManyToOne(() => Invitation, { deleteRule: "cascade", index: true })
  invitation!: Invitation;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
