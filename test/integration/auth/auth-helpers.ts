import { expect } from "vitest";
import type { User } from "../../../src/domain/users/user.entity.js";
import { createTestCompany, createUserWithRoles, tokenFor, type TestCompany } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import type { TestApp } from "../../setup/server.js";

/** An app password as generateAppPassword returns it once. */
export interface Credential {
  id: string;
  clientId: string;
  secret: string;
  bearer: string;
}

export interface ServiceAccountSetup {
  co: TestCompany;
  service: User;
  /** The service account's own signed-in session (the only session that may generate app passwords). */
  serviceToken: string;
}

/** A company with SCIM on and a service account holding "SCIM Provisioner". */
export async function setUpServiceAccount(app: TestApp, userName = "scim@idp.example"): Promise<ServiceAccountSetup> {
  const co = await createTestCompany(app);
  const service = await createUserWithRoles(app, co.company, userName, ["SCIM Provisioner"], { isServiceAccount: true });
  return { co, service, serviceToken: await tokenFor(app, service) };
}

export async function generateAppPassword(app: TestApp, serviceToken: string, name = "IdP"): Promise<Credential> {
  const res = await gql(
    app.url,
    `mutation($n: String!) { generateAppPassword(name: $n) { clientSecret bearerToken appPassword { id clientId } } }`,
    { n: name },
    serviceToken,
  );
  expect(res.errors).toBeUndefined();
  const g = res.data!.generateAppPassword;
  return { id: g.appPassword.id, clientId: g.appPassword.clientId, secret: g.clientSecret, bearer: g.bearerToken };
}

export async function revokeAppPassword(app: TestApp, serviceToken: string, id: string): Promise<void> {
  const res = await gql(app.url, `mutation($id: ID!) { revokeAppPassword(id: $id) { active } }`, { id }, serviceToken);
  expect(res.data?.revokeAppPassword.active).toBe(false);
}

export const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** POST /oauth2/token with a form body (or a raw body and content type). */
export async function tokenRequest(
  baseUrl: string,
  form: Record<string, string> | string,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const body = typeof form === "string" ? form : new URLSearchParams(form).toString();
  const res = await fetch(`${baseUrl}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** An access token from POST /oauth2/token with client_secret_basic. */
export async function accessToken(baseUrl: string, cred: Credential): Promise<string> {
  const res = await tokenRequest(baseUrl, { grant_type: "client_credentials" }, { authorization: basic(cred.clientId, cred.secret) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token as string;
}

/** GET /scim/v2/Users?count=1 with the given Authorization header: the IdP connection test. */
export async function scimProbe(baseUrl: string, authorization?: string): Promise<HttpResult> {
  const res = await fetch(`${baseUrl}/scim/v2/Users?startIndex=1&count=1`, {
    headers: { accept: "application/scim+json", ...(authorization ? { authorization } : {}) },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** `{ me { id } }` with a bearer token: the id, or the error code. */
export async function meWith(baseUrl: string, token: string): Promise<{ id?: string; code?: string; message?: string }> {
  const res = await gql(baseUrl, `{ me { id } }`, {}, token);
  return { id: res.data?.me?.id, code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message };
}

/**
 * How many times an instance has compared a presented secret with a stored one
 * (`rolebridge_credential_checks_total` on /metrics, summed over outcomes).
 */
export async function credentialChecks(baseUrl: string, credential: "app_password" | "password"): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    const m = /^rolebridge_credential_checks_total\{([^}]*)\} (\S+)$/.exec(line);
    if (m && m[1]!.includes(`credential="${credential}"`)) total += Number(m[2]);
  }
  return total;
}
