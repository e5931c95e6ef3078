import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { groupsSentElsewhere, identityOfClaims } from "../../../src/auth/sso/oidc/oidc-identity.js";

/** OpenID Connect Core 1.0 §5.1 claims, as Okta and Entra ID send them, to the identity the sign-in service decides on. */
const cases = JSON.parse(readFileSync(new URL("./oidc-identity.cases.json", import.meta.url), "utf8")) as {
  name: string;
  groupsClaim: string | null;
  claims: Record<string, unknown>;
  expected: Record<string, unknown>;
}[];

describe("identity from ID token and UserInfo claims", () => {
  it.each(cases)("$name", ({ groupsClaim, claims, expected }) => {
    const identity = identityOfClaims(claims, groupsClaim);
    expect({ ...identity, received: undefined }).toEqual({ ...expected, received: undefined });
    expect(identity.received).toBe(claims);
  });
});

describe("groups sent elsewhere (OpenID Connect Core 1.0 §5.6.2)", () => {
  it("Entra's groups overage is recognised, so a sign-in does not read it as no groups", () => {
    const overage = { sub: "x", _claim_names: { groups: "src1" }, _claim_sources: { src1: { endpoint: "https://graph.microsoft.com/v1.0/users/x/getMemberObjects" } } };
    expect(groupsSentElsewhere(overage, "groups")).toBe(true);
    expect(groupsSentElsewhere({ sub: "x", groups: [] }, "groups")).toBe(false);
    expect(groupsSentElsewhere({ sub: "x" }, "groups")).toBe(false);
    expect(groupsSentElsewhere(overage, "roles")).toBe(false);
    expect(groupsSentElsewhere(overage, null)).toBe(false);
  });
});
