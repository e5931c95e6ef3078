import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Build {
  /** Absolute path of the build's root (holding src/ and migrations/, and cli.cjs when asked for). */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Compiles src/ and migrations/ with swc (as `npm run build` does) into a private folder under
 * .build/, so test files that spawn the built app never see another file's or person's build half
 * written. Inside the repository, so node finds node_modules and package.json ("type": "module").
 * With `cli`, also the bundled CLI that `npm run cli` runs (`<dir>/cli.cjs`, scripts/bundle-cli.mjs).
 */
export async function buildApp(options: { cli?: boolean } = {}): Promise<Build> {
  const dir = path.join(ROOT, ".build", `test-${process.pid}-${randomBytes(3).toString("hex")}`);
  await promisify(execFile)(path.join(ROOT, "node_modules", ".bin", "swc"), ["src", "migrations", "-d", dir, "-q"], {
    cwd: ROOT,
    timeout: 120_000,
  });
  if (options.cli) {
    const bundle = `import(${JSON.stringify(path.join(ROOT, "scripts", "bundle-cli.mjs"))}).then((m) => m.bundleCli(${JSON.stringify(dir)}))`;
    await promisify(execFile)(process.execPath, ["--input-type=module", "-e", bundle], { cwd: ROOT, timeout: 120_000 });
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The admin console as `npm run build` builds it (scripts/build.mjs): once per state of the
 * sources, into `.build/<fingerprint>/admin`, shared by every test file that needs it instead of a
 * Vite build each. A later build switches `dist` to another folder and never changes this one.
 */
export async function buildConsole(): Promise<Build> {
  await promisify(execFile)(process.execPath, [path.join(ROOT, "scripts", "build.mjs")], { cwd: ROOT, timeout: 180_000 });
  // Kept for the next run with the same sources; build.mjs prunes old builds.
  return { dir: realpathSync(path.join(ROOT, "dist", "admin")), remove: async () => {} };
}

export interface Spawned {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern`; rejects after `timeoutMs` or when the process ends first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (signal name if killed); rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | string>;
  /** SIGKILL if still running (for afterAll). */
  kill(): void;
}

/**
 * Starts `node <script> …args` from the repository root, with a bounded life and captured output.
 * With `terminal`, node's stdout and stderr are a pseudo-terminal (util-linux `script`), as when a
 * person runs it in a shell; the captured output then has the terminal's \r\n line ends, and
 * stderr arrives merged into stdout. `input`, when given, is piped to its stdin (otherwise empty).
 */
export function spawnNode(script: string, args: string[], env: Record<string, string>, options: { terminal?: boolean; input?: string } = {}): Spawned {
  const { input } = options;
  const argv = [process.execPath, script, ...args];
  const [command, commandArgs] = options.terminal
    ? ["script", ["--quiet", "--flush", "--return", "--command", argv.map(shellQuote).join(" "), "/dev/null"]]
    : [argv[0]!, argv.slice(1)];
  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (input !== undefined) child.stdin!.end(input);
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exit = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = out.split("\n").find((l) => pattern.test(l));
          if (line !== undefined) {
            done();
            resolve(line);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const onExit = () => {
          check();
          done();
          reject(new Error(`process ended before a line matching ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        };
        const done = () => {
          clearTimeout(timer);
          child.stdout!.off("data", check);
          child.off("exit", onExit);
        };
        child.stdout!.on("data", check);
        child.on("exit", onExit);
        check();
      });
    },
    exited(timeoutMs = 30_000) {
      return Promise.race([
        exit,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`process did not exit within ${timeoutMs} ms`)), timeoutMs).unref()),
      ]);
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** What a CLI command answered: its exit code, its output, and that output as JSON when it is. */
export interface CliResult {
  code: number | string;
  stdout: string;
  stderr: string;
  json: any;
}

/**
 * The bundled CLI (`npm run cli`, from a `buildApp({ cli: true })` build) as an operator runs it: a
 * child process on `databaseUrl`, with `input` piped to its stdin when given.
 */
export async function runBuiltCli(build: Build, args: string[], databaseUrl: string, opts: { input?: string } = {}): Promise<CliResult> {
  const run = spawnNode(path.join(build.dir, "cli.cjs"), args, { DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" }, { input: opts.input });
  try {
    const code = await run.exited(60_000);
    let json: any;
    try {
      json = JSON.parse(run.stdout());
    } catch {
      json = undefined;
    }
    return { code, stdout: run.stdout(), stderr: run.stderr(), json };
  } finally {
    run.kill();
  }
}
