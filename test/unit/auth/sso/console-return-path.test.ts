import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { consoleReturnPath } from "../../../../src/auth/sso/saml/saml-flow.js";

const cases = JSON.parse(readFileSync(new URL("./console-return-path.cases.json", import.meta.url), "utf8")) as Record<string, { input: unknown; expected: string | null }[]>;

for (const [group, list] of Object.entries(cases)) {
  describe(group, () => {
    for (const c of list) {
      it(`${JSON.stringify(c.input)} → ${JSON.stringify(c.expected)}`, () => {
        expect(consoleReturnPath(c.input)).toBe(c.expected);
      });
    }
  });
}
