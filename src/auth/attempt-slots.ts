import { randomUUID } from "node:crypto";

/** A key a request's authentication attempt is counted by (a Client ID, a userName, an address), with its limit. */
export interface SlotKey {
  key: string;
  limit: number;
}

/** The answer to a reservation, for all of a request's keys at once. */
export type Reservation =
  /** A slot of every key is held until `settle`. */
  | { outcome: "granted"; id: string }
  /** `keys[index]` has `limit` failures in its window: refuse until the window ends. */
  | { outcome: "over"; index: number; retryAfterMs: number }
  /** `keys[index]` is under its limit, but attempts in progress fill what is left of it: wait. */
  | { outcome: "busy"; index: number };

/**
 * Slots for authentication attempts, per key: `limit` per window, taken before a secret is
 * compared. A failed comparison keeps its slot until the window ends; one that succeeded (or
 * compared nothing) gives it back. So at any moment confirmed failures + attempts in progress ≤
 * limit, and no more than `limit` wrong secrets per key are ever compared in a window, however
 * many arrive at once. The window of a key starts at its first failure.
 *
 * A reservation in progress is a lease: if it is never settled (an instance died mid-attempt)
 * it lapses after `leaseMs`, so the key is not held forever.
 */
export interface AttemptSlots {
  /** Takes one slot of every key, or none. */
  reserve(keys: SlotKey[]): Promise<Reservation>;
  /** Ends a granted reservation: `failed[i]` keeps the slot of `keys[i]` as a failure, otherwise it is given back. */
  settle(id: string, keys: SlotKey[], failed: boolean[]): Promise<void>;
  close(): Promise<void>;
}

interface Counter {
  failures: number;
  /** When the window of `failures` ends (ms since epoch). */
  resetAt: number;
  /** Reservations in progress and when each lapses. */
  inProgress: Map<string, number>;
}

/** The slots of one process, for a single instance. */
export class MemoryAttemptSlots implements AttemptSlots {
  private readonly counters = new Map<string, Counter>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly windowMs: number,
    private readonly leaseMs: number,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(windowMs, 60_000));
    this.sweeper.unref();
  }

  async reserve(keys: SlotKey[]): Promise<Reservation> {
    const now = Date.now();
    let busy = -1;
    for (const [index, { key, limit }] of keys.entries()) {
      const counter = this.current(key, now);
      if (!counter) continue;
      if (counter.failures >= limit) return { outcome: "over", index, retryAfterMs: counter.resetAt - now };
      if (busy < 0 && counter.failures + counter.inProgress.size >= limit) busy = index;
    }
    if (busy >= 0) return { outcome: "busy", index: busy };
    const id = randomUUID();
    for (const { key } of keys) this.counterOf(key).inProgress.set(id, now + this.leaseMs);
    return { outcome: "granted", id };
  }

  async settle(id: string, keys: SlotKey[], failed: boolean[]): Promise<void> {
    const now = Date.now();
    for (const [index, { key }] of keys.entries()) {
      const counter = this.current(key, now) ?? this.counterOf(key);
      counter.inProgress.delete(id);
      if (failed[index]) {
        if (counter.failures === 0) counter.resetAt = now + this.windowMs;
        counter.failures++;
      }
      if (counter.failures === 0 && counter.inProgress.size === 0) this.counters.delete(key);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  /** The counter of a key with its ended window and lapsed reservations dropped. */
  private current(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (!counter) return undefined;
    if (counter.failures > 0 && counter.resetAt <= now) counter.failures = 0;
    for (const [id, lapsesAt] of counter.inProgress) if (lapsesAt <= now) counter.inProgress.delete(id);
    return counter;
  }

  private counterOf(key: string): Counter {
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { failures: 0, resetAt: 0, inProgress: new Map() };
      this.counters.set(key, counter);
    }
    return counter;
  }

  /** Forgets keys whose window has ended, so memory follows the keys in use, not every key ever seen. */
  private sweep(): void {
    const now = Date.now();
    for (const key of [...this.counters.keys()]) {
      const counter = this.current(key, now)!;
      if (counter.failures === 0 && counter.inProgress.size === 0) this.counters.delete(key);
    }
  }
}
