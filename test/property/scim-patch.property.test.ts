import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScimTenant, patchOp, type ScimTenant, scimUser } from "../setup/scim-client.js";
import { startTestApp, type TestApp } from "../setup/server.js";
import { expectNoServerErrorAndScimErrorShape, grammarFilter } from "./scim-properties.js";

/**
 * Issue 7 §7, PATCH: arbitrary PatchOp documents (RFC 7644 §3.5.2), in the standard form, in the
 * IdP dialects (capitalised ops, bare arrays, string booleans) and as junk, never produce a 5xx on
 * a User or a Group, and every error is an RFC 7644 §3.12 body.
 */
let app: TestApp;
let t: ScimTenant;
let userId: string;
let otherUserId: string;
let groupId: string;

beforeAll(async () => {
  app = await startTestApp();
  t = await createScimTenant(app);
  userId = (await t.client.post("/Users", scimUser("patch.target@example.com"))).body.id;
  otherUserId = (await t.client.post("/Users", scimUser("patch.member@example.com"))).body.id;
  groupId = (await t.client.post("/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Patch target", members: [{ value: otherUserId }] })).body.id;
});
afterAll(async () => app?.close());

const OPS = ["add", "replace", "remove", "Add", "Replace", "Remove", "ADD", "copy", "move", "test", "", "frobnicate"];

const USER_PATHS = [
  "title",
  "active",
  "userName",
  "displayName",
  "name",
  "name.givenName",
  "name.__proto__",
  "emails",
  'emails[type eq "work"].value',
  'emails[type eq "work"]',
  "emails[primary eq true].value",
  "emails[value",
  'emails[type eq "work"].__proto__',
  "phoneNumbers[type eq \"mobile\"].value",
  "addresses[type eq \"work\"].streetAddress",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:",
  "urn:ietf:params:scim:schemas:core:2.0:User:",
  "urn:ietf:params:scim:schemas:core:2.0:User:title",
  "urn:ietf:params:scim:schemas:extension:custom:2.0:User:personId",
  "urn:x:y:z",
  "id",
  "meta",
  "meta.lastModified",
  "groups",
  "roles",
  "password",
  "__proto__",
  "constructor.prototype.polluted",
  "x.y.z",
  "",
  " ",
];

const GROUP_PATHS = ["members", 'members[value eq "00000000-0000-4000-8000-000000000000"]', "members[value", "members.value", "displayName", "externalId", "id", "meta", "schemas", "__proto__", "urn:x:y", ""];

/** Values of the shapes attributes take (strings, booleans as strings, objects, lists of members) and of none. */
function valueArbitrary(ids: () => string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom("True", "False", "true", "", null, 0, -1, 1e308, "x".repeat(5000), "\u0000", "2024-01-01T00:00:00Z"),
    fc.string({ unit: "binary", maxLength: 10 }),
    fc.dictionary(fc.constantFrom("title", "active", "displayName", "userName", "name", "emails", "members", "id", "meta", "groups", "__proto__", "constructor", "externalId", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    fc.array(
      fc.oneof(
        fc.record({ value: fc.oneof(fc.constant(null), fc.constantFrom(...ids()), fc.uuid(), fc.string({ maxLength: 8 })), display: fc.option(fc.string({ maxLength: 8 })), $ref: fc.constant(null) }, { requiredKeys: [] }),
        fc.record({ value: fc.string({ maxLength: 20 }), type: fc.constantFrom("work", "home", "x"), primary: fc.oneof(fc.boolean(), fc.constantFrom("True", "yes")) }, { requiredKeys: ["value"] }),
      ),
      { maxLength: 4 },
    ),
  );
}

const VALID_OPS = ["add", "replace", "remove", "Add", "Replace", "Remove"];

/** Mostly well-formed operations (so that many are applied), some with odd ops, paths and keys. */
function operation(paths: string[], ids: () => string[], plausible: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const odd = fc.record(
    {
      op: fc.oneof(fc.constantFrom(...OPS), fc.jsonValue({ maxDepth: 1 })),
      path: fc.oneof(fc.constantFrom(...paths), grammarFilter.map((f) => `emails[${f}].value`), fc.string({ maxLength: 20 }), fc.integer()),
      value: valueArbitrary(ids),
      // SailPoint puts members on the operation itself.
      members: fc.array(fc.record({ value: fc.constantFrom(...ids()) }), { maxLength: 2 }),
    },
    { requiredKeys: ["op"] },
  );
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: odd });
}

