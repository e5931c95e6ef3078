import { Entity, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";

/**
 * A JWT signing key pair. Keys live in the database so every instance on it signs and verifies
 * with the same keys; a retired key still verifies until the tokens it signed expire.
 */
@Entity({ tableName: "signing_key" })
export class SigningKey {
  [OptionalProps]?: "createdAt";

  /** The JWS `kid`. */
  @PrimaryKey()
  kid!: string;

  @Property()
  alg!: string;

  @Property({ type: "json", hidden: true })
  privateJwk!: Record<string, unknown>;

  @Property({ type: "json" })
  publicJwk!: Record<string, unknown>;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz", nullable: true })
  retiredAt?: Date | null;
}
