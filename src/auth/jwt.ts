import { DriverException } from "@mikro-orm/core";
import type { MikroORM } from "@mikro-orm/postgresql";
import { type JWTPayload, type JWK, importJWK, jwtVerify, SignJWT, errors as joseErrors } from "jose";
import { randomUUID } from "node:crypto";
import { DomainError } from "../domain/errors.js";
import { SIGNING_ALG, SigningKeyService } from "../domain/signing-keys/signing-key.service.js";
import { isUuid } from "../domain/uuid.js";
import type { Issuer } from "./issuer.js";

/** Claims rolebridge puts in its tokens, beside the registered ones. */
export interface RolebridgeClaims extends JWTPayload {
  /** The company (tenant) id. */
  company: string;
  /** `session` (login) or `access` (OAuth 2.0 client credentials). */
  typ: "session" | "access";
  /** The app password an access token was issued from (so revoking it kills the token). */
  app_password?: string;
  /** RFC 9068 §2.2: the OAuth client (the app password's Client ID) an access token was issued to. */
  client_id?: string;
  scope?: string;
  /** RFC 8693 §4.1 actor: the platform operator behind an impersonated session. */
  act?: { sub: string };
}

type KeyLike = Awaited<ReturnType<typeof importJWK>>;

/** How long verification keys are cached before the database is asked again (rotation by another instance). */
const KEY_CACHE_MS = 30_000;
/**
 * A token whose `kid` is not cached makes the cache reload (a key rotated in by another
 * instance), but at most this often: a flood of tokens with made-up kids costs one query a
 * second, not one per token.
 */
const UNKNOWN_KID_RELOAD_MS = 1_000;

interface KeyCache {
  /** When the keys were read (0: never). */
  at: number;
  signing?: { kid: string; key: KeyLike };
  verify: Map<string, KeyLike>;
}

/**
 * Signs and verifies rolebridge JWTs with keys from the database (jose; EdDSA only, so
 * `alg: none` and algorithm confusion are rejected by construction).
 *
 * Several instances share one database: signing asks the database which key is
 * current on every call (one indexed row; logins and token requests are rare next to verifications),
 * so a key retired by a rotation on another instance never signs again. Verification uses a cache
 * refreshed every 30 s, and a kid it does not know (a rotation elsewhere) triggers one reload,
 * rate-limited to one a second and shared by concurrent requests.
 */
export class TokenService {
  private cache: KeyCache = { at: 0, verify: new Map() };
  /** The reload in flight, shared by every caller that needs it (single flight). */
  private reloading?: Promise<void>;
  /** When the last reload started. */
  private lastReloadAt = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly issuer: Issuer,
    /** The longest lifetime of any token, so retired keys verify that long. */
    private readonly maxLifetimeSeconds: number,
    private readonly keys: SigningKeyService,
  ) {}

  async sign(claims: RolebridgeClaims & { sub: string }, ttlSeconds: number): Promise<{ token: string; expiresAt: Date; jti: string }> {
    const signing = await this.signingKey();
    const jti = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: signing.kid, typ: "JWT" })
      .setIssuer(this.issuer.value)
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
        issuer: this.issuer.value,
        algorithms: [SIGNING_ALG],
      });
      if (typeof payload.sub !== "string" || typeof payload.company !== "string") throw new Error("missing claims");
      return payload as RolebridgeClaims & { sub: string };
    } catch (err) {
      if (err instanceof DomainError) throw err;
      // The keys could not be read: the client should retry, not conclude its token is bad.
      if (err instanceof DriverException || (err as Error)?.name === "KnexTimeoutError") {
        throw new DomainError("SERVICE_UNAVAILABLE", "the database is unavailable; retry shortly");
      }
      const expired = err instanceof joseErrors.JWTExpired;
      throw new DomainError("UNAUTHENTICATED", expired ? "the token has expired" : "the token is not valid");
    }
  }

  /** Forgets cached keys (after a rotation in this process). */
  invalidate(): void {
    this.cache = { at: 0, verify: new Map() };
  }

  /** The public keys, for `/.well-known/jwks.json`. */
  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    const em = this.orm.em.fork();
    await this.keys.current(em);
    const all = await this.keys.verificationKeys(em, this.maxLifetimeSeconds);
    return { keys: all.map((k) => k.publicJwk) };
  }

  private async signingKey(): Promise<{ kid: string; key: KeyLike }> {
    const currentKid = await this.keys.currentKid(this.orm.em.fork());
    if (this.cache.signing && this.cache.signing.kid === currentKid) return this.cache.signing;
    if (this.reloading) await this.reloading;
    // Not rate-limited: signing follows a successful authentication, so callers are few.
    if (!this.cache.signing || this.cache.signing.kid !== currentKid) await this.startReload();
    return this.cache.signing!;
  }

  private async verificationKey(kid: string | undefined): Promise<KeyLike> {
    // Our kids are UUIDs (signing-key.service.ts); anything else is rejected without a reload.
    if (!kid || !isUuid(kid)) throw new Error("no usable kid");
    if (Date.now() - this.cache.at > KEY_CACHE_MS) await (this.reloading ?? this.startReload());
    if (!this.cache.verify.has(kid)) await this.reloadForUnknownKid(kid);
    const key = this.cache.verify.get(kid);
    if (!key) throw new Error("unknown kid");
    return key;
  }

  /**
   * A kid missing from the cache: a key rotated in by another instance, or a forged token. Any
   * reload that starts after we asked sees every key that existed then, so at most one reload a
   * second runs, shared by every waiter; a token signed by a key created a moment ago elsewhere
   * is verified (late by at most a second), not refused.
   */
  private async reloadForUnknownKid(kid: string): Promise<void> {
    const askedAt = Date.now();
    if (this.reloading) {
      await this.reloading;
      if (this.cache.verify.has(kid)) return;
    }
    if (this.lastReloadAt < askedAt) {
      const wait = this.lastReloadAt + UNKNOWN_KID_RELOAD_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    if (this.lastReloadAt >= askedAt) {
      // Someone else's reload covers us; wait for it if it is still running.
      if (this.reloading) await this.reloading;
      return;
    }
    await this.startReload();
  }

  /** Starts a reload (single flight: callers arriving while it runs share it). */
  private startReload(): Promise<void> {
    this.lastReloadAt = Date.now();
    this.reloading = this.refresh().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
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
}
