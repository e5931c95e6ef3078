/**
 * `npm run bench -- cli`: how long an operator waits for a CLI command when there is nothing to
 * rebuild: `npm run cli -- list-companies` as typed (npm, the build's no-change check, the bundled
 * CLI from V8's code cache), the bundled CLI alone, and the CLI as swc compiles it, unbundled, for
 * comparison. Serial runs on the benchmark's database (one company); wall time per command.
 */
import { spawnSync } from "node:child_process";
import { systemScope } from "../../src/domain/scope.js";
import { startBenchDatabase } from "./harness.js";

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);

const VARIANTS: { label: string; command: string[] }[] = [
  { label: "npm run cli -- list-companies", command: ["npm", "run", "--silent", "cli", "--", "list-companies"] },
  { label: "node dist/cli.cjs list-companies (bundled)", command: [process.execPath, "dist/cli.cjs", "list-companies"] },
  { label: "node dist/src/cli.js list-companies (unbundled)", command: [process.execPath, "dist/src/cli.js", "list-companies"] },
];

export async function runCliBenchmark(): Promise<void> {
  const db = await startBenchDatabase({ poolMax: 2 });
  try {
    await db.services.companies.createCompany(systemScope(db.orm.em.fork(), "cli"), { slug: "bench-cli", name: "Bench CLI", scimEnabled: true });
    const env = { ...process.env, DATABASE_URL: db.databaseUrl, LOG_LEVEL: "silent" };
    console.log(`\n${RUNS} runs each, after one warm-up; wall time in ms\n`);
    console.log("| command | min | p50 | max |\n|---|---:|---:|---:|");
    for (const { label, command } of VARIANTS) {
      const times: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const started = performance.now();
        const run = spawnSync(command[0]!, command.slice(1), { env, encoding: "utf8", timeout: 30_000 });
        const ms = performance.now() - started;
        if (run.status !== 0 || !run.stdout.includes("bench-cli")) throw new Error(`${label} failed: ${run.stderr || run.error}`);
        if (i > 0) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
      console.log(`| ${label} | ${at(0)} | ${at(0.5)} | ${at(1)} |`);
    }
  } finally {
    await db.close();
  }
}
