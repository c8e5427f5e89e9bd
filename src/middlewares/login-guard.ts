import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { fail } from '../utils/errors';
import { clinicService, outboxService } from '../utils/services';
import type { AccessRecord } from '../../plugins/privacy-guard/server/src/services/access-log';
import { truncateAddress } from '../../plugins/privacy-guard/server/src/utils/client-address';

/** Failed logins allowed per account or client address within the window, before a lockout. */
export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;
export const LOCK_SECONDS = 15 * 60;

const LOGIN_PATHS: Record<string, 'admin' | 'member'> = {
  '/admin/login': 'admin',
  '/api/auth/local': 'member',
};

interface Guard {
  limiter: RateLimiterAbstract;
  close(): Promise<void>;
}

const guards = new WeakMap<Core.Strapi, Guard>();

/** Counts in memory, or in Redis with `REDIS_URL` so that several instances share it (memory if Redis is down). */
function create(): Guard {
  const options = { points: MAX_FAILURES, duration: WINDOW_SECONDS, keyPrefix: 'clinic-login-failures' };
  if (!process.env.REDIS_URL) return { limiter: new RateLimiterMemory(options), close: async () => undefined };
  const redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const limiter = new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
  return { limiter, close: async () => void (await redis.quit().catch(() => undefined)) };
}

function guard(strapi: Core.Strapi): Guard {
  let entry = guards.get(strapi);
  if (!entry) {
    entry = create();
    guards.set(strapi, entry);
  }
  return entry;
}

export async function closeLoginGuard(strapi: Core.Strapi) {
  await guards.get(strapi)?.close();
  guards.delete(strapi);
}

/** Keys are keyed hashes: neither the identifier nor the address is kept in plaintext. */
const keyed = (text: string): string =>
  createHmac('sha256', process.env.API_TOKEN_SALT || process.env.APP_KEYS || 'clinic-cms-login-guard').update(text, 'utf8').digest('hex').slice(0, 32);

/** Strapi's own error classes carry no status: their name says it (as in Strapi's error middleware). */
const STATUS_BY_NAME: Record<string, number> = {
  ValidationError: 400,
  ApplicationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  RateLimitError: 429,
};
const statusOf = (error: unknown): number | undefined => {
  const e = error as { status?: number; statusCode?: number; name?: string };
  return e.status ?? e.statusCode ?? (e.name ? STATUS_BY_NAME[e.name] : undefined);
};

const accessLog = (strapi: Core.Strapi) =>
  strapi.plugin('privacy-guard').service('access-log') as { record(input: AccessRecord): Promise<unknown> };

