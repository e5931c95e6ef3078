import { describe, expect, it } from "vitest";
import { selectAttributes } from "../../../../src/scim/attributes/select.js";
import { toScimUser } from "../../../../src/scim/users/user.mapper.js";
import { userResourceType } from "../../../../src/scim/users/user.resource-type.js";
import { barbara } from "../user-fixture.js";
import cases from "./select.cases.json" with { type: "json" };

type Case = { name: string; attributes?: string[]; excludedAttributes?: string[]; expectedKeys?: string[]; expected?: Record<string, unknown>; absent?: string[]; present?: string[] };

describe.each(Object.entries(cases as Record<string, Case[]>))("attribute selection: %s", (_group, list) => {
  it.each(list.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const user = toScimUser(barbara(), "https://rb.example/scim/v2");
    const out = selectAttributes(user, userResourceType, c);
    if (c.expectedKeys) expect(Object.keys(out).sort()).toEqual([...c.expectedKeys].sort());
    if (c.expected) expect(out).toMatchObject(c.expected);
    for (const key of c.absent ?? []) expect(out).not.toHaveProperty([key]);
    for (const key of c.present ?? []) expect(out).toHaveProperty([key]);
  });
});
