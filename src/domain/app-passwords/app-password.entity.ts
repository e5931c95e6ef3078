import { Entity, Index, ManyToOne, Property } from "@mikro-orm/core";
import { TenantEntity } from "../tenant-entity.js";
import { User } from "../users/user.entity.js";

/**
 * A never-expiring, revocable credential of one service account (Client ID + Client Secret),
 * which an IdP uses for SCIM. The secret is shown once and stored only as a hash.
 */
@Entity({ tableName: "app_password" })
// One Model's SCIM guide: "you'll need to revoke the existing ones first": one active credential per
// account. Rotation relaxes that by exactly one: the credential being replaced (superseded) keeps
// working beside its successor until the successor's first use, and an account has at most one.
@Index({
  name: "app_password_one_active_per_user",
  expression:
    'create unique index "app_password_one_active_per_user" on "app_password" ("user_id") where "revoked_at" is null and "superseded_at" is null',
})
@Index({
  name: "app_password_one_superseded_per_user",
  expression:
    'create unique index "app_password_one_superseded_per_user" on "app_password" ("user_id") where "revoked_at" is null and "superseded_at" is not null',
})
export class AppPassword extends TenantEntity<"createdAt"> {
  @ManyToOne(() => User, { deleteRule: "cascade", index: true })
  user!: User;

  @Property({ type: "text" })
  name!: string;

  /** Public identifier, the HTTP Basic user name. */
  @Property({ unique: true })
  clientId!: string;

  /** SHA-256 of the 256-bit random secret; never returned. */
  @Property({ type: "text", hidden: true })
  secretHash!: string;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  /** Coarse (updated at most once a minute), so authentication does not write on every request. */
  @Property({ type: "timestamptz", nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: "timestamptz", nullable: true })
  revokedAt?: Date | null;

  /**
   * When rotation issued a successor to this app password. It keeps authenticating until the
   * successor's first successful request, which revokes it in the same statement.
   */
  @Property({ type: "timestamptz", nullable: true })
  supersededAt?: Date | null;

  /**
   * The app password this one was rotated from; its first successful use revokes that one. Not
   * unique: a rotation cancelled by revoking its successor leaves that successor naming it too.
   */
  @ManyToOne(() => AppPassword, { nullable: true, deleteRule: "set null", index: true })
  predecessor?: AppPassword | null;

  @Property({ type: "timestamptz", nullable: true })
  lastFailureAt?: Date | null;

  @Property({ type: "text", nullable: true })
  lastFailureReason?: string | null;
}
