import { describe, expect, it } from "vitest";
import { CUSTOM_USER_SCHEMA } from "../../../../src/scim/schemas/custom-user.schema.js";
import { ENTERPRISE_USER_SCHEMA } from "../../../../src/scim/schemas/enterprise-user.schema.js";
import { diffInput, toScimUser } from "../../../../src/scim/users/user.mapper.js";
import { expectThrownScimError } from "../expect-thrown-scim-error.js";
import { barbara } from "../user-fixture.js";

type Doc = Record<string, any>;

/** Barbara Jensen as GET /Users/{id} returns her: one SCIM role, a phone number and an enterprise attribute rolebridge does not model. */
const before: Doc = toScimUser(
  barbara({
    customerRoles: [{ sources: ["SCIM_ROLES_ATTRIBUTE"], customerRole: { id: "5c0b0a4e-1c4e-4d43-9f43-2f1e0c6b8a11", displayName: "Sales" } }] as never,
    extensionAttributes: { phoneNumbers: [{ value: "555-0100" }], [ENTERPRISE_USER_SCHEMA]: { tier: "gold" } },
  }),
  "https://rolebridge.example/scim/v2",
);

/** The updateUser input for `before` changed by `change` (as scim-patch would leave it). */
function diff(change: (after: Doc) => void) {
  const after = structuredClone(before);
  change(after);
  return diffInput(before, after);
}

describe("diffInput: only what changed is sent", () => {
  it("no change sends nothing, nor do empty documents", () => {
    expect(diff(() => {})).toEqual({});
    expect(diffInput({}, {})).toEqual({});
  });

  it("readOnly attributes a patch touched (id, meta, groups) are not input", () => {
    expect(
      diff((a) => {
        a.id = "other";
        a.meta.version = 'W/"9"';
        a.groups = [{ value: "g" }];
      }),
    ).toEqual({});
  });

  it("a changed, added or removed simple attribute is sent; removed is null, which clears it", () => {
    expect(diff((a) => void (a.title = "Head Guide"))).toEqual({ title: "Head Guide" });
    expect(diff((a) => void delete a.title)).toEqual({ title: null });
    expect(diff((a) => void (a.nickName = "Babs"))).toEqual({ nickName: "Babs" });
    expect(diff((a) => void (a.active = false))).toEqual({ active: false });
  });

  it("userName differing only in case is a change (the stored spelling is what the IdP sees)", () => {
    expect(diffInput({ userName: "bjensen@example.com" }, { userName: "BJensen@example.com" })).toEqual({ userName: "BJensen@example.com" });
  });

  it("name sends only the parts that changed; removing name clears the parts it had", () => {
    expect(diff((a) => void (a.name.givenName = "Babs"))).toEqual({ name: { givenName: "Babs" } });
    expect(diff((a) => void delete a.name)).toEqual({ name: { familyName: null, givenName: null } });
  });

  it("emails are replaced as a whole list, with unset fields explicit", () => {
    expect(diff((a) => a.emails.push({ value: "babs@home.example", type: "home" }))).toEqual({
      emails: [
        { value: "barbara@example.com", type: "work", primary: true, display: null },
        { value: "babs@home.example", type: "home", primary: false, display: null },
      ],
    });
  });

  it("a password appears only when the patch sets one", () => {
    expect(diff((a) => void (a.password = "S3cret!pass"))).toEqual({ password: "S3cret!pass" });
  });
});

describe("diffInput: roles are a set of names (RFC 7643 §4.1.2 roles.value)", () => {
  it("the same names in another case or order are no change", () => {
    expect(diff((a) => void (a.roles = [{ value: "SALES" }]))).toEqual({});
  });

  it("a different set is sent whole, as the IdP wrote it; removing roles sends an empty list", () => {
    expect(diff((a) => void (a.roles = [{ value: "Support" }, { value: "Sales" }]))).toEqual({ roles: ["Support", "Sales"] });
    expect(diff((a) => void delete a.roles)).toEqual({ roles: [] });
  });
});

describe("diffInput: extensions", () => {
  it("enterprise attributes send only what changed; the manager is its id", () => {
    expect(diff((a) => void (a[ENTERPRISE_USER_SCHEMA].department = "Museums"))).toEqual({ enterprise: { department: "Museums" } });
    expect(diff((a) => void (a[ENTERPRISE_USER_SCHEMA].manager = { value: "0b7c8f4e-7a43-4e2b-9d53-5d2b9c0a1e77" }))).toEqual({
      enterprise: { managerId: "0b7c8f4e-7a43-4e2b-9d53-5d2b9c0a1e77" },
    });
    expect(diff((a) => void delete a[ENTERPRISE_USER_SCHEMA].manager)).toEqual({ enterprise: { managerId: null } });
  });

  it("personId of the custom extension is its own input field", () => {
    expect(diff((a) => void (a[CUSTOM_USER_SCHEMA] = { personId: "P-1" }))).toEqual({ personId: "P-1" });
  });

  it("a change to an attribute rolebridge does not model sends all of them, as they are kept whole", () => {
    expect(diff((a) => void (a[ENTERPRISE_USER_SCHEMA].tier = "silver"))).toEqual({
      extensionAttributes: { phoneNumbers: [{ value: "555-0100" }], [ENTERPRISE_USER_SCHEMA]: { tier: "silver" } },
    });
    expect(diff((a) => void delete a.phoneNumbers)).toEqual({ extensionAttributes: { [ENTERPRISE_USER_SCHEMA]: { tier: "gold" } } });
  });
});

describe("diffInput: a patch that leaves a wrong type is refused as invalidValue (RFC 7644 §3.12)", () => {
  it.each([
    ["active as a string", (a: Doc) => void (a.active = "no")],
    ["title as a number", (a: Doc) => void (a.title = 5)],
    ["name as a string", (a: Doc) => void (a.name = "Barbara Jensen")],
    ["an email without a value", (a: Doc) => void a.emails.push({ type: "home" })],
    ["a role without a name", (a: Doc) => void (a.roles = [{ value: "" }])],
  ])("%s", (_name, change) => {
    expectThrownScimError(() => diff(change), "invalidValue");
  });
});
