import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Build, buildApp, type Spawned } from "../../setup/build.js";
import { cloneTemplateDatabase } from "../../setup/db.js";
import { baseUrlOf, delay, demoCredentials, startBuiltServer } from "./helpers.js";

/**
 * Issue 7 §2: a 201 is sent only after the commit that holds the user, its emails and its
 * ProvisioningEvent (DESIGN rule 6). The built server runs a create load from 8 clients, is
 * killed with SIGKILL in the middle of it, and is started again on the same database: every
 * acknowledged user is there complete, and nothing half-written is visible.
 */
const CLIENTS = 8;
const LOAD_MS = 3_000;
const KILL_AFTER_MS = 1_500;

let build: Build;
let databaseUrl: string;
let db: pg.Client;
const started: Spawned[] = [];

interface Sent {
  userName: string;
  emails: { value: string; type: string; primary: boolean }[];
}
interface Acknowledged extends Sent {
  id: string;
  requestId: string;
}

beforeAll(async () => {
  [build, databaseUrl] = await Promise.all([buildApp(), cloneTemplateDatabase()]);
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  for (const server of started) server.kill();
  await db?.end();
  await build?.remove();
});

function start(): Spawned {
  const server = startBuiltServer(build, databaseUrl);
  started.push(server);
  return server;
}

describe("crash safety", () => {
  it("after SIGKILL mid-load and a restart, every acknowledged create is there with its emails and its event; nothing is half-written", async () => {
    const first = start();
    const demo = await demoCredentials(first);
    const sent: Sent[] = [];
    const acknowledged: Acknowledged[] = [];
    let refused = 0;

    const deadline = Date.now() + LOAD_MS;
    const client = async (c: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        // Every third user has no emails and some have two, so "complete" means exactly what was sent.
        const emails =
          i % 3 === 0
            ? []
            : [
                { value: `crash.${c}.${i}@work.example`, type: "work", primary: true },
                ...(i % 3 === 2 ? [{ value: `crash.${c}.${i}@home.example`, type: "home", primary: false }] : []),
              ];
        const body: Sent = { userName: `crash.${c}.${i}@example.com`, emails };
        sent.push(body);
        try {
          const res = await fetch(`${demo.base}/scim/v2/Users`, {
            method: "POST",
            headers: { authorization: demo.basic, "content-type": "application/scim+json" },
            body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: body.userName, emails, active: true }),
            signal: AbortSignal.timeout(10_000),
          });
          const json = (await res.json()) as { id?: string };
          if (res.status === 201) acknowledged.push({ ...body, id: json.id!, requestId: res.headers.get("x-request-id")! });
          else expect(res.status, JSON.stringify(json)).toBe(201);
        } catch (err) {
          // The process was killed: the connection was refused or reset, and nothing was acknowledged.
          if ((err as Error).name === "AssertionError") throw err;
          refused++;
          await delay(50);
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    await delay(KILL_AFTER_MS);
    first.child.kill("SIGKILL");
    expect(await first.exited(10_000)).toBe("SIGKILL");
    await load;
    // The kill landed mid-load: some creates were acknowledged before it and some requests failed with it.
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);

    const second = start();
    const base = await baseUrlOf(second);
    // The restart printed no second demo secret: it is the same database.
    expect(second.stdout()).not.toContain("Client Secret:");

    for (const ack of acknowledged) {
      const res = await fetch(`${base}/scim/v2/Users/${ack.id}`, { headers: { authorization: demo.basic }, signal: AbortSignal.timeout(10_000) });
      expect(res.status, ack.userName).toBe(200);
      const user = (await res.json()) as { userName: string; emails?: { value: string; type?: string; primary?: boolean }[] };
      expect(user.userName).toBe(ack.userName);
      expect((user.emails ?? []).map((e) => ({ value: e.value, type: e.type, primary: e.primary ?? false }))).toEqual(ack.emails);
    }
    const events = await db.query<{ id: string; status: number; resource_id: string; method: string }>(
      "select id::text as id, status, resource_id::text as resource_id, method from provisioning_event where id = any($1::uuid[])",
      [acknowledged.map((a) => a.requestId)],
    );
    const byRequest = new Map(events.rows.map((e) => [e.id, e]));
    for (const ack of acknowledged) expect(byRequest.get(ack.requestId), ack.userName).toMatchObject({ status: 201, resource_id: ack.id, method: "POST" });

    // Nothing half-written: every user row of the load holds exactly the emails its request sent,
    // and has its 201 event; every 201 event of the load names a user that exists.
    const emailsSent = new Map(sent.map((s) => [s.userName, s.emails.map((e) => e.value).sort()]));
    const rows = await db.query<{ id: string; user_name: string; emails: string[] | null; events: number }>(
      `select u.id, u.user_name,
              (select array_agg(e.value order by e.value) from user_email e where e.user_id = u.id) as emails,
              (select count(*)::int from provisioning_event p where p.resource_id = u.id::text and p.status = 201) as events
         from user_account u where u.user_name like 'crash.%'`,
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(acknowledged.length);
    for (const row of rows.rows) {
      expect(row.emails ?? [], row.user_name).toEqual(emailsSent.get(row.user_name));
      expect(row.events, row.user_name).toBe(1);
    }
    const orphans = await db.query(
      `select p.id from provisioning_event p
        where p.status = 201 and p.resource_type = 'User' and p.method = 'POST'
          and not exists (select 1 from user_account u where u.id::text = p.resource_id)`,
    );
    expect(orphans.rows).toEqual([]);

    second.child.kill("SIGTERM");
    expect(await second.exited(30_000)).toBe(0);
  }, 180_000);
});
