import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createScimTenant, patchOp, ScimClient, scimUser, type ScimTenant } from "../../setup/scim-client.js";
import { startTestApp, type TestApp } from "../../setup/server.js";

/**
 * SailPoint reads deltas with `meta.lastModified gt "<the last value it saw>"`, so a user's
 * lastModified must never go backwards, whichever instance makes the change and whatever that
 * instance's clock says: change times come from the database's clock.
 */
let one: TestApp;
let two: TestApp;
let viaOne: ScimTenant;
let viaTwo: ScimTenant;

beforeAll(async () => {
  one = await startTestApp();
  two = await startTestApp({ databaseUrl: one.databaseUrl });
  viaOne = await createScimTenant(one);
  viaTwo = { ...viaOne, client: new ScimClient(`${two.url}/scim/v2`, viaOne.client.authorization) };
});
afterAll(async () => {
  await two?.close();
  await one?.close();
});
afterEach(() => vi.useRealTimers());

const lastModified = (res: { body: any }) => new Date(res.body.meta.lastModified).getTime();

describe("meta.lastModified across instances", () => {
  it("increases with every change made through either instance, even when an instance's clock is an hour behind", async () => {
    const created = await viaOne.client.post("/Users", scimUser("clock@example.com"));
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const first = await viaOne.client.patch(`/Users/${id}`, patchOp({ op: "replace", path: "title", value: "One" }));
    expect(first.status).toBe(200);
    expect(lastModified(first)).toBeGreaterThanOrEqual(lastModified(created));

    // The app's clock (Date) an hour behind, as on an instance whose clock drifted: the change
    // still lands after the previous one, since its time is the database's.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 3_600_000 });
    const second = await viaTwo.client.patch(`/Users/${id}`, patchOp({ op: "replace", path: "title", value: "Two" }));
    expect(second.status).toBe(200);
    expect(lastModified(second)).toBeGreaterThan(lastModified(first));
    vi.useRealTimers();

    const third = await viaOne.client.put(`/Users/${id}`, { ...scimUser("clock@example.com"), title: "Three" });
    expect(third.status).toBe(200);
    expect(lastModified(third)).toBeGreaterThan(lastModified(second));

    // The delta read SailPoint makes with the value it saw finds exactly the later changes.
    const since = (iso: string) => viaTwo.client.get(`/Users?filter=${encodeURIComponent(`meta.lastModified gt "${iso}" and userName eq "clock@example.com"`)}`);
    expect((await since(first.body.meta.lastModified)).body.totalResults).toBe(1);
    expect((await since(third.body.meta.lastModified)).body.totalResults).toBe(0);
  });
});
