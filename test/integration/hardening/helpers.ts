import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../../src/db/embedded-postgres.js";
import { type Build, spawnNode, type Spawned } from "../../setup/build.js";

/** A port nothing listens on right now (the system picks it, then it is released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * A PostgreSQL of the test's own (embedded, in a temporary directory, on its own port), so a
 * test may stop and start it without touching the run's shared server. start() may be called
 * again after stop(): the data directory is kept.
 */
export class OwnPostgres {
  private running?: EmbeddedDatabase;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(port?: number): Promise<OwnPostgres> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "rolebridge-own-pg-"));
    // As root, PostgreSQL runs as an unprivileged user that must be able to enter this directory.
    await chmod(dir, 0o755);
    return new OwnPostgres(dir, port ?? (await freePort()));
  }

  /** postgres://… of the `postgres` maintenance database (the credentials embedded-postgres.ts gives). */
  get serverUrl(): string {
    return `postgres://rolebridge:rolebridge@127.0.0.1:${this.port}/postgres`;
  }

  databaseUrl(name: string): string {
    return `postgres://rolebridge:rolebridge@127.0.0.1:${this.port}/${name}`;
  }

  async start(): Promise<void> {
    this.running = await startEmbeddedPostgres(this.dir, this.port);
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.stop();
  }

  async remove(): Promise<void> {
    await this.stop().catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }
}

export interface DemoCredentials {
  base: string;
  company: string;
  adminUserName: string;
  adminPassword: string;
  clientId: string;
  clientSecret: string;
  basic: string;
}

/** The value after `<label>: ` on its own line of stdout. */
export function printed(stdout: string, label: string): string | undefined {
  const line = stdout.split("\n").find((l) => l.startsWith(`${label}: `));
  return line?.slice(label.length + 2);
}

/** Starts the built server (src/main.js of `build`) on DATABASE_URL with PORT=0. */
export function startBuiltServer(build: Build, databaseUrl: string, env: Record<string, string> = {}): Spawned {
  return spawnNode(path.join(build.dir, "src", "main.js"), [], {
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    ...env,
  });
}

/** Waits for a first start on an empty database and reads the demo company's printed credentials. */
export async function demoCredentials(server: Spawned, timeoutMs = 90_000): Promise<DemoCredentials> {
  await server.waitForLine(/^Client Secret: /, timeoutMs);
  const out = server.stdout();
  const base = printed(out, "GraphQL URL")!.replace(/\/graphql$/, "");
  const [company, adminUserName, adminPassword] = printed(out, "Admin login")!.split(" / ") as [string, string, string];
  const clientId = printed(out, "Client ID")!;
  const clientSecret = printed(out, "Client Secret")!;
  return {
    base,
    company,
    adminUserName,
    adminPassword,
    clientId,
    clientSecret,
    basic: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
  };
}

/** The base URL of a built server that is not on its first run (only the URLs are printed). */
export async function baseUrlOf(server: Spawned, timeoutMs = 90_000): Promise<string> {
  const line = await server.waitForLine(/^GraphQL URL: /, timeoutMs);
  return line.slice("GraphQL URL: ".length).replace(/\/graphql$/, "");
}

/** The JSON log lines (pino) a process has written to stdout so far. */
export function jsonLines(stdout: string): Record<string, any>[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, any>];
      } catch {
        return [];
      }
    });
}

/** An RFC 7643 user body with one work email. */
export function userBody(userName: string): Record<string, unknown> {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName,
    name: { givenName: "Load", familyName: "Test" },
    emails: [{ value: userName, type: "work", primary: true }],
    active: true,
  };
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
