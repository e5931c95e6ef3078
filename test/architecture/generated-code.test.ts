import { readFileSync } from "node:fs";
import path from "node:path";
import { generate } from "@graphql-codegen/cli";
import { expect, it } from "vitest";
import config, { SCIM_GENERATED_FILE } from "../../codegen.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

// DESIGN "Generated files": src/scim/generated is checked in, and a stale copy fails the tests.
it("src/scim/generated/graphql.ts is what `npm run codegen` makes from schema/schema.graphql and schema/operations", async () => {
  const previous = process.cwd();
  process.chdir(ROOT);
  try {
    const outputs = await generate({ ...config, cwd: ROOT, silent: true }, false);
    const fresh = outputs.find((o: { filename: string }) => path.resolve(ROOT, o.filename) === path.resolve(ROOT, SCIM_GENERATED_FILE));
    expect(fresh, "codegen produced no output for the SCIM operations").toBeDefined();
    const checkedIn = readFileSync(path.join(ROOT, SCIM_GENERATED_FILE), "utf8");
    expect(checkedIn === fresh!.content, "src/scim/generated/graphql.ts is stale: run `npm run codegen`").toBe(true);
  } finally {
    process.chdir(previous);
  }
});
