import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { fail } from '../utils/errors';

interface Limiter {
  limiter: RateLimiterAbstract;
  close(): Promise<void>;
}

/** One limiter per Strapi instance, shared by every route that uses the middleware. */
const limiters = new WeakMap<Core.Strapi, Limiter>();

/**
 * `RATE_LIMIT_PER_MINUTE` public writes per client address (default 30). With `REDIS_URL` the
 * count lives in Redis, so several instances share it; if Redis is unreachable each instance
 * falls back to counting in its own memory rather than refusing everyone.
 */
function create(): Limiter {
  const points = Number(process.env.RATE_LIMIT_PER_MINUTE ?? 30) || 30;
  const options = { points, duration: 60, keyPrefix: 'clinic-write' };
  if (!process.env.REDIS_URL) return { limiter: new RateLimiterMemory(options), close: async () => undefined };
  const redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const limiter = new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
  return { limiter, close: async () => void (await redis.quit().catch(() => undefined)) };
}

export function rateLimiter(strapi: Core.Strapi): Limiter {
  let entry = limiters.get(strapi);
  if (!entry) {
    entry = create();
    limiters.set(strapi, entry);
  }
  return entry;
}

export async function closeRateLimiter(strapi: Core.Strapi) {
  await limiters.get(strapi)?.close();
  limiters.delete(strapi);
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    try {
      await rateLimiter(strapi).limiter.consume(ctx.request.ip);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      ctx.set('Retry-After', String(seconds));
      throw fail(429, 'RATE_LIMITED', 'Too many requests; please wait a minute', { retryAfterSeconds: seconds });
    }
    await next();
  };
};
