import type { Core } from '@strapi/strapi';

const MEMO = Symbol('per-request memo');

/**
 * Reads settings once per HTTP request: a booking asked the clinic settings eight times and the
 * consent items six (2 queries each) before this, a third of its queries (bench/results.md).
 * Inside a request every caller shares the first answer; outside one (cron, outbox worker,
 * scripts) each call reads afresh. A failed read is not remembered.
 */
export function perRequest<T>(strapi: Core.Strapi, key: string, read: () => Promise<T>): Promise<T> {
  const ctx = strapi.requestContext?.get() as { state?: Record<string | symbol, unknown> } | undefined;
  if (!ctx?.state) return read();
  const memo = (ctx.state[MEMO] ??= new Map<string, Promise<unknown>>()) as Map<string, Promise<unknown>>;
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    memo.set(key, value);
    value.catch(() => memo.delete(key));
  }
  return value;
}
