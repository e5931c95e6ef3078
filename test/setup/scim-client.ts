import { systemScope } from "../../src/domain/scope.js";
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { Company } from "../../src/domain/companies/company.entity.js";
import { createTestCompany, createUserWithRoles } from "./fixtures.js";
import type { TestApp } from "./server.js";

export const SCIM_MEDIA_TYPE = "application/scim+json";
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const CUSTOM_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export interface ScimResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  contentType: string | null;
}

/** A SCIM client as an IdP is one: a base URL and an Authorization header, over real HTTP. */
export class ScimClient {
  constructor(
    readonly baseUrl: string,
    readonly authorization: string | undefined,
  ) {}

  withAuthorization(authorization: string | undefined): ScimClient {
    return new ScimClient(this.baseUrl, authorization);
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: { headers?: Record<string, string>; contentType?: string; rawBody?: string } = {},
  ): Promise<ScimResponse<T>> {
    const headers: Record<string, string> = { accept: SCIM_MEDIA_TYPE, ...options.headers };
    if (this.authorization) headers.authorization = this.authorization;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers["content-type"] = options.contentType ?? SCIM_MEDIA_TYPE;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed as T, contentType: res.headers.get("content-type") };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("GET", path, undefined, { headers });
  }
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", path, body, { headers });
  }
  put<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>("PUT", path, body, { headers });
  }
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>("PATCH", path, body, { headers });
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("DELETE", path, undefined, { headers });
  }
}

export interface ScimTenant {
  company: Company;
  /** Authenticated with HTTP Basic (Client ID : Client Secret). */
  client: ScimClient;
  clientId: string;
  clientSecret: string;
  /** `<clientId>.<secret>` for `Authorization: Bearer`. */
  bearerToken: string;
  appPasswordId: string;
  serviceAccountId: string;
}

/**
 * A company with the SCIM feature on, a service account holding "SCIM Provisioner" and an
 * active app password, as an admin sets up an IdP connection (seeds 000/001).
 */
export async function createScimTenant(app: TestApp, opts: { scimEnabled?: boolean; roles?: string[] } = {}): Promise<ScimTenant> {
  const { company } = await createTestCompany(app, { scimEnabled: opts.scimEnabled ?? true });
  const account = await createUserWithRoles(app, company, `scim-${randomBytes(3).toString("hex")}@svc.example`, opts.roles ?? ["SCIM Provisioner"], {
    isServiceAccount: true,
  });
  // As an operator's `generate-app-password` does: the system principal names the account.
  const generated = await app.services.appPasswords.generate(systemScope(app.orm.em.fork(), "cli", company.id), "IdP", account.userName);
  const clientId = generated.appPassword.clientId;
  const basic = `Basic ${Buffer.from(`${clientId}:${generated.clientSecret}`).toString("base64")}`;
  return {
    company,
    client: new ScimClient(`${app.url}/scim/v2`, basic),
    clientId,
    clientSecret: generated.clientSecret,
    bearerToken: generated.bearerToken,
    appPasswordId: generated.appPassword.id,
    serviceAccountId: account.id,
  };
}

/** Asserts an RFC 7644 §3.12 error: status, scimType, a detail, the SCIM media type and the request id. */
export function expectScimError(res: ScimResponse, status: number, scimType?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.contentType).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toContain(ERROR_SCHEMA);
  expect(res.body.status).toBe(String(status));
  if (scimType) expect(res.body.scimType).toBe(scimType);
  else expect(res.body.scimType).toBeUndefined();
  expect(typeof res.body.detail).toBe("string");
  expect(res.body.detail.length).toBeGreaterThan(0);
  const requestId = res.headers.get("x-request-id");
  expect(requestId).toBeTruthy();
  expect(res.body["urn:rolebridge:scim:api:messages:2.0:Error"]).toEqual({ requestId });
}

/** A minimal valid SCIM User body. */
export function scimUser(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: "Test", familyName: "User" },
    emails: [{ value: userName.includes("@") ? userName : `${userName}@example.com`, type: "work", primary: true }],
    active: true,
    ...extra,
  };
}

export function patchOp(...operations: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}
