import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { fail } from '../../plugins/privacy-guard/server/src';

/** Seconds a client is asked to wait before trying again when the database is busy. */
const RETRY_AFTER_SECONDS = 2;

/** SQLite's writer lock held elsewhere, PostgreSQL lock, serialization and deadlock refusals, and a pool with no free connection. */
const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', '55P03', '40001', '40P01']);

interface DriverError {
  name?: string;
  code?: unknown;
  severity?: unknown;
}

/** An error raised by the database driver or knex (not one of ours, nor Strapi's own validation). */
export function databaseErrorCode(error: unknown): string | null {
  const e = error as DriverError | null;
  if (!e || typeof e !== 'object') return null;
  if (e.name === 'KnexTimeoutError') return 'POOL_TIMEOUT';
  if (typeof e.code !== 'string') return null;
  if (e.name === 'SqliteError' || e.code.startsWith('SQLITE_')) return e.code;
  if (typeof e.severity === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return null;
}

/**
 * Database errors never reach an answer or a log with their statement: knex writes the SQL with its
 * bound values (sealed personal values, lookup hashes, references) into the message. A busy
 * database answers `503 SERVICE_BUSY` with `Retry-After` (nothing was changed; the client may send
 * the same request again); any other database failure is a plain 500, logged by its code alone.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      const code = databaseErrorCode(error);
      if (!code) throw error;
      if (BUSY.has(code) || code === 'POOL_TIMEOUT') {
        strapi.log.warn(`database busy (${code}) on ${ctx.method} ${ctx._matchedRoute ?? '(unrouted)'}: answered 503`);
        ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
        throw fail(503, 'SERVICE_BUSY', 'The clinic’s server is busy; please try again in a moment', { retryAfterSeconds: RETRY_AFTER_SECONDS });
      }
      strapi.log.error(`database error (${code}) on ${ctx.method} ${ctx._matchedRoute ?? '(unrouted)'}`);
      throw fail(500, 'INTERNAL', 'Something went wrong on the clinic’s server');
    }
  };
};
