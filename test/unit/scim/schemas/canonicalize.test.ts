import { describe, expect, it } from "vitest";
import { groupResourceType } from "../../../../src/scim/groups/group.resource-type.js";
import { canonicalizeResource, canonicalPath, coerceBoolean, definitionAt } from "../../../../src/scim/schemas/canonicalize.js";
import { CUSTOM_USER_SCHEMA } from "../../../../src/scim/schemas/custom-user.schema.js";
import { ENTERPRISE_USER_SCHEMA } from "../../../../src/scim/schemas/enterprise-user.schema.js";
import { USER_SCHEMA } from "../../../../src/scim/schemas/user.schema.js";
import { userResourceType } from "../../../../src/scim/users/user.resource-type.js";

function pathOf(rawKey: string, knownUnknownKeys?: string[]): { path: string[]; notes: string[] } {
  const notes = new Set<string>();
  return { path: canonicalPath(userResourceType, rawKey, { notes, knownUnknownKeys }), notes: [...notes] };
}

describe("canonicalPath: attribute names ignore case (RFC 7643 §2.1)", () => {
  it.each([
    ["USERNAME", ["userName"]],
    ["id", ["id"]],
    ["ID", ["id"]],
    ["name.GIVENNAME", ["name", "givenName"]],
    ["emails.Value", ["emails", "value"]],
    ["Meta.lastModified", ["meta", "lastModified"]],
  ])("%s → %j", (raw, path) => {
    expect(pathOf(raw)).toEqual({ path, notes: [] });
  });

  it("a URN-prefixed core attribute loses its prefix (RFC 7644 §3.10), in any case", () => {
    expect(pathOf(`${USER_SCHEMA}:name.familyname`).path).toEqual(["name", "familyName"]);
    expect(pathOf(`${USER_SCHEMA}:USERNAME`.toUpperCase()).path).toEqual(["userName"]);
  });

  it("the core schema's URN alone is the resource itself: an empty path", () => {
    expect(pathOf(USER_SCHEMA.toUpperCase()).path).toEqual([]);
  });

  it("an extension URN is spelled as the schema declares it, with its attributes below it", () => {
    expect(pathOf(ENTERPRISE_USER_SCHEMA.toLowerCase()).path).toEqual([ENTERPRISE_USER_SCHEMA]);
    expect(pathOf(`${ENTERPRISE_USER_SCHEMA.toUpperCase()}:Manager.Value`).path).toEqual([ENTERPRISE_USER_SCHEMA, "manager", "value"]);
  });

  it("an extension attribute sent without its URN (SailPoint's bare department) is placed in its extension, and noted", () => {
    expect(pathOf("Department")).toEqual({ path: [ENTERPRISE_USER_SCHEMA, "department"], notes: ["unqualified-extension-attribute"] });
    expect(pathOf("PERSONID")).toEqual({ path: [CUSTOM_USER_SCHEMA, "personId"], notes: ["unqualified-extension-attribute"] });
  });

  it("an unknown URN and an undescribed attribute are kept exactly as sent", () => {
    expect(pathOf("urn:example:Foo:bar").path).toEqual(["urn:example:Foo:bar"]);
    expect(pathOf("phoneNumbers").path).toEqual(["phoneNumbers"]);
  });

  it("an undescribed attribute takes the spelling it already has on the resource, so PHONENUMBERS does not add a second key", () => {
    expect(pathOf("PHONENUMBERS", ["phoneNumbers"]).path).toEqual(["phoneNumbers"]);
    expect(pathOf("PHONENUMBERS").path).toEqual(["PHONENUMBERS"]);
  });
});

