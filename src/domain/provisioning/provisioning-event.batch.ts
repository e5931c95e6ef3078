import { prepared, type Sql } from "../../db/sql.js";
import { type ProvisioningEventRow, provisioningEventInsert, provisioningEventParameter } from "./provisioning-event.rows.js";

export interface ProvisioningEventBatchOptions {
  /** A batch is written once it holds this many events… */
  maxEvents?: number;
  /** …or this long after its first event, whichever comes first. */
  maxDelayMs?: number;
  /** Where a batch that could not be written (the database unreachable) is reported; its events are dropped. */
  onError?: (err: unknown, events: number) => void;
}

const DEFAULT_MAX_EVENTS = 200;
const DEFAULT_MAX_DELAY_MS = 1_000;
/**
 * The batch's insert, marked so that the database's statement log (and the tests that count
 * statements per request) can tell it from the event a change writes in its own transaction.
 */
export const BATCH_MARKER = "/* provisioning-log batch */";
const BATCH_INSERT = prepared(`${BATCH_MARKER} ${provisioningEventInsert(1)}`);

/** Events held while the database cannot take them; beyond this the oldest are dropped, so an outage cannot exhaust memory. */
const MAX_HELD = 10_000;

/**
 * The ProvisioningEvents of SCIM requests that changed nothing (reads, discovery) and of refused
 * requests, written off the request path: queued in memory and inserted many rows per statement,
 * so a read costs no statement of its own. A change never comes here: its event is written in
 * its own transaction, so it commits with the change or not at all.
 *
 * What a crash can lose: the events still queued, at most the last `maxDelayMs` (or `maxEvents`)
 * of reads and refusals. `close()`, called on shutdown, writes what is queued.
 */
export class ProvisioningEventBatch {
  private queue: ProvisioningEventRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly maxEvents: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly sql: () => Sql,
    private readonly options: ProvisioningEventBatchOptions = {},
  ) {
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  }

  /** Queues one event; it reaches the database with the next batch. */
  add(event: ProvisioningEventRow): void {
    this.queue.push(event);
    if (this.queue.length > MAX_HELD) this.queue.splice(0, this.queue.length - MAX_HELD);
    if (this.queue.length >= this.maxEvents) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.maxDelayMs);
      // A pending batch must not keep a process alive that has nothing else to do.
      this.timer.unref();
    }
  }

  /** Writes every queued event now; resolves once they are in the database (or their write failed and was reported). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const events = this.queue;
    this.queue = [];
    // One write at a time, in order; a flush waits for the writes before it.
    this.writing = this.writing.then(() => (events.length ? this.write(events) : undefined));
    return this.writing;
  }

  /** On shutdown: writes what is queued. */
  close(): Promise<void> {
    return this.flush();
  }

  private async write(events: ProvisioningEventRow[]): Promise<void> {
    try {
      await this.sql().query(BATCH_INSERT, [provisioningEventParameter(events)]);
    } catch (err) {
      this.options.onError?.(err, events.length);
    }
  }
}
