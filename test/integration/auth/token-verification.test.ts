import { randomUUID } from "node:crypto";
import { importJWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Issuer } from "../../../src/auth/issuer.js";
import { TokenService } from "../../../src/auth/jwt.js";
import { startTestApp, type TestApp } from "../../setup/server.js";
import { accessToken, type Credential, generateAppPassword, meWith, scimProbe, type ServiceAccountSetup, setUpServiceAccount } from "./auth-helpers.js";

/**
 * What a verifier must refuse (issue 5 §8): expired, tampered, `alg: none`, another issuer, an
 * unknown key. Each is tried on SCIM (401) and on GraphQL (UNAUTHENTICATED). Statements are
 * counted through MikroORM's onQuery hook to show that unknown kids cannot make the database work.
 */
let app: TestApp;
let s: ServiceAccountSetup;
let cred: Credential;
let token: string;
const statements: string[] = [];

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

beforeAll(async () => {
  app = await startTestApp({
    env: { AUTH_FAILURE_LIMIT: "1000", AUTH_FAILURE_IP_LIMIT: "1000" },
    ormOptions: { onQuery: (sql: string) => (statements.push(sql), sql) } as never,
  });
  s = await setUpServiceAccount(app);
  cred = await generateAppPassword(app, s.serviceToken);
  token = await accessToken(app.url, cred);
});
afterAll(() => app?.close());

async function expectRefused(bad: string, message?: RegExp) {
  const scim = await scimProbe(app.url, `Bearer ${bad}`);
  expect(scim.status).toBe(401);
  expect(scim.headers.get("www-authenticate")).toBeTruthy();
  expect(scim.body.schemas).toContain("urn:ietf:params:scim:api:messages:2.0:Error");
  const me = await meWith(app.url, bad);
  expect(me.code).toBe("UNAUTHENTICATED");
  if (message) {
    expect(scim.body.detail).toMatch(message);
    expect(me.message).toMatch(message);
  }
}

/** The current signing key's private JWK, read from the signing_key table. */
async function realKey() {
  const [row] = await app.orm.em
    .fork()
    .getConnection()
    .execute("select kid, private_jwk from signing_key where retired_at is null order by created_at desc limit 1");
  const jwk = typeof row.private_jwk === "string" ? JSON.parse(row.private_jwk) : row.private_jwk;
  return { kid: row.kid as string, key: await importJWK(jwk, "EdDSA") };
}

describe("access token verification", () => {
  it("accepts the genuine token on SCIM and GraphQL (the control case)", async () => {
    expect((await scimProbe(app.url, `Bearer ${token}`)).status).toBe(200);
    expect((await meWith(app.url, token)).id).toBe(s.service.id);
  });

  it("refuses an expired token, saying it has expired", async () => {
    const { token: short } = await app.services.tokens.sign(
      { sub: s.service.id, company: s.co.company.id, typ: "access", app_password: cred.id, scope: "scim" },
      1,
    );
    expect((await scimProbe(app.url, `Bearer ${short}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    await expectRefused(short, /expired/);
  });

  it("refuses a token whose signature, payload or header was altered", async () => {
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
    await expectRefused(`${header}.${payload}.${flipped}`, /not valid/);
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    await expectRefused(`${header}.${b64url({ ...claims, sub: s.co.admin.id })}.${signature}`, /not valid/);
    await expectRefused(`${b64url({ alg: "EdDSA", kid: randomUUID(), typ: "JWT" })}.${payload}.${signature}`, /not valid/);
  });

  it('refuses alg "none" (an unsigned token with the real claims)', async () => {
    const payload = token.split(".")[1]!;
    await expectRefused(`${b64url({ alg: "none", typ: "JWT" })}.${payload}.`, /not valid/);
    await expectRefused(`${b64url({ alg: "none" })}.${payload}.`, /not valid/);
  });

  it("refuses a token signed with the real key by another issuer, or with no issuer", async () => {
    const { kid, key } = await realKey();
    const claims = { sub: s.service.id, company: s.co.company.id, typ: "access", app_password: cred.id, scope: "scim" };
    const now = Math.floor(Date.now() / 1000);
    const sign = (iss?: string) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid, typ: "JWT" }).setIssuedAt(now).setExpirationTime(now + 600);
      return (iss ? jwt.setIssuer(iss) : jwt).sign(key);
    };
    // The control: the same construction with the right issuer is accepted, so only iss differs.
    expect((await scimProbe(app.url, `Bearer ${await sign(app.url)}`)).status).toBe(200);
    await expectRefused(await sign("https://evil.example"), /not valid/);
    await expectRefused(await sign(), /not valid/);
  });

  it("refuses a token signed with a key rolebridge does not know, even under a known kid", async () => {
    const { kid } = await realKey();
    const { privateKey } = await import("jose").then((j) => j.generateKeyPair("EdDSA", { crv: "Ed25519" }));
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ sub: s.service.id, company: s.co.company.id, typ: "access", app_password: cred.id })
      .setProtectedHeader({ alg: "EdDSA", kid })
      .setIssuer(app.url)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    await expectRefused(forged, /not valid/);
  });

  it("reloads keys for unknown kids at most about once a second, however many tokens name them", async () => {
    const payload = token.split(".")[1]!;
    const signature = token.split(".")[2]!;
    // Warm the key cache, then count the signing_key reads 40 forged kids cause.
    expect((await scimProbe(app.url, `Bearer ${token}`)).status).toBe(200);
    const before = statements.filter((q) => /from "?signing_key"?/i.test(q)).length;
    const forged = Array.from({ length: 40 }, () => `${b64url({ alg: "EdDSA", kid: randomUUID(), typ: "JWT" })}.${payload}.${signature}`);
    const results = await Promise.all(forged.map((t) => scimProbe(app.url, `Bearer ${t}`)));
    expect(results.every((r) => r.status === 401)).toBe(true);
    const reads = statements.filter((q) => /from "?signing_key"?/i.test(q)).length - before;
    // Each reload reads the current key and the verification keys (2 statements); 40 requests
    // arriving together cause one reload now and at most one more a second later.
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(4);
    // A kid that is not one of ours (not a UUID) costs no read at all.
    const before2 = statements.filter((q) => /from "?signing_key"?/i.test(q)).length;
    await expectRefused(`${b64url({ alg: "EdDSA", kid: "../../etc/passwd" })}.${payload}.${signature}`);
    expect(statements.filter((q) => /from "?signing_key"?/i.test(q)).length).toBe(before2);
  });

  it("a TokenService with another issuer refuses rolebridge's tokens (issuer is checked by the verifier, not trusted from the token)", async () => {
    const other = new TokenService(app.orm, new Issuer({ JWT_ISSUER: "someone-else", HOST: "127.0.0.1", PORT: 0 }), 86_400, app.services.signingKeys);
    await expect(other.verify(token)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(app.services.tokens.verify(token)).resolves.toMatchObject({ sub: s.service.id });
  });
});
