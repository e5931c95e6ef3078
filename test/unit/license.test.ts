import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url);

describe("the licence", () => {
  it("LICENSE is the full text of the licence package.json names", () => {
    const { license } = JSON.parse(readFileSync(new URL("package.json", ROOT), "utf8")) as { license: string };
    expect(license).toBe("Apache-2.0");
    const text = readFileSync(new URL("LICENSE", ROOT), "utf8");
    expect(text).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain("END OF TERMS AND CONDITIONS");
  });
});
