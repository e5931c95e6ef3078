import { afterAll, beforeAll, expect, it } from "vitest";
import { createScimTenant, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import { gql } from "../../setup/graphql-client.js";
import { type CountedApp, startCountedApp } from "../../support/counted-app.js";
import { createUserWithRoles, tokenFor } from "../../setup/fixtures.js";

/**
 * The health panel's question, "is provisioning working?", is answered by one aggregating
 * statement over the window's events, however many there are; only the two events it names
 * (last success, last failure) and the sample of nameless users are read after it.
 */
let counted: CountedApp;
let tenant: ScimTenant;
let adminToken: string;

beforeAll(async () => {
  counted = await startCountedApp();
  tenant = await createScimTenant(counted.app);
  const admin = await createUserWithRoles(counted.app, tenant.company, "admin@summary.example", ["Company Administrator"]);
  adminToken = await tokenFor(counted.app, admin);
});
afterAll(() => counted?.close());

const SUMMARY = `query($since: DateTimeISO) { provisioningSummary(since: $since) {
  totalRequests successCount failureCount countsByStatus { status count } revokedCredentialRequests wrongSecretRequests
  usersCreatedWithoutNameCount usersCreatedWithoutName { userName } lastSuccess { status } lastFailure { status detail } normalizations { normalization count }
} }`;

it("counts the window in one statement: statuses, wrong secrets, nameless users, last success and failure", async () => {
  const since = new Date(Date.now() - 60_000).toISOString();
  for (let i = 0; i < 5; i++) expect((await tenant.client.get("/Users?count=1")).status).toBe(200);
  const nameless = scimUser("nameless@example.com");
  delete nameless.name;
  expect((await tenant.client.post("/Users", nameless)).status).toBe(201);
  const wrong = tenant.client.withAuthorization(`Basic ${Buffer.from(`${tenant.clientId}:wrong`).toString("base64")}`);
  expect((await wrong.get("/Users")).status).toBe(401);
  expect((await tenant.client.get("/Users/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  await counted.app.services.provisioningEvents.flush();

  const { result, sql } = await counted.recorded(() => gql(counted.app.url, SUMMARY, { since }, adminToken));
  expect(result.errors).toBeUndefined();
  expect(result.data!.provisioningSummary).toMatchObject({
    totalRequests: 8,
    successCount: 6,
    failureCount: 2,
    countsByStatus: [
      { status: 200, count: 5 },
      { status: 201, count: 1 },
      { status: 401, count: 1 },
      { status: 404, count: 1 },
    ],
    revokedCredentialRequests: 0,
    wrongSecretRequests: 1,
    usersCreatedWithoutNameCount: 1,
    usersCreatedWithoutName: [{ userName: "nameless@example.com" }],
    lastSuccess: { status: 201 },
    lastFailure: { status: 404 },
  });

  const aggregating = sql.filter((s) => /\bprovisioning_event\b/.test(s) && /count\(/.test(s));
  expect(aggregating, sql.join("\n")).toHaveLength(1);
  // Beside it: authentication, the two events it named, the sample users (and their emails).
  expect(sql.length, sql.join("\n")).toBeLessThanOrEqual(5);
});