const userOperation = (ids: () => string[]) =>
  operation(
    USER_PATHS,
    ids,
    fc.oneof(
      fc.record({ op: fc.constantFrom(...VALID_OPS), path: fc.constantFrom("title", "displayName", "nickName", "name.givenName", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"), value: fc.oneof(fc.string({ maxLength: 12 }), fc.constant(null)) }),
      fc.record({ op: fc.constantFrom("replace", "Replace"), path: fc.constant("active"), value: fc.constantFrom(true, false, "True", "False") }),
      fc.record({ op: fc.constantFrom("add", "replace", "Replace"), path: fc.constantFrom('emails[type eq "work"].value', "emails"), value: fc.oneof(fc.emailAddress(), fc.array(fc.record({ value: fc.emailAddress(), type: fc.constantFrom("work", "home") }), { maxLength: 2 })) }),
      fc.record({ op: fc.constantFrom("replace", "Replace", "add"), value: fc.record({ title: fc.string({ maxLength: 8 }), active: fc.boolean(), nickName: fc.string({ maxLength: 8 }) }, { requiredKeys: [] }) }),
      fc.record({ op: fc.constantFrom("remove", "Remove"), path: fc.constantFrom("title", "nickName", 'emails[type eq "home"]', "name.givenName") }),
    ),
  );

const groupOperation = (ids: () => string[]) =>
  operation(
    GROUP_PATHS,
    ids,
    fc.oneof(
      fc.record({ op: fc.constantFrom("add", "Add", "remove", "Remove", "replace"), path: fc.constant("members"), value: fc.array(fc.record({ value: fc.constantFrom(...ids().slice(0, 2)) }), { minLength: 1, maxLength: 2 }) }),
      fc.record({ op: fc.constantFrom("remove", "Remove"), path: fc.constantFrom(...ids().slice(0, 2)).map((id) => `members[value eq "${id}"]`) }),
      fc.record({ op: fc.constantFrom("replace", "Replace"), path: fc.constantFrom("displayName", "externalId"), value: fc.string({ minLength: 1, maxLength: 12 }) }),
      fc.record({ op: fc.constantFrom("replace", "Replace"), value: fc.record({ displayName: fc.string({ minLength: 1, maxLength: 12 }), externalId: fc.string({ maxLength: 8 }) }, { requiredKeys: [] }) }),
    ),
  );

/** A PatchOp message, SailPoint's bare array of operations, or any JSON at all. */
function patchDocument(op: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  const operations = fc.array(op, { minLength: 0, maxLength: 3 });
  return fc.oneof(
    { weight: 6, arbitrary: operations.map((ops) => patchOp(...ops)) },
    { weight: 2, arbitrary: operations },
    { weight: 1, arbitrary: fc.record({ schemas: fc.jsonValue({ maxDepth: 1 }), Operations: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

describe("arbitrary PATCH documents", () => {
  it("on a User never give a 5xx, and every error is a SCIM error body", async () => {
    await fc.assert(
      fc.asyncProperty(patchDocument(userOperation(() => [userId, otherUserId])), async (doc) => {
        expectNoServerErrorAndScimErrorShape(await t.client.patch(`/Users/${userId}`, doc), doc);
      }),
      { numRuns: 150 },
    );
    // Nothing a PATCH carried reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it("on a Group never give a 5xx, and every error is a SCIM error body", async () => {
    await fc.assert(
      fc.asyncProperty(patchDocument(groupOperation(() => [userId, otherUserId, groupId])), async (doc) => {
        expectNoServerErrorAndScimErrorShape(await t.client.patch(`/Groups/${groupId}`, doc), doc);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
