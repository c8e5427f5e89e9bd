import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

interface Limiter {
  limiter: RateLimiterAbstract;
  close(): Promise<void>;
}

/** Verification mails per address: 3 per 15 minutes. */
const OPTIONS = { points: 3, duration: 15 * 60, keyPrefix: 'privacy-verify' };
const limiters = new WeakMap<Core.Strapi, Limiter>();

/** In memory, or in Redis with `REDIS_URL` so that several instances share the count (memory while Redis is down). */
function create(): Limiter {
  if (!process.env.REDIS_URL) return { limiter: new RateLimiterMemory(OPTIONS), close: async () => undefined };
  const redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const limiter = new RateLimiterRedis({ ...OPTIONS, storeClient: redis, insuranceLimiter: new RateLimiterMemory(OPTIONS) });
  return { limiter, close: async () => void (await redis.quit().catch(() => undefined)) };
}

/**
 * Counts one verification mail to a subject (the keyed hash of the address, never the address);
 * answers the seconds to wait when the address has had its share, else null.
 */
export async function consumeAddress(strapi: Core.Strapi, subjectId: string): Promise<number | null> {
  let entry = limiters.get(strapi);
  if (!entry) limiters.set(strapi, (entry = create()));
  try {
    await entry.limiter.consume(subjectId);
    return null;
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  }
}

export async function closeAddressLimiter(strapi: Core.Strapi) {
  await limiters.get(strapi)?.close();
  limiters.delete(strapi);
}
