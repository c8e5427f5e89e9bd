import Redis from 'ioredis';

/** A counter of events in a window that restarts after `windowMs` without an event: how many, and when the last one was. */
export interface Tally {
  count: number;
  lastAt: number;
}

export interface TallyStore {
  /** Counts one more event at `now` and returns the tally after it. */
  bump(key: string, now: number, windowMs: number): Promise<Tally>;
  read(key: string, now: number, windowMs: number): Promise<Tally | null>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Time comes from the caller (the plugin's clock), not from the store, so that delays can be
 * tested by moving the clock; with Redis the clock of the instance that counts is used.
 */
function memoryStore(): TallyStore {
  const tallies = new Map<string, Tally>();
  const live = (key: string, now: number, windowMs: number) => {
    const tally = tallies.get(key);
    if (tally && now - tally.lastAt > windowMs) tallies.delete(key);
    return tallies.get(key) ?? null;
  };
  return {
    async bump(key, now, windowMs) {
      const tally = { count: (live(key, now, windowMs)?.count ?? 0) + 1, lastAt: now };
      tallies.set(key, tally);
      if (tallies.size > 100_000) tallies.delete(tallies.keys().next().value as string);
      return tally;
    },
    async read(key, now, windowMs) {
      return live(key, now, windowMs);
    },
    async clear(key) {
      tallies.delete(key);
    },
    async close() {
      tallies.clear();
    },
  };
}

/** One round trip, atomic: several instances counting the same key never lose a failure. */
const BUMP = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local last = tonumber(redis.call('HGET', KEYS[1], 'lastAt') or '0')
local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
if now - last > window then count = 0 end
count = count + 1
redis.call('HSET', KEYS[1], 'count', count, 'lastAt', now)
redis.call('PEXPIRE', KEYS[1], window + 60000)
return count`;

function redisStore(url: string): TallyStore {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  // If Redis is unreachable, each instance keeps counting on its own rather than letting every guess through.
  const fallback = memoryStore();
  const prefixed = (key: string) => `${process.env.REDIS_PREFIX || 'clinic'}-login:${key}`;
  return {
    async bump(key, now, windowMs) {
      try {
        const count = Number(await redis.eval(BUMP, 1, prefixed(key), String(now), String(windowMs)));
        return { count, lastAt: now };
      } catch {
        return fallback.bump(key, now, windowMs);
      }
    },
    async read(key, now, windowMs) {
      try {
        const raw = await redis.hgetall(prefixed(key));
        if (!raw.count) return fallback.read(key, now, windowMs);
        const tally = { count: Number(raw.count), lastAt: Number(raw.lastAt) };
        return now - tally.lastAt > windowMs ? null : tally;
      } catch {
        return fallback.read(key, now, windowMs);
      }
    },
    async clear(key) {
      await redis.del(prefixed(key)).catch(() => undefined);
      await fallback.clear(key);
    },
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}

export const createTallyStore = (): TallyStore => (process.env.REDIS_URL ? redisStore(process.env.REDIS_URL) : memoryStore());