/**
 * Repeated failed logins, admin (`POST /admin/login`) and member (`POST /api/auth/local`): after
 * five failures within 15 minutes for one account or from one client address, every login of
 * that account or from that address is refused with `429 RATE_LIMITED` for 15 minutes, even with
 * the right password. Each failure and each lockout goes into the access log; a lockout mails the
 * privacy officer once, through the outbox.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    const matched = ctx.method === 'POST' ? LOGIN_PATHS[ctx.path.replace(/\/+$/, '')] : undefined;
    if (!matched) return next();
    const kind: 'admin' | 'member' = matched;
    const { limiter } = guard(strapi);
    const body = ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;
    const rawIdentifier = kind === 'admin' ? body.email : body.identifier;
    const identifier = typeof rawIdentifier === 'string' && rawIdentifier.trim() ? rawIdentifier.trim().toLowerCase() : null;
    const accountKey = identifier ? `${kind}:account:${keyed(`${kind}:${identifier}`)}` : null;
    const addressKey = `${kind}:address:${keyed(ctx.request.ip ?? 'unknown')}`;
    const keys = [accountKey, addressKey].filter((k): k is string => k !== null);

    for (const key of keys) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= MAX_FAILURES && state.msBeforeNext > 0) {
        const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
        ctx.set('Retry-After', String(seconds));
        throw fail(429, 'RATE_LIMITED', 'Too many failed logins; try again later', { retryAfterSeconds: seconds });
      }
    }

    let failed = false;
    try {
      await next();
      failed = ctx.status === 400 || ctx.status === 401;
    } catch (error) {
      const status = statusOf(error);
      if (status === 400 || status === 401) await onFailure().catch((e) => strapi.log.error(`login guard: ${(e as Error).message}`));
      // Strapi's own login rate limits answer 429 without a code: give them the app's.
      if (status === 429) {
        const e = error as { details?: Record<string, unknown> };
        e.details = { ...(e.details ?? {}), code: 'RATE_LIMITED' };
      }
      throw error;
    }
    if (failed) await onFailure().catch((e) => strapi.log.error(`login guard: ${(e as Error).message}`));
    else if (ctx.status < 300 && accountKey) await limiter.delete(accountKey);

    async function onFailure() {
      const staffId = kind === 'admin' && identifier ? await adminIdOf(identifier) : null;
      const who = {
        staffId,
        staffRole: kind === 'admin' ? 'admin' : 'member',
        clientAddress: ctx.request.ip,
        targetDocumentId: accountKey ? `account:${accountKey.slice(-16)}` : null,
      };
      await accessLog(strapi).record({ ...who, action: 'login_failed', reason: `${kind} login` });
      const locked: string[] = [];
      for (const key of keys) {
        let consumed: number;
        try {
          consumed = (await limiter.consume(key)).consumedPoints;
        } catch (refusal) {
          if (refusal instanceof RateLimiterRes) continue; // already over: locked by a concurrent failure
          throw refusal;
        }
        if (consumed < MAX_FAILURES) continue;
        await limiter.block(key, LOCK_SECONDS);
        locked.push(key);
      }
      if (locked.length === 0) return;
      // One lockout (one log row, one mail), whether the account, the address or both reached the limit.
      const by = locked.map((key) => (key === accountKey ? 'account' : 'client address')).join(' and ');
      await accessLog(strapi).record({ ...who, action: 'lockout', reason: `${kind} login locked for ${LOCK_SECONDS / 60} minutes by ${by}` });
      await alertOfficer(strapi, { kind, by, key: locked[0], staffId, clientAddress: truncateAddress(ctx.request.ip) });
    }
  };

  async function adminIdOf(email: string): Promise<number | null> {
    const user = (await strapi.db.query('admin::user').findOne({ where: { email }, select: ['id'] })) as { id?: number } | null;
    return user?.id ?? null;
  }
};

interface Lockout {
  kind: 'admin' | 'member';
  by: string;
  key: string;
  staffId: number | null;
  clientAddress: string | null;
}

/** One mail to the privacy officer per lockout (the dedupe key names the lockout's window). */
async function alertOfficer(strapi: Core.Strapi, lockout: Lockout) {
  const settings = await clinicService(strapi).settings();
  const to = settings.officer.email ?? settings.email;
  if (!to) {
    strapi.log.warn('login guard: a lockout happened and no privacy officer email is set');
    return;
  }
  const until = new Date(Date.now() + LOCK_SECONDS * 1000).toISOString();
  const account = lockout.kind === 'admin' ? `an admin account${lockout.staffId ? ` (staff #${lockout.staffId})` : ''}` : 'a member account';
  const lines = [
    `${MAX_FAILURES} failed logins within ${WINDOW_SECONDS / 60} minutes locked ${lockout.by.startsWith('account') ? account : `logins from the network ${lockout.clientAddress ?? 'unknown'}`} (by ${lockout.by}).`,
    `Kind of login: ${lockout.kind}. Network: ${lockout.clientAddress ?? 'unknown'}. Locked until ${until}.`,
    'The access log (GET /privacy-guard/access-log?action=lockout) holds the details.',
  ];
  const text = lines.join('\n\n');
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  try {
    await outboxService(strapi).enqueue({
      kind: 'login-lockout',
      to,
      locale: settings.defaultLocale,
      subject: `[${settings.name}] Login lockout`,
      text,
      html: lines.map((l) => `<p>${escape(l)}</p>`).join(''),
      dedupeKey: `login-lockout:${lockout.key}:${Math.floor(Date.now() / (LOCK_SECONDS * 1000))}`,
    });
  } catch (error) {
    // A concurrent instance already mailed this lockout (the dedupe key is unique).
    strapi.log.warn(`login guard: officer alert not enqueued (${(error as { code?: string }).code ?? 'error'})`);
  }
}
