import { Entity, Index, ManyToOne, Property } from "@mikro-orm/core";
import { TenantEntity } from "../tenant-entity.js";
import { User } from "../users/user.entity.js";

/**
 * An invitation to set a first password: sent to a user created without one, who may sign in with
 * a password. It is used once (acceptedAt), expires (the company's invitationTtlHours), and can be
 * revoked; its links are the InvitationTokens, of which only hashes are kept.
 */
@Entity({ tableName: "invitation" })
@Index({ name: "invitation_company_time", properties: ["company", "createdAt"] })
export class Invitation extends TenantEntity<"createdAt"> {
  @ManyToOne(() => User, { deleteRule: "cascade", index: true })
  user!: User;

  /** The address the invitation goes to (the user's primary email when it was made). */
  @Property({ type: "text" })
  email!: string;

  @Property({ type: "timestamptz" })
  expiresAt!: Date;

  @Property({ type: "timestamptz", nullable: true })
  acceptedAt?: Date | null;

  @Property({ type: "timestamptz", nullable: true })
  revokedAt?: Date | null;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
