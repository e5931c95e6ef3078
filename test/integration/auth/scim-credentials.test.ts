import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveScimPrincipal } from "../../../src/auth/resolve-scim-principal.js";
import type { User } from "../../../src/domain/users/user.entity.js";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * The SCIM credential middleware, mounted on a tiny express app in front of an endpoint that
 * echoes the resolved principal, over real HTTP and real PostgreSQL. Two instances share one
 * database, as two replicas of rolebridge would.
 */
interface Probe {
  url: string;
  close(): Promise<void>;
}

async function startProbe(app: TestApp): Promise<Probe> {
  const probe = express();
  probe.get("/whoami", resolveScimPrincipal(app.orm, app.services.tokens, app.services.credentialChecks, app.services.authAttempts), (req, res) => {
    if (req.principal) {
      const { companyId, userId, userName, credential, isServiceAccount } = req.principal;
      res.json({ principal: { companyId, userId, userName, credential, isServiceAccount, permissions: [...req.principal.permissions].sort() } });
    } else if (req.authError) {
      res.status(401).json({ error: { code: req.authError.code, message: req.authError.message } });
    } else {
      res.status(401).json({ error: { code: "NO_CREDENTIALS" } });
    }
  });
  const server: Server = await new Promise((resolve) => {
    const s = probe.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function whoami(probe: Probe, authorization?: string) {
  const res = await fetch(`${probe.url}/whoami`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, body: (await res.json()) as any };
}

const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;

let app: TestApp;
let app2: TestApp;
let probe: Probe;
let probe2: Probe;
let co: TestCompany;
let service: User;
let serviceToken: string;

async function generate(name: string) {
  const res = await gql(
    app.url,
    `mutation($n: String!) { generateAppPassword(name: $n) { clientSecret bearerToken appPassword { id clientId } } }`,
    { n: name },
    serviceToken,
  );
  expect(res.errors).toBeUndefined();
  const g = res.data!.generateAppPassword;
  return { id: g.appPassword.id as string, clientId: g.appPassword.clientId as string, secret: g.clientSecret as string, bearer: g.bearerToken as string };
}

async function revoke(id: string) {
  const res = await gql(app.url, `mutation($id: ID!) { revokeAppPassword(id: $id) { active } }`, { id }, serviceToken);
  expect(res.data?.revokeAppPassword.active).toBe(false);
}

async function row(id: string) {
  const [r] = await app.orm.em
    .fork()
    .getConnection()
    .execute(
      `select last_used_at::text, last_failure_at::text, last_failure_reason, revoked_at::text,
              last_used_at > now() - interval '1 minute' as used_recently
         from app_password where id = ?`,
      [id],
    );
  // Timestamps as PostgreSQL text (microseconds), so "not rewritten" is an exact comparison.
  return r as { last_used_at: string | null; last_failure_at: string | null; last_failure_reason: string | null; revoked_at: string | null; used_recently: boolean | null };
}

beforeAll(async () => {
  // Instances behind one address share its URL, and so the issuer of their tokens.
  const env = { PUBLIC_BASE_URL: "https://rolebridge.example.test" };
  app = await startTestApp({ env });
  app2 = await startTestApp({ databaseUrl: app.databaseUrl, env });
  probe = await startProbe(app);
  probe2 = await startProbe(app2);
  co = await createTestCompany(app);
  service = await createUserWithRoles(app, co.company, "scim@idp.example", ["SCIM Provisioner"], { isServiceAccount: true });
  serviceToken = await tokenFor(app, service);
});
afterAll(async () => {
  await probe?.close();
  await probe2?.close();
  await app2?.close();
  await app?.close();
});

describe("SCIM credentials", () => {
  let cred: Awaited<ReturnType<typeof generate>>;

  beforeAll(async () => {
    cred = await generate("IdP");
  });

  it("accepts HTTP Basic with the Client ID and Client Secret as the service account", async () => {
    const res = await whoami(probe, basic(cred.clientId, cred.secret));
    expect(res.status).toBe(200);
    expect(res.body.principal).toEqual({
      companyId: co.company.id,
      userId: service.id,
      userName: "scim@idp.example",
      isServiceAccount: true,
      credential: { kind: "app-password", appPasswordId: cred.id },
      permissions: ["CanCreateAppPasswords", "CanProvisionUsersAsSCIM"],
    });
  });

  it("accepts the single-string bearer app-password token", async () => {
    const res = await whoami(probe, `Bearer ${cred.bearer}`);
    expect(res.status).toBe(200);
    expect(res.body.principal).toMatchObject({ userId: service.id, credential: { kind: "app-password", appPasswordId: cred.id } });
  });

  it("refuses a wrong secret with UNAUTHENTICATED and records the failure on the app password", async () => {
    expect((await row(cred.id)).last_failure_at).toBeNull();
    const res = await whoami(probe, basic(cred.clientId, `${cred.secret.slice(0, -1)}x`));
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
    expect(res.body.principal).toBeUndefined();
    const after = await row(cred.id);
    expect(after.last_failure_at).toEqual(expect.any(String));
    expect(after.last_failure_reason).toBe("wrong client secret");

    const bearer = await whoami(probe, `Bearer ${cred.clientId}.${"A".repeat(43)}`);
    expect(bearer.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses an unknown Client ID with the same UNAUTHENTICATED message as a wrong secret", async () => {
    const unknown = await whoami(probe, basic("rb_doesnotexist", cred.secret));
    const wrong = await whoami(probe, basic(cred.clientId, "nope"));
    expect(unknown.body.error.code).toBe("UNAUTHENTICATED");
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it("refuses malformed and unsupported credentials with UNAUTHENTICATED, and sets nothing without credentials", async () => {
    for (const header of [
      "Basic !!!",
      `Basic ${Buffer.from("no-colon").toString("base64")}`,
      `Basic ${Buffer.from(`${cred.clientId}:`).toString("base64")}`,
      "Bearer",
      "Bearer not-a-token",
      "Bearer a.b.c",
      "Digest username=x",
    ]) {
      const res = await whoami(probe, header);
      expect(res.body.error.code, header).toBe("UNAUTHENTICATED");
    }
    expect((await whoami(probe)).body.error.code).toBe("NO_CREDENTIALS");
  });

  it("accepts an OAuth 2.0 access token issued from the app password, but not a GraphQL session token", async () => {
    const { token } = await app.services.tokens.sign(
      { sub: service.id, company: co.company.id, typ: "access", app_password: cred.id, scope: "scim" },
      3600,
    );
    const ok = await whoami(probe, `Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(ok.body.principal).toMatchObject({ userId: service.id, credential: { kind: "oauth-token", appPasswordId: cred.id } });

    const session = await whoami(probe, `Bearer ${serviceToken}`);
    expect(session.body.error.code).toBe("UNAUTHENTICATED");
    expect(session.body.error.message).toMatch(/session token is not accepted/);

    const { token: orphan } = await app.services.tokens.sign({ sub: service.id, company: co.company.id, typ: "access" }, 3600);
    expect((await whoami(probe, `Bearer ${orphan}`)).body.error.code).toBe("UNAUTHENTICATED");

    const tampered = `${token.slice(0, -4)}AAAA`;
    expect((await whoami(probe, `Bearer ${tampered}`)).body.error.code).toBe("UNAUTHENTICATED");
  });

  it("records lastUsedAt once and does not rewrite it within 60 seconds", async () => {
    // Start from "never used".
    await app.orm.em.fork().getConnection().execute("update app_password set last_used_at = null where id = ?", [cred.id]);

    await whoami(probe, basic(cred.clientId, cred.secret));
    const first = (await row(cred.id)).last_used_at;
    expect(first).toEqual(expect.any(String));

    for (let i = 0; i < 3; i++) expect((await whoami(probe2, `Bearer ${cred.bearer}`)).status).toBe(200);
    expect((await row(cred.id)).last_used_at).toEqual(first);

    // A use more than a minute after the recorded one is recorded again.
    await app.orm.em
      .fork()
      .getConnection()
      .execute("update app_password set last_used_at = now() - interval '2 minutes' where id = ?", [cred.id]);
    expect((await row(cred.id)).used_recently).toBe(false);
    await whoami(probe, basic(cred.clientId, cred.secret));
    expect((await row(cred.id)).used_recently).toBe(true);
  });

  it("fails a revoked app password, and every token issued from it, on the very next request on every instance", async () => {
    const { token } = await app.services.tokens.sign(
      { sub: service.id, company: co.company.id, typ: "access", app_password: cred.id },
      3600,
    );
    for (const p of [probe, probe2]) {
      expect((await whoami(p, basic(cred.clientId, cred.secret))).status).toBe(200);
      expect((await whoami(p, `Bearer ${cred.bearer}`)).status).toBe(200);
      expect((await whoami(p, `Bearer ${token}`)).status).toBe(200);
    }

    // The GraphQL endpoint takes the same access tokens and must drop them the same way.
    expect((await gql(app2.url, `{ me { id } }`, {}, token)).data?.me.id).toBe(service.id);

    await revoke(cred.id);

    for (const p of [probe2, probe]) {
      const viaBasic = await whoami(p, basic(cred.clientId, cred.secret));
      expect(viaBasic.body.error.code).toBe("UNAUTHENTICATED");
      expect(viaBasic.body.error.message).toMatch(/revoked/);
      expect((await whoami(p, `Bearer ${cred.bearer}`)).body.error.code).toBe("UNAUTHENTICATED");
      const viaToken = await whoami(p, `Bearer ${token}`);
      expect(viaToken.body.error.code).toBe("UNAUTHENTICATED");
      expect(viaToken.body.error.message).toMatch(/revoked/);
    }
    expect((await row(cred.id)).last_failure_reason).toBe("the app password is revoked");
    const viaGraphQL = await gql(app2.url, `{ me { id } }`, {}, token);
    expect(viaGraphQL.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    // Only someone holding the secret learns that it was revoked.
    const wrong = await whoami(probe, basic(cred.clientId, "guess"));
    expect(wrong.body.error.message).not.toMatch(/revoked/);
  });

  it("refuses the app password of a deactivated service account and records why", async () => {
    const next = await generate("after revoke");
    expect((await whoami(probe, basic(next.clientId, next.secret))).status).toBe(200);
    await app.orm.em.fork().getConnection().execute("update user_account set active = false where id = ?", [service.id]);
    try {
      const res = await whoami(probe, basic(next.clientId, next.secret));
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
      expect((await row(next.id)).last_failure_reason).toBe("the service account is inactive or no longer exists");
    } finally {
      await app.orm.em.fork().getConnection().execute("update user_account set active = true where id = ?", [service.id]);
    }
  });
});
