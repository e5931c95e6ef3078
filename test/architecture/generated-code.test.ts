import { readFileSync } from "node:fs";
import path from "node:path";
import { generate } from "@graphql-codegen/cli";
import { expect, it } from "vitest";
import config, { ADMIN_GENERATED_FILE, SCIM_GENERATED_FILE } from "../../codegen.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

// The typed operations are checked in, so a stale copy must fail the tests rather than the build.
it.each([
  { file: SCIM_GENERATED_FILE, operations: "schema/operations" },
  { file: ADMIN_GENERATED_FILE, operations: "admin/src/operations" },
])("$file is what `npm run codegen` makes from schema/schema.graphql and $operations", async ({ file }) => {
  const previous = process.cwd();
  process.chdir(ROOT);
  try {
    const outputs = await generate({ ...config, cwd: ROOT, silent: true }, false);
    const fresh = outputs.find((o: { filename: string }) => path.resolve(ROOT, o.filename) === path.resolve(ROOT, file));
    expect(fresh, `codegen produced no output for ${file}`).toBeDefined();
    const checkedIn = readFileSync(path.join(ROOT, file), "utf8");
    expect(checkedIn === fresh!.content, `${file} is stale: run \`npm run codegen\``).toBe(true);
  } finally {
    process.chdir(previous);
  }
});
