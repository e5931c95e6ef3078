import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Client IDs and secrets. The secret is 32 random bytes (256 bits), so a fast SHA-256 hash is
 * enough at rest: there is nothing to brute-force, unlike a human password (argon2id there).
 * A fast hash also keeps SCIM authentication cheap on every request.
 */
export interface NewCredential {
  clientId: string;
  secret: string;
  secretHash: string;
}

export function newCredential(): NewCredential {
  const clientId = `rb_${randomBytes(12).toString("base64url")}`;
  const secret = randomBytes(32).toString("base64url");
  return { clientId, secret, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time comparison of a presented secret's hash with the stored hash. */
export function hashesMatch(presentedHash: string, secretHash: string): boolean {
  const presented = Buffer.from(presentedHash, "hex");
  const stored = Buffer.from(secretHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/**
 * The single-string form an admin pastes into an IdP's "Secret Token" field (Entra, OneLogin):
 * `<clientId>.<secret>`, sent as `Authorization: Bearer …`.
 */
export function bearerTokenOf(clientId: string, secret: string): string {
  return `${clientId}.${secret}`;
}
