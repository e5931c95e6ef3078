import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import rules that hold the shape (DESIGN rule 1, STYLE §3.1–3.2), read from the source:
 * a plain scan of every static and dynamic import in src/**. The table of rules lives here only.
 */
interface Rule {
  name: string;
  /** Files the rule applies to (paths relative to the repository, with / separators). */
  from: RegExp;
  /** Import targets (package names, or repository-relative paths of local files) that are forbidden. */
  forbidden: RegExp[];
  /** Exceptions to `forbidden`. */
  allowed?: RegExp[];
}

const RULES: Rule[] = [
  {
    name: "the SCIM facade speaks GraphQL only: no ORM, database, domain, core GraphQL or auth code (STYLE §3.1)",
    from: /^src\/scim\//,
    forbidden: [/^@mikro-orm\//, /^pg$/, /^pg\//, /^src\/domain\//, /^src\/db\//, /^src\/graphql\//, /^src\/auth\//, /^type-graphql$/, /^@apollo\//],
    // The principal is resolved by middleware before the router runs; the facade only passes it on.
    allowed: [/^src\/auth\/principal\.ts$/],
  },
  {
    name: "the domain knows nothing of transports (STYLE §3.2)",
    from: /^src\/domain\//,
    forbidden: [/^express$/, /^graphql$/, /^type-graphql$/, /^@apollo\//, /^src\/scim\//, /^src\/graphql\//, /^src\/http\//],
  },
];

const ROOT = path.resolve(import.meta.dirname, "../..");
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Each import of a file: a package name or a repository-relative path of a local module. */
export function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2]!;
    if (spec.startsWith(".")) {
      const resolved = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep).join("/");
      out.push(resolved.replace(/\.js$/, ".ts"));
    } else {
      out.push(spec);
    }
  }
  return out;
}

export function violations(files: { file: string; imports: string[] }[], rules: Rule[] = RULES): string[] {
  const found: string[] = [];
  for (const { file, imports } of files) {
    for (const rule of rules) {
      if (!rule.from.test(file)) continue;
      for (const target of imports) {
        if (rule.forbidden.some((f) => f.test(target)) && !rule.allowed?.some((a) => a.test(target))) {
          found.push(`${file} imports ${target}: ${rule.name}`);
        }
      }
    }
  }
  return found;
}

describe("module boundaries", () => {
  const files = sourceFiles(path.join(ROOT, "src")).map((full) => ({
    file: path.relative(ROOT, full).split(path.sep).join("/"),
    imports: importsOf(full, readFileSync(full, "utf8")),
  }));

  it("the scan sees the facade and the domain", () => {
    expect(files.filter((f) => f.file.startsWith("src/scim/")).length).toBeGreaterThan(10);
    expect(files.filter((f) => f.file.startsWith("src/domain/")).length).toBeGreaterThan(10);
  });

  it("the scan would catch a forbidden edge", () => {
    expect(violations([{ file: "src/scim/users/x.ts", imports: ["@mikro-orm/core", "src/domain/users/user.entity.ts", "src/auth/principal.ts"] }])).toHaveLength(2);
    expect(violations([{ file: "src/domain/users/x.ts", imports: ["express", "src/scim/router.ts"] }])).toHaveLength(2);
    expect(importsOf(path.join(ROOT, "src/scim/x.ts"), 'import type { A } from "../domain/a.js";\nconst m = await import("pg");')).toEqual(["src/domain/a.ts", "pg"]);
  });

  it("src/scim imports neither MikroORM, pg, the domain, the database layer, src/graphql nor auth code beyond the Principal type", () => {
    expect(violations(files, [RULES[0]!])).toEqual([]);
  });

  it("src/domain imports neither express, graphql, type-graphql, Apollo nor the facade", () => {
    expect(violations(files, [RULES[1]!])).toEqual([]);
  });
});
