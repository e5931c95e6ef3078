import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { exportJWK, generateKeyPair } from "jose";
import { recordAudit } from "../audit/audit.service.js";
import { requirePlatformOperator } from "../authorization.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { SigningKey } from "./signing-key.entity.js";

/** What may be shown of a key: never its private half. */
export type SigningKeySummary = Pick<SigningKey, "kid" | "alg" | "createdAt" | "retiredAt">;

/** EdDSA (Ed25519): small keys, fast signatures, no parameter choices to get wrong. */
export const SIGNING_ALG = "EdDSA";

/**
 * Signing keys kept in the database, so every instance on it agrees.
 * The newest unretired key signs; every key not retired longer than the longest token lifetime verifies.
 */
export class SigningKeyService {
  /** The key that signs new tokens, created on first use. Two instances racing here both succeed: each key is valid. */
  async current(em: EntityManager): Promise<SigningKey> {
    const existing = await em.findOne(SigningKey, { retiredAt: null }, { orderBy: { createdAt: "desc" } });
    return existing ?? this.create(em);
  }

  /**
   * The kid of the key that signs now, or null before the first key exists: one row of a table of a
   * few rows, read before every signature so a key retired by another instance never signs again.
   */
  async currentKid(em: EntityManager): Promise<string | null> {
    const rows: { kid: string }[] = await em
      .getConnection()
      .execute("select kid from signing_key where retired_at is null order by created_at desc limit 1");
    return rows[0]?.kid ?? null;
  }

  /** Every key, newest first, for platform operators (public information only; see SigningKeyInfo). */
  async list(scope: Scope): Promise<SigningKeySummary[]> {
    requirePlatformOperator(scope);
    return scope.em.find(SigningKey, {}, { orderBy: { createdAt: "desc" }, fields: ["kid", "alg", "createdAt", "retiredAt"] });
  }

  /** Creates a new signing key and retires the old ones; tokens they signed keep verifying until they expire. */
  async rotate(em: EntityManager): Promise<SigningKey> {
    return em.transactional(async (tx) => {
      await tx.nativeUpdate(SigningKey, { retiredAt: null }, { retiredAt: new Date() });
      return this.create(tx);
    });
  }

  /**
   * Platform operators rotate the signing key through GraphQL, as the CLI does;
   * the audit event lands in the operator's own (platform) company, since keys serve every company.
   */
  async rotateAsOperator(scope: Scope): Promise<SigningKeySummary> {
    requirePlatformOperator(scope);
    return inTransaction(scope, async (em) => {
      const retired = await em.find(SigningKey, { retiredAt: null }, { fields: ["kid"] });
      const key = await this.rotate(em);
      recordAudit(em, scope, {
        action: "signingKey.rotate",
        targetType: "SigningKey",
        targetId: key.kid,
        before: { signingKids: retired.map((k) => k.kid) },
        after: { kid: key.kid, alg: key.alg },
      });
      return key;
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
