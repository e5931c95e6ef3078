import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { sqlOf } from "../../db/sql.js";
import { DomainError } from "../errors.js";

/** Where the key comes from: SSO_SECRET_KEY, or (development only) one generated once and kept in the database. */
export interface SsoKeySource {
  /** base64 of 32 bytes, from the environment. */
  configuredKey?: string;
  /** Whether a missing configured key may be replaced by the database-kept development key. */
  allowDevelopmentKey: boolean;
}

const VERSION = "v1";

/**
 * Encrypts the secrets rolebridge must send on to an IdP (an OIDC client secret: RFC 6749 §2.3.1
 * needs it in clear at the token endpoint, so it cannot be hashed) with AES-256-GCM: a random
 * 96-bit IV per secret (NIST SP 800-38D §8.2) and the authentication tag, so a changed ciphertext
 * fails to decrypt instead of yielding a wrong secret. The connection id is the associated data,
 * so a ciphertext copied onto another connection does not decrypt there.
 */
export class SsoSecretBox {
  private developmentKey?: Promise<Buffer>;

  constructor(private readonly source: SsoKeySource) {}

  async seal(em: EntityManager, plain: string, connectionId: string): Promise<string> {
    const key = await this.key(em);
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(connectionId));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
  }

  async open(em: EntityManager, sealed: string, connectionId: string): Promise<string> {
    const [version, iv, tag, body] = sealed.split(".");
    if (version !== VERSION || !iv || !tag || body === undefined) throw undecryptable();
    const key = await this.key(em);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(connectionId));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw undecryptable();
    }
  }

  private key(em: EntityManager): Promise<Buffer> {
    if (this.source.configuredKey) return Promise.resolve(Buffer.from(this.source.configuredKey, "base64"));
    if (!this.source.allowDevelopmentKey) {
      return Promise.reject(
        new DomainError("SERVICE_UNAVAILABLE", "SSO client secrets need SSO_SECRET_KEY (base64 of 32 random bytes) in production; ask the operator to set it"),
      );
    }
    this.developmentKey ??= loadDevelopmentKey(em).catch((err) => {
      this.developmentKey = undefined;
      throw err;
    });
    return this.developmentKey;
  }
}

/** The development key, created by the first instance that needs it; the primary key settles a race between two. */
async function loadDevelopmentKey(em: EntityManager): Promise<Buffer> {
  const sql = sqlOf(em);
  await sql.query(`insert into sso_development_key (id, key, created_at) values (1, $1, now()) on conflict (id) do nothing`, [
    randomBytes(32).toString("base64"),
  ]);
  const [row] = await sql.query<{ key: string }>(`select key from sso_development_key where id = 1`);
  return Buffer.from(row!.key, "base64");
}

function undecryptable(): DomainError {
  return new DomainError(
    "SERVICE_UNAVAILABLE",
    "the connection's client secret cannot be decrypted with this server's SSO_SECRET_KEY (was the key changed?); enter the client secret again",
  );
}
