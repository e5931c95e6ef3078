import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { BrowserClient } from "../../support/browser-client.js";
import { gql } from "../../setup/graphql-client.js";
import type { TestApp } from "../../setup/server.js";

/** A key for SSO_SECRET_KEY, as `openssl rand -base64 32` makes one. */
export const SSO_KEY = randomBytes(32).toString("base64");

export const CONNECTION_FIELDS = `id protocol name status testedAt version issuer clientId clientSecretSet scopes groupsClaim signInUrl testSignInUrl callbackUrl domains lastTestResult`;

export async function createOidcConnection(
  app: TestApp,
  adminToken: string,
  idp: { issuer: string; clientId: string; clientSecret: string },
  extra: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await gql(
    app.url,
    `mutation($input: CreateOidcConnectionInput!) { createOidcConnection(input: $input) { ${CONNECTION_FIELDS} } }`,
    { input: { name: "Test IdP", issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: ["email", "profile", "groups"], ...extra } },
    adminToken,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createOidcConnection;
}

/** Runs a test sign-in as the admin whose session token is given, signed in at the IdP as `sub`; returns the page. */
export async function runTestSignIn(app: TestApp, adminToken: string, testSignInUrl: string): Promise<{ status: number; html: string }> {
  const browser = new BrowserClient();
  browser.setCookie(app.url, "rolebridge_session", adminToken);
  const res = await browser.navigate(testSignInUrl);
  return { status: res.status, html: await res.text() };
}

/** `me` over /graphql with the console's session cookie, as the console asks it. */
export async function meWithCookie(app: TestApp, session: string | undefined): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-rolebridge-csrf": "1", ...(session ? { cookie: `rolebridge_session=${session}` } : {}) },
    body: JSON.stringify({ query: "{ me { userName } }" }),
  });
  return { status: res.status, body: await res.json() };
}

export interface AuditRow {
  action: string;
  actor_user_name: string | null;
  target_type: string;
  target_id: string | null;
  after: any;
}

/** The company's audit events with `action`, oldest first. */
export async function auditOf(app: TestApp, companyId: string, action: string): Promise<AuditRow[]> {
  return app.orm.em
    .getConnection()
    .execute<AuditRow[]>(`select action, actor_user_name, target_type, target_id, after from audit_event where company_id = ? and action = ? order by created_at, id`, [
      companyId,
      action,
    ]);
}
