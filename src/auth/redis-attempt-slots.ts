import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { AttemptSlots, Reservation, SlotKey } from "./attempt-slots.js";

/**
 * Attempt slots shared by every instance through one Redis. Each key is two Redis keys: the
 * count of failures (a string that expires when the window ends, `<prefix>auth-failures:<key>`)
 * and the reservations in progress (a sorted set of reservation ids scored by when each lapses,
 * `<prefix>auth-attempts:<key>`). Reserving and settling are each one Lua script, so checking the
 * count and taking the slot are atomic across instances; times come from Redis (TIME), not from
 * the instances' clocks.
 *
 * All the keys of one request go to one script, so this needs a single Redis (or all keys in
 * one cluster slot), as REDIS_URL gives.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id, lease = ARGV[1], tonumber(ARGV[2])
local busy = 0
for i = 1, #KEYS / 2 do
  local failures = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local limit = tonumber(ARGV[2 + i])
  if failures >= limit then
    return {'over', i, redis.call('PTTL', KEYS[2 * i - 1])}
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[2 * i], '-inf', now)
  if busy == 0 and failures + redis.call('ZCARD', KEYS[2 * i]) >= limit then busy = i end
end
if busy > 0 then return {'busy', busy} end
for i = 1, #KEYS / 2 do
  redis.call('ZADD', KEYS[2 * i], now + lease, id)
  redis.call('PEXPIRE', KEYS[2 * i], lease)
end
return {'granted'}
`;

// A failure counts even when its reservation has lapsed: the secret was compared all the same.
// A count without an expiry (left by an interrupted writer) gets one, so no key is locked for good.
const SETTLE = `
for i = 1, #KEYS / 2 do
  redis.call('ZREM', KEYS[2 * i], ARGV[1])
  if ARGV[2 + i] == '1' then
    if redis.call('INCR', KEYS[2 * i - 1]) == 1 or redis.call('PTTL', KEYS[2 * i - 1]) < 0 then
      redis.call('PEXPIRE', KEYS[2 * i - 1], ARGV[2])
    end
  end
end
return 0
`;

interface SlotCommands {
  authAttemptReserve(numKeys: number, ...args: (string | number)[]): Promise<[string, number?, number?]>;
  authAttemptSettle(numKeys: number, ...args: (string | number)[]): Promise<number>;
}

export class RedisAttemptSlots implements AttemptSlots {
  private readonly commands: SlotCommands;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly windowMs: number,
    private readonly leaseMs: number,
  ) {
    // defineCommand sends each script once and then by its SHA (EVALSHA).
    redis.defineCommand("authAttemptReserve", { lua: RESERVE });
    redis.defineCommand("authAttemptSettle", { lua: SETTLE });
    this.commands = redis as unknown as SlotCommands;
  }

  async reserve(keys: SlotKey[]): Promise<Reservation> {
    const id = randomUUID();
    const [outcome, index, ttl] = await this.commands.authAttemptReserve(keys.length * 2, ...this.redisKeys(keys), id, this.leaseMs, ...keys.map((k) => k.limit));
    if (outcome === "granted") return { outcome, id };
    // Lua counts from 1.
    if (outcome === "over") return { outcome, index: index! - 1, retryAfterMs: ttl! > 0 ? ttl! : this.windowMs };
    return { outcome: "busy", index: index! - 1 };
  }

  async settle(id: string, keys: SlotKey[], failed: boolean[]): Promise<void> {
    await this.commands.authAttemptSettle(keys.length * 2, ...this.redisKeys(keys), id, this.windowMs, ...failed.map((f) => (f ? "1" : "0")));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private redisKeys(keys: SlotKey[]): string[] {
    return keys.flatMap(({ key }) => [`${this.prefix}auth-failures:${key}`, `${this.prefix}auth-attempts:${key}`]);
  }
}