describe("canonicalizeResource", () => {
  it("rewrites an Entra-style body: names in any case, string booleans, the manager as a bare id", () => {
    const notes = new Set<string>();
    const body = {
      SCHEMAS: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      UserName: "bjensen@example.com",
      NAME: { GivenName: "Barbara", FAMILYNAME: "Jensen" },
      Active: "False",
      Emails: [{ VALUE: "bjensen@example.com", Primary: "TRUE", Type: "work" }],
      [ENTERPRISE_USER_SCHEMA.toUpperCase()]: { Department: "Tours", Manager: "26118915-6090-4610-87e4-49d8ca9f808d" },
    };
    expect(canonicalizeResource(userResourceType, body, { notes })).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: "bjensen@example.com",
      name: { givenName: "Barbara", familyName: "Jensen" },
      active: false,
      emails: [{ value: "bjensen@example.com", primary: true, type: "work" }],
      [ENTERPRISE_USER_SCHEMA]: { department: "Tours", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } },
    });
    expect([...notes].sort()).toEqual(["entra-manager-string", "entra-string-boolean"]);
  });

  it("merges attributes sent under the core URN, dotted keys and bare extension attributes into one resource", () => {
    const body = {
      [USER_SCHEMA]: { Title: "Tour Guide" },
      "name.givenName": "Barbara",
      name: { familyName: "Jensen" },
      costcenter: "4130",
      [ENTERPRISE_USER_SCHEMA]: { manager: { value: "m-1" }, "manager.displayName": "John Smith" },
    };
    expect(canonicalizeResource(userResourceType, body)).toEqual({
      title: "Tour Guide",
      name: { givenName: "Barbara", familyName: "Jensen" },
      [ENTERPRISE_USER_SCHEMA]: { costCenter: "4130", manager: { value: "m-1", displayName: "John Smith" } },
    });
  });

  it("merges a dotted sub-attribute inside an extension object whichever of the two keys comes first", () => {
    const dottedFirst = { [ENTERPRISE_USER_SCHEMA]: { "manager.displayName": "John Smith", manager: { value: "m-1" } } };
    expect(canonicalizeResource(userResourceType, dottedFirst)).toEqual({
      [ENTERPRISE_USER_SCHEMA]: { manager: { value: "m-1", displayName: "John Smith" } },
    });
  });

  it("keeps undescribed attributes, unknown extensions and their contents exactly as sent", () => {
    const body = { "urn:example:Other": { Foo: 1 }, phoneNumbers: [{ Value: "555" }], name: { nick: "B" } };
    expect(canonicalizeResource(userResourceType, body)).toEqual(body);
  });

  it("turns roles sent as bare names into role objects (RFC 7643 §4.1.2 roles.value)", () => {
    const notes = new Set<string>();
    expect(canonicalizeResource(userResourceType, { Roles: ["Sales", { VALUE: "Support" }] }, { notes })).toEqual({ roles: [{ value: "Sales" }, { value: "Support" }] });
    expect([...notes]).toEqual(["bare-string-value"]);
  });

  it("leaves values of the wrong shape for the mapper to refuse, rather than guessing", () => {
    const body = { active: "yes", emails: "bjensen@example.com", name: "Barbara Jensen" };
    expect(canonicalizeResource(userResourceType, body)).toEqual(body);
  });

  it("drops keys that would reach Object.prototype", () => {
    const body = JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": 1, "prototype": 2, "userName": "a", "name": {"__proto__": {"x": 1}}}');
    const out = canonicalizeResource(userResourceType, body);
    expect(out).toEqual({ userName: "a", name: {} });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("an empty body stays empty", () => {
    expect(canonicalizeResource(userResourceType, {})).toEqual({});
  });

  it("canonicalises a Group's members by the Group schema", () => {
    expect(canonicalizeResource(groupResourceType, { DisplayName: "Tour Guides", MEMBERS: [{ Value: "2819c223", $REF: "x" }] })).toEqual({
      displayName: "Tour Guides",
      members: [{ value: "2819c223", $ref: "x" }],
    });
  });
});

describe("coerceBoolean and definitionAt", () => {
  it("only true/false strings, in any case and with spaces around, become booleans (Entra)", () => {
    expect([coerceBoolean(" TRUE "), coerceBoolean("false"), coerceBoolean("no"), coerceBoolean(1), coerceBoolean(null)]).toEqual([true, false, "no", 1, null]);
  });

  it("definitionAt finds a sub-attribute of an extension, and nothing for an undescribed path", () => {
    expect(definitionAt(userResourceType, [ENTERPRISE_USER_SCHEMA, "manager", "value"])?.name).toBe("value");
    expect(definitionAt(userResourceType, ["name", "givenName"])?.type).toBe("string");
    expect(definitionAt(userResourceType, ["phoneNumbers"])).toBeUndefined();
    expect(definitionAt(userResourceType, [])).toBeUndefined();
  });
});
