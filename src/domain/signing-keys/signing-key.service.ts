import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { exportJWK, generateKeyPair } from "jose";
import { SigningKey } from "./signing-key.entity.js";

/** EdDSA (Ed25519): small keys, fast signatures, no parameter choices to get wrong. */
export const SIGNING_ALG = "EdDSA";

/**
 * Signing keys kept in the database, so every instance on it agrees (issue 2 §5, issue 5 §2).
 * The newest unretired key signs; every key not retired longer than the longest token lifetime verifies.
 */
export class SigningKeyService {
  /** The key that signs new tokens, created on first use. Two instances racing here both succeed: each key is valid. */
  async current(em: EntityManager): Promise<SigningKey> {
    const existing = await em.findOne(SigningKey, { retiredAt: null }, { orderBy: { createdAt: "desc" } });
    return existing ?? this.create(em);
  }

  /** Creates a new signing key and retires the old ones; tokens they signed keep verifying until they expire. */
  async rotate(em: EntityManager): Promise<SigningKey> {
    return em.transactional(async (tx) => {
      await tx.nativeUpdate(SigningKey, { retiredAt: null }, { retiredAt: new Date() });
      return this.create(tx);
    });
  }

  /** Keys that may still have signed an unexpired token. */
  async verificationKeys(em: EntityManager, maxTokenLifetimeSeconds: number): Promise<SigningKey[]> {
    const since = new Date(Date.now() - maxTokenLifetimeSeconds * 1000);
    return em.find(SigningKey, { $or: [{ retiredAt: null }, { retiredAt: { $gt: since } }] }, { orderBy: { createdAt: "desc" } });
  }

  private async create(em: EntityManager): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { crv: "Ed25519", extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG };
    const key = em.create(SigningKey, { kid, alg: SIGNING_ALG, publicJwk, privateJwk });
    await em.persistAndFlush(key);
    return key;
  }
}
