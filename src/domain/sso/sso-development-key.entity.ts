import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * The key that encrypts SSO client secrets on a development machine where SSO_SECRET_KEY is
 * unset: generated once and kept in the database, so every instance and restart decrypts what
 * another encrypted. Beside the ciphertext it protects nothing against a stolen database, which
 * is why production refuses to use it and needs SSO_SECRET_KEY.
 */
@Entity({ tableName: "sso_development_key" })
export class SsoDevelopmentKey {
  /** Always 1: there is one key. */
  @PrimaryKey({ autoincrement: false })
  id!: number;

  /** 32 random bytes, base64. */
  @Property({ type: "text", hidden: true })
  key!: string;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
