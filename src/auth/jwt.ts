import type { MikroORM } from "@mikro-orm/postgresql";
import { type JWTPayload, type JWK, importJWK, jwtVerify, SignJWT, errors as joseErrors } from "jose";
import { randomUUID } from "node:crypto";
import { DomainError } from "../domain/errors.js";
import { SIGNING_ALG, SigningKeyService } from "../domain/signing-keys/signing-key.service.js";

/** Claims rolebridge puts in its tokens, beside the registered ones. */
export interface RolebridgeClaims extends JWTPayload {
  /** The company (tenant) id. */
  company: string;
  /** `session` (login) or `access` (OAuth 2.0 client credentials). */
  typ: "session" | "access";
  /** The app password an access token was issued from (so revoking it kills the token). */
  app_password?: string;
  scope?: string;
  /** RFC 8693 §4.1 actor: the platform operator behind an impersonated session. */
  act?: { sub: string };
}

type KeyLike = Awaited<ReturnType<typeof importJWK>>;

/** How long verification keys are cached before the database is asked again (rotation by another instance). */
const KEY_CACHE_MS = 30_000;

/**
 * Signs and verifies rolebridge JWTs with keys from the database (jose; EdDSA only, so
 * `alg: none` and algorithm confusion are rejected by construction).
 */
export class TokenService {
  private keys = new SigningKeyService();
  private cache: { at: number; signing?: { kid: string; key: KeyLike }; verify: Map<string, KeyLike> } = { at: 0, verify: new Map() };

  constructor(
    private readonly orm: MikroORM,
    private readonly issuer: string,
    /** The longest lifetime of any token, so retired keys verify that long. */
    private readonly maxLifetimeSeconds: number,
  ) {}

  async sign(claims: RolebridgeClaims & { sub: string }, ttlSeconds: number): Promise<{ token: string; expiresAt: Date; jti: string }> {
    const signing = await this.signingKey();
    const jti = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: signing.kid, typ: "JWT" })
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(jti)
      .sign(signing.key);
    return { token, expiresAt: new Date((now + ttlSeconds) * 1000), jti };
  }

  /** Verifies signature, issuer and expiry; any failure is UNAUTHENTICATED with no detail about which. */
  async verify(token: string): Promise<RolebridgeClaims & { sub: string }> {
    try {
      const { payload } = await jwtVerify(token, (header) => this.verificationKey(header.kid), {
        issuer: this.issuer,
        algorithms: [SIGNING_ALG],
      });
      if (typeof payload.sub !== "string" || typeof payload.company !== "string") throw new Error("missing claims");
      return payload as RolebridgeClaims & { sub: string };
    } catch (err) {
      const expired = err instanceof joseErrors.JWTExpired;
      throw new DomainError("UNAUTHENTICATED", expired ? "the token has expired" : "the token is not valid");
    }
  }

  /** Forgets cached keys (after a rotation in this process). */
  invalidate(): void {
    this.cache = { at: 0, verify: new Map() };
  }

  private async refresh(): Promise<void> {
    const em = this.orm.em.fork();
    const current = await this.keys.current(em);
    const all = await this.keys.verificationKeys(em, this.maxLifetimeSeconds);
    const verify = new Map<string, KeyLike>();
    for (const k of all) verify.set(k.kid, await importJWK(k.publicJwk as JWK, SIGNING_ALG));
    const signingKey = await importJWK(current.privateJwk as JWK, SIGNING_ALG);
    this.cache = { at: Date.now(), signing: { kid: current.kid, key: signingKey }, verify };
  }

  private async signingKey(): Promise<{ kid: string; key: KeyLike }> {
    if (!this.cache.signing || Date.now() - this.cache.at > KEY_CACHE_MS) await this.refresh();
    return this.cache.signing!;
  }

  private async verificationKey(kid: string | undefined): Promise<KeyLike> {
    if (!kid) throw new Error("no kid");
    if (!this.cache.verify.has(kid) || Date.now() - this.cache.at > KEY_CACHE_MS) await this.refresh();
    const key = this.cache.verify.get(kid);
    if (!key) throw new Error("unknown kid");
    return key;
  }

  /** The public keys, for `/.well-known/jwks.json`. */
  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    const em = this.orm.em.fork();
    await this.keys.current(em);
    const all = await this.keys.verificationKeys(em, this.maxLifetimeSeconds);
    return { keys: all.map((k) => k.publicJwk) };
  }
}
