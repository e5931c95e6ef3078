import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import { BATCH_MARKER } from "../../../src/domain/provisioning/provisioning-event.batch.js";
import { startTestApp } from "../../setup/server.js";
import { type CountedApp, startCountedApp } from "../../support/counted-app.js";

/**
 * Reads and refused requests leave their ProvisioningEvent to a batch written off the request
 * path: many events in one statement, within a second, and whatever is queued on shutdown. A
 * change's event is never batched: it commits in the change's own transaction.
 */
let counted: CountedApp;
let tenant: ScimTenant;

beforeAll(async () => {
  counted = await startCountedApp();
  tenant = await createScimTenant(counted.app);
});
afterAll(() => counted?.close());

async function eventsWithIds(databaseUrl: string, ids: string[]): Promise<{ id: string; status: number }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; status: number }>("select id::text, status from provisioning_event where id = any($1::uuid[]) order by status", [ids]);
    return rows;
  } finally {
    await client.end();
  }
}

describe("the batch of read and refusal events", () => {
  it("writes the events of several reads and a refusal in one statement, within a second, with no request waiting for it", async () => {
    await counted.app.services.provisioningEvents.flush();
    counted.counter.reset();
    const stranger = tenant.client.withAuthorization(`Basic ${Buffer.from(`${tenant.clientId}:wrong`).toString("base64")}`);
    const responses = [
      ...(await Promise.all(Array.from({ length: 5 }, () => tenant.client.get("/Users?count=1")))),
      await stranger.get("/Users"),
    ];
    const ids = responses.map((r) => r.headers.get("x-request-id")!);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 401]);

    const deadline = Date.now() + 3_000;
    let rows: { id: string; status: number }[] = [];
    while (Date.now() < deadline && rows.length < ids.length) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await eventsWithIds(counted.app.databaseUrl, ids);
    }
    expect(rows.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 401]);
    const inserts = counted.counter.statements().filter((s) => /\binsert into provisioning_event\b/i.test(s.sql));
    expect(inserts).toHaveLength(1);
    expect(inserts[0]!.sql.startsWith(BATCH_MARKER)).toBe(true);
  });

  it("keeps a change's event out of the batch: it is in the database when the response arrives", async () => {
    await counted.app.services.provisioningEvents.flush();
    const created = await tenant.client.post("/Users", scimUser("batch.change@example.com"));
    expect(created.status).toBe(201);
    const rows = await eventsWithIds(counted.app.databaseUrl, [created.headers.get("x-request-id")!]);
    expect(rows).toEqual([{ id: created.headers.get("x-request-id"), status: 201 }]);
  });
});

describe("on shutdown", () => {
  it("writes the events still queued before the process lets go of the database", async () => {
    const app = await startTestApp();
    const t = await createScimTenant(app);
    const reads = await Promise.all(Array.from({ length: 3 }, () => t.client.get("/Users?count=1")));
    const ids = reads.map((r) => r.headers.get("x-request-id")!);
    // Let the responses' 'finish' handlers queue the events, then stop at once: no timer has fired yet.
    await new Promise((r) => setImmediate(r));
    await app.close();
    expect((await eventsWithIds(app.databaseUrl, ids)).map((r) => r.status)).toEqual([200, 200, 200]);
  });
});
