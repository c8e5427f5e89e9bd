import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { clientKey } from '../utils/client-address';

/**
 * The namespace of every key in Redis: `REDIS_PREFIX` (default `clinic`), so that several clinics
 * (or a test run beside a running instance) can share one Redis without sharing counts.
 */
export const redisPrefix = (): string => process.env.REDIS_PREFIX || 'clinic';

/** A named limit: so many events per key in so many seconds. */
export interface Limit {
  name: string;
  points: number;
  seconds: number;
}

/** Public writes per client address: `RATE_LIMIT_PER_MINUTE` (default 30) a minute. */
const publicWrites = (): Limit => ({ name: 'write', points: Number(process.env.RATE_LIMIT_PER_MINUTE ?? 30) || 30, seconds: 60 });
/** Mail that a public request causes (a booking's confirmation, a consultation's receipt), per recipient: `MAIL_PER_RECIPIENT_PER_HOUR` (default 6). */
const mailPerRecipient = (): Limit => ({ name: 'mail-recipient', points: Number(process.env.MAIL_PER_RECIPIENT_PER_HOUR ?? 6) || 6, seconds: 3600 });
/**
 * The same mail per client address, so that one client cannot make the clinic mail many addresses:
 * `MAIL_PER_CLIENT_PER_HOUR`, by default as many an hour as public writes a minute.
 */
const mailPerClient = (): Limit => ({ name: 'mail-client', points: Number(process.env.MAIL_PER_CLIENT_PER_HOUR ?? 0) || publicWrites().points, seconds: 3600 });
/** Verification links (privacy center) per address. */
export const VERIFY_PER_ADDRESS: Limit = { name: 'verify-address', points: 3, seconds: 15 * 60 };

/**
 * Every rate limit of the product, by name: public writes per client, mail per recipient and per
 * client, verification mails per address. With `REDIS_URL` the counts live in Redis (one connection
 * per server), so every instance shares them; while Redis is unreachable each instance counts in
 * its own memory rather than refusing everyone. Keys are a client's address (an IPv6 one by its /64)
 * or the keyed hash of an e-mail address, never the e-mail address itself.
 */
export default () => {
  let redis: Redis | null = null;
  const limiters = new Map<string, RateLimiterAbstract>();

  function limiterOf({ name, points, seconds }: Limit): RateLimiterAbstract {
    const id = `${name}:${points}:${seconds}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const options = { points, duration: seconds, keyPrefix: `${redisPrefix()}-${name}` };
      if (process.env.REDIS_URL) {
        if (!redis) {
          redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
          redis.on('error', () => undefined);
        }
        limiter = new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
      } else {
        limiter = new RateLimiterMemory(options);
      }
      limiters.set(id, limiter);
    }
    return limiter;
  }

  /** Counts one event of `key` under `limit`: null while within it, else the seconds to wait. */
  async function consume(limit: Limit, key: string): Promise<number | null> {
    try {
      await limiterOf(limit).consume(key);
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    }
  }

  /** Counts one event of a client under `limit`: the client's address, an IPv6 one by its /64 (`clientKey`). */
  const consumeForClient = (limit: Limit, client: string | null | undefined) => consume(limit, clientKey(client));

  return {
    consume,
    consumeForClient,

    /** One public write from a client address. */
    publicWrite: (client: string) => consumeForClient(publicWrites(), client),

    /**
     * One mail a public request causes: counted per recipient (`recipientKey`, the keyed hash of
     * the address) and per client; the seconds to wait when either has had its share.
     */
    async mail(recipientKey: string, client: string): Promise<number | null> {
      return (await consume(mailPerRecipient(), recipientKey)) ?? consumeForClient(mailPerClient(), client);
    },

    /** One mail a public request causes, counted per client only: for routes that keep their own, stricter count per address. */
    mailFromClient: (client: string) => consumeForClient(mailPerClient(), client),

    /** Forgets the count of `key` (a successful log-in clears its failures). */
    async reset(limit: Limit, key: string): Promise<void> {
      await limiterOf(limit).delete(key);
    },

    async close(): Promise<void> {
      limiters.clear();
      await redis?.quit().catch(() => undefined);
      redis = null;
    },
  };
};
