/**
 * A TCP proxy in front of PostgreSQL that records every statement the server is asked to run,
 * read off the wire (PostgreSQL frontend/backend protocol 3.0), so a count is what the server's
 * statement log would show: BEGIN and COMMIT included, whichever client library sent them.
 *
 * A simple Query message ('Q') counts once per statement it holds; an extended-protocol Execute
 * ('E') counts once, with the text of the statement its portal was bound from (Parse 'P', Bind 'B').
 * Round trips are Sync ('S') and Query ('Q') messages, the points where a client waits for the server.
 */
import { createServer, connect, type Server, type Socket } from "node:net";

export interface RecordedStatement {
  sql: string;
  /** When the proxy saw it (performance.now()). */
  at: number;
}

export interface StatementCounter {
  /** The target's URL with this proxy's host and port. */
  url: string;
  /** Statements seen since the last reset, in order. */
  statements(): RecordedStatement[];
  /** Round trips (Sync or Query messages) since the last reset. */
  roundTrips(): number;
  reset(): void;
  close(): Promise<void>;
}

const PROTOCOL_3 = 196608;

export async function startStatementCounter(targetUrl: string): Promise<StatementCounter> {
  const target = new URL(targetUrl);
  const targetHost = target.hostname;
  const targetPort = Number(target.port || 5432);
  let recorded: RecordedStatement[] = [];
  let trips = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const parser = new FrontendParser(
      (sql) => recorded.push({ sql, at: performance.now() }),
      () => trips++,
    );
    client.on("data", (chunk: Buffer) => {
      parser.push(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", end);
    upstream.on("error", end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    statements: () => [...recorded],
    roundTrips: () => trips,
    reset() {
      recorded = [];
      trips = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads the client → server byte stream and reports each statement run. */
class FrontendParser {
  private buffer: Buffer = Buffer.alloc(0);
  /** Until the startup message, messages carry no type byte (SSLRequest, GSSENCRequest, StartupMessage). */
  private started = false;
  private readonly prepared = new Map<string, string>();
  private readonly portals = new Map<string, string>();

  constructor(
    private readonly onStatement: (sql: string) => void,
    private readonly onRoundTrip: () => void,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        if (this.buffer.readInt32BE(4) === PROTOCOL_3) this.started = true;
        this.buffer = this.buffer.subarray(length);
        continue;
      }
      if (this.buffer.length < 5) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < 1 + length) return;
      this.message(type, this.buffer.subarray(5, 1 + length));
      this.buffer = this.buffer.subarray(1 + length);
    }
  }

  private message(type: string, body: Buffer): void {
    switch (type) {
      case "Q": {
        this.onRoundTrip();
        for (const sql of splitStatements(cString(body, 0).value)) this.onStatement(sql);
        break;
      }
      case "P": {
        const name = cString(body, 0);
        const sql = cString(body, name.next);
        this.prepared.set(name.value, sql.value);
        break;
      }
      case "B": {
        const portal = cString(body, 0);
        const statement = cString(body, portal.next);
        this.portals.set(portal.value, this.prepared.get(statement.value) ?? "");
        break;
      }
      case "E": {
        const portal = cString(body, 0);
        this.onStatement(this.portals.get(portal.value) ?? "");
        break;
      }
      case "S":
        this.onRoundTrip();
        break;
      case "C": {
        // Close: 'S' statement or 'P' portal, then its name.
        const name = cString(body, 1);
        (body[0] === 0x53 ? this.prepared : this.portals).delete(name.value);
        break;
      }
    }
  }
}

function cString(body: Buffer, from: number): { value: string; next: number } {
  const end = body.indexOf(0, from);
  return { value: body.toString("utf8", from, end), next: end + 1 };
}

/** The statements of a simple Query: split at semicolons outside quotes and comments. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      current += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === ";") {
      if (current.trim()) out.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
