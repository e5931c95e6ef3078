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
  /** Whether `import type` of a forbidden target is allowed (it leaves no edge at run time). */
  typeOnlyAllowed?: boolean;
}

const RULES: Rule[] = [
  {
    name: "the SCIM facade speaks GraphQL only: no ORM, database, domain, core GraphQL or auth code",
    from: /^src\/scim\//,
    forbidden: [/^@mikro-orm\//, /^pg$/, /^pg\//, /^src\/domain\//, /^src\/db\//, /^src\/graphql\//, /^src\/auth\//, /^type-graphql$/, /^@apollo\//],
  },
  {
    name: "the domain knows nothing of transports or of how callers authenticate",
    from: /^src\/domain\//,
    forbidden: [/^express$/, /^graphql$/, /^type-graphql$/, /^@apollo\//, /^src\/scim\//, /^src\/graphql\//, /^src\/http\//, /^src\/auth\//],
  },
  {
    name: "authentication sits below the transports: it uses the domain and the database, never GraphQL, the facade or HTTP wiring",
    from: /^src\/auth\//,
    forbidden: [/^src\/graphql\//, /^src\/scim\//, /^src\/http\//, /^graphql$/, /^type-graphql$/, /^@apollo\//],
  },
  {
    name: "the database layer is the bottom: it imports no layer above it",
    from: /^src\/db\//,
    forbidden: [/^src\/graphql\//, /^src\/scim\//, /^src\/http\//, /^src\/auth\//, /^express$/, /^graphql$/],
  },
  {
    name: "the admin console is a browser app that talks to /graphql: the server imports none of it",
    from: /^src\//,
    forbidden: [/^admin\//],
  },
  {
    name: "resolvers call services, never the ORM: src/graphql imports MikroORM for types only",
    from: /^src\/graphql\//,
    forbidden: [/^@mikro-orm\//],
    typeOnlyAllowed: true,
  },
];

const ROOT = path.resolve(import.meta.dirname, "../..");
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** One import of a file: a package name or a repository-relative path of a local module, and whether it is `import type`. */
interface Import {
  target: string;
  typeOnly: boolean;
}

/** Each import of a file. */
export function importListOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[2] ?? m[3]!;
    const typeOnly = m[1] !== undefined;
    if (spec.startsWith(".")) {
      const resolved = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep).join("/");
      out.push({ target: resolved.replace(/\.js$/, ".ts"), typeOnly });
    } else {
      out.push({ target: spec, typeOnly });
    }
  }
  return out;
}

/** Each import target of a file, type-only or not. */
export function importsOf(file: string, text: string): string[] {
  return importListOf(file, text).map((i) => i.target);
}

export function violations(files: { file: string; imports: (string | Import)[] }[], rules: Rule[] = RULES): string[] {
  const found: string[] = [];
  for (const { file, imports } of files) {
    for (const rule of rules) {
      if (!rule.from.test(file)) continue;
      for (const entry of imports) {
        const { target, typeOnly } = typeof entry === "string" ? { target: entry, typeOnly: false } : entry;
        if (typeOnly && rule.typeOnlyAllowed) continue;
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
    text: readFileSync(full, "utf8"),
  })).map(({ file, text }) => ({ file, text, imports: importListOf(path.join(ROOT, file), text) }));

  it("the scan sees the facade and the domain", () => {
    expect(files.filter((f) => f.file.startsWith("src/scim/")).length).toBeGreaterThan(10);
    expect(files.filter((f) => f.file.startsWith("src/domain/")).length).toBeGreaterThan(10);
  });

  it("the scan would catch a forbidden edge", () => {
    expect(violations([{ file: "src/scim/users/x.ts", imports: ["@mikro-orm/core", "src/domain/users/user.entity.ts", "src/auth/basic.ts"] }])).toHaveLength(3);
    expect(violations([{ file: "src/domain/users/x.ts", imports: ["express", "src/scim/router.ts", "src/auth/principal-loader.ts"] }])).toHaveLength(3);
    expect(violations([{ file: "src/auth/x.ts", imports: ["src/graphql/errors.ts", "src/domain/errors.ts"] }])).toHaveLength(1);
    expect(violations([{ file: "src/db/x.ts", imports: ["src/graphql/errors.ts", "@mikro-orm/core"] }])).toHaveLength(1);
    expect(
      violations([
        { file: "src/graphql/users/x.resolver.ts", imports: [{ target: "@mikro-orm/core", typeOnly: false }, { target: "@mikro-orm/postgresql", typeOnly: true }] },
      ]),
    ).toHaveLength(1);
    expect(importListOf(path.join(ROOT, "src/graphql/x.ts"), 'import type { EntityManager } from "@mikro-orm/postgresql";\nimport { wrap } from "@mikro-orm/core";')).toEqual([
      { target: "@mikro-orm/postgresql", typeOnly: true },
      { target: "@mikro-orm/core", typeOnly: false },
    ]);
    expect(importsOf(path.join(ROOT, "src/scim/x.ts"), 'import type { A } from "../domain/a.js";\nconst m = await import("pg");')).toEqual(["src/domain/a.ts", "pg"]);
  });

  it("src/scim imports neither MikroORM, pg, the domain, the database layer, src/graphql nor auth code beyond the Principal type", () => {
    expect(violations(files, [RULES[0]!])).toEqual([]);
  });

  it("src/domain imports neither express, graphql, type-graphql, Apollo, the facade nor src/auth", () => {
    expect(violations(files, [RULES[1]!])).toEqual([]);
  });

  it("src/auth imports nothing from src/graphql, src/scim or src/http", () => {
    expect(violations(files, [RULES[2]!])).toEqual([]);
  });

  it("src/db imports no layer above it", () => {
    expect(violations(files, [RULES[3]!])).toEqual([]);
  });

  it("src/graphql imports MikroORM for types only: resolvers call services, never the ORM", () => {
    expect(violations(files, [RULES[4]!])).toEqual([]);
  });

  it("src/graphql calls no EntityManager method outside the request context that forks it", () => {
    const calls = files
      .filter((f) => f.file.startsWith("src/graphql/") && f.file !== "src/graphql/context.ts")
      .flatMap((f) => [...f.text.matchAll(/\bem\.(\w+)\(/g)].map((m) => `${f.file} calls em.${m[1]}()`));
    expect(calls).toEqual([]);
  });
});
