import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, ERROR_SCHEMA, ScimClient, type ScimTenant } from "../setup/scim-client.js";
import { startTestApp, type TestApp } from "../setup/server.js";

/**
 * Replays an IdP's recorded request sequence (interop.md) against the real app, in order,
 * checking status, headers and body at each step (STYLE §6.4). Values captured from a response
 * (`save`) are substituted into later steps as {{name}}; {{base}} is the SCIM base URL.
 */
export interface InteropStep {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  expect: {
    status: number;
    /** Matched as a subset (toMatchObject) after substitution. */
    body?: unknown;
    headers?: Record<string, string>;
    /** Resources a ListResponse must include (among others: the company's admin and service account are users too). */
    resourcesContain?: Record<string, unknown>[];
    /** Top-level attributes that must not be in the body (password). */
    absent?: string[];
    scimType?: string;
  };
  /** name → dotted path into the response body (or "header:<name>"). */
  save?: Record<string, string>;
}

export interface InteropFixture {
  idp: string;
  /** What the sequence provisions, for the test title ("users" when left out). */
  subject?: string;
  /** How this IdP authenticates (interop.md). */
  auth: "basic" | "bearer-app-password" | "bearer-oauth";
  steps: InteropStep[];
}

export function replay(fixtureUrl: URL): void {
  const fixture = JSON.parse(readFileSync(fixtureUrl, "utf8")) as InteropFixture;
  describe(`${fixture.idp} provisioning ${fixture.subject ?? "users"}, request by request`, () => {
    let app: TestApp;
    let tenant: ScimTenant;
    let client: ScimClient;
    const vars: Record<string, string> = {};

    beforeAll(async () => {
      app = await startTestApp();
      tenant = await createScimTenant(app);
      vars.base = `${app.url}/scim/v2`;
      client = tenant.client;
      if (fixture.auth === "bearer-app-password") client = tenant.client.withAuthorization(`Bearer ${tenant.bearerToken}`);
      if (fixture.auth === "bearer-oauth") {
        // What POST /oauth2/token issues for the client credentials grant: an access token naming
        // the app password it came from (so revoking the password revokes the token).
        const { token } = await app.services.tokens.sign(
          { sub: tenant.serviceAccountId, company: tenant.company.id, typ: "access", app_password: tenant.appPasswordId } as never,
          3600,
        );
        client = tenant.client.withAuthorization(`Bearer ${token}`);
      }
    });
    afterAll(async () => app?.close());

    for (const step of fixture.steps) {
      it(step.name, async () => {
        const res = await client.request(step.method, substitute(step.path, vars) as string, substitute(step.body, vars), {
          contentType: step.contentType,
          headers: substitute(step.headers, vars) as Record<string, string> | undefined,
        });
        expect(res.status, `${step.method} ${step.path}: ${JSON.stringify(res.body)}`).toBe(step.expect.status);
        for (const [name, from] of Object.entries(step.save ?? {})) {
          vars[name] = from.startsWith("header:") ? String(res.headers.get(from.slice(7))) : String(at(res.body, from.replace(/^body\./, "")));
        }
        if (res.status !== 204) expect(res.contentType).toMatch(/^application\/scim\+json/);
        if (step.expect.body !== undefined) expect(res.body, JSON.stringify(res.body)).toMatchObject(substitute(step.expect.body, vars) as object);
        for (const [name, value] of Object.entries((substitute(step.expect.headers, vars) as Record<string, string>) ?? {})) {
          expect(res.headers.get(name)).toBe(value);
        }
        for (const resource of (substitute(step.expect.resourcesContain, vars) as Record<string, unknown>[]) ?? []) {
          expect(res.body.Resources).toEqual(expect.arrayContaining([expect.objectContaining(resource)]));
        }
        for (const key of step.expect.absent ?? []) expect(res.body).not.toHaveProperty([key]);
        if (step.expect.status >= 400) {
          expect(res.body.schemas).toContain(ERROR_SCHEMA);
          expect(res.body.detail).toBeTruthy();
          if (step.expect.scimType) expect(res.body.scimType).toBe(step.expect.scimType);
        }
      });
    }
  });
}

function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], value);
}

function substitute(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string") return value.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? `{{${name}}}`);
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, vars), substitute(v, vars)]));
  return value;
}
