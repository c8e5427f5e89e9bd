import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { clientKey, fail, normaliseEmail, truncateAddress, routeOf } from '../../plugins/privacy-guard/server/src';
import { clinicService, outboxService } from '../utils/services';
import { privacyGuard } from '../utils/privacy-guard';
import { createTallyStore, type TallyStore } from '../utils/login-failures';
import { databaseErrorCode } from './database-errors';

/** Failed logins at one account from one address before that pair waits. */
export const FREE_FAILURES = 5;
/** Accounts failing from one address, or addresses failing at one account, within an hour: a pattern. */
export const SPREAD_LIMIT = 5;
export const FIRST_DELAY_SECONDS = 60;
export const MAX_DELAY_SECONDS = 60 * 60;
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;
const SPREAD_WINDOW_MS = 60 * 60 * 1000;

/** The routes guarded, by their declared path (whatever spelling of it the router accepted). */
const LOGIN_ROUTES: Record<string, 'admin' | 'member'> = {
  '/admin/login': 'admin',
  '/api/auth/local': 'member',
};

/** The wait after the `count`-th event once `free` are spent: 1 minute, doubling, at most an hour. */
export const delaySeconds = (count: number, free: number): number =>
  count < free ? 0 : Math.min(FIRST_DELAY_SECONDS * 2 ** (count - free), MAX_DELAY_SECONDS);

const stores = new WeakMap<Core.Strapi, TallyStore>();

function store(strapi: Core.Strapi): TallyStore {
  let entry = stores.get(strapi);
  if (!entry) {
    entry = createTallyStore();
    stores.set(strapi, entry);
  }
  return entry;
}

export async function closeLoginGuard(strapi: Core.Strapi) {
  await stores.get(strapi)?.close();
  stores.delete(strapi);
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
/** A right password on an account whose address is not confirmed yet is no guess. */
const isGuess = (error: unknown) => (error as { details?: { code?: string } }).details?.code !== 'EMAIL_UNVERIFIED';

const accessLog = (strapi: Core.Strapi) => privacyGuard(strapi).service('access-log');
const nowMs = (strapi: Core.Strapi) => privacyGuard(strapi).service('clock').now().getTime();

/**
 * Repeated failed logins, admin (`POST /admin/login`) and member (`POST /api/auth/local`),
 * matched by route. Nobody can lock someone else out: the wait is per account AND client
 * address, so guessing at an account from one address makes only that address wait, with
 * growing delays (after 5 failures 1 minute, then doubling with each further failure, at most an
 * hour; forgotten after a day without failures or at a successful login). An address trying
 * many accounts (5 within an hour) waits for every account, with the same growing delays. Many
 * addresses failing at one account lock nothing more but alert the officer. Refusals answer
 * `429 RATE_LIMITED` with `Retry-After`; each failure goes into the connection log (kept 3 months),
 * each lockout or pattern into the access log, and the officer is mailed once per lockout, naming the pattern.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST') return next();
    const route = routeOf(strapi, ctx);
    const matched = route ? LOGIN_ROUTES[route] : undefined;
    if (!matched) return next();
    const kind: 'admin' | 'member' = matched;
    const tallies = store(strapi);
    const body = ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;
    const rawIdentifier = kind === 'admin' ? body.email : body.identifier;
    // Counted under the spelling the account is found by (NFKC, as the account's lookup hash):
    // `ｄahye@…` reaches the same member as `dahye@…`, so it must not be a fresh account here.
    const normalised = typeof rawIdentifier === 'string' ? normaliseEmail(rawIdentifier) : '';
    const identifier = normalised || null;
    // An IPv6 client by its /64: it can take any address of it for every guess.
    const address = clientKey(ctx.request.ip);
    const accountHash = identifier ? keyed(`${kind}:${identifier}`) : null;
    const keys = {
      pair: `${kind}:pair:${keyed(`${kind}:${identifier ?? ''}:${address}`)}`,
      addressAccounts: `${kind}:address-accounts:${keyed(address)}`,
      accountAddresses: accountHash ? `${kind}:account-addresses:${accountHash}` : null,
    };

    const now = nowMs(strapi);
    const pair = await tallies.read(keys.pair, now, FAILURE_MEMORY_MS);
    const spread = await tallies.read(keys.addressAccounts, now, SPREAD_WINDOW_MS);
    const waitMs = Math.max(
      pair ? pair.lastAt + delaySeconds(pair.count, FREE_FAILURES) * 1000 - now : 0,
      spread ? spread.lastAt + delaySeconds(spread.count, SPREAD_LIMIT) * 1000 - now : 0,
    );
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      ctx.set('Retry-After', String(seconds));
      throw fail(429, 'RATE_LIMITED', 'Too many failed logins; try again later', { retryAfterSeconds: seconds });
    }

    let failed = false;
    try {
      await next();
      failed = ctx.status === 400 || ctx.status === 401;
    } catch (error) {
      const status = statusOf(error);
      if ((status === 400 || status === 401) && isGuess(error)) await onFailure().catch(unrecorded);
      // Strapi's own login rate limits answer 429 without a code: give them the app's.
      if (status === 429) {
        const e = error as { details?: Record<string, unknown> };
        e.details = { ...(e.details ?? {}), code: 'RATE_LIMITED' };
      }
      throw error;
    }
    if (failed) await onFailure().catch(unrecorded);
    else if (ctx.status < 300) await tallies.clear(keys.pair);

    async function onFailure() {
      const staffId = kind === 'admin' && identifier ? await adminIdOf(identifier) : null;
      const who = {
        staffId,
        staffRole: kind === 'admin' ? 'admin' : 'member',
        clientAddress: ctx.request.ip,
        targetDocumentId: accountHash ? `account:${accountHash.slice(-16)}` : null,
      };
      // The attempt goes to the connection log (3 months): a member's by the log-in handler itself, with its result.
      if (kind === 'admin') await privacyGuard(strapi).service('connection-log').record({ channel: 'admin', staffId, result: 'failure', clientAddress: ctx.request.ip });
      const at = nowMs(strapi);
      const failures = await tallies.bump(keys.pair, at, FAILURE_MEMORY_MS);
      const found: Lockout[] = [];
      const base = { kind, staffId, clientAddress: truncateAddress(ctx.request.ip) };
      if (failures.count === 1) {
        // A new account for this address, a new address for this account.
        const accounts = await tallies.bump(keys.addressAccounts, at, SPREAD_WINDOW_MS);
        const wait = delaySeconds(accounts.count, SPREAD_LIMIT);
        if (wait > 0) found.push({ ...base, pattern: 'many-accounts-one-address', count: accounts.count, waitSeconds: wait, key: keys.addressAccounts, alert: accounts.count === SPREAD_LIMIT });
        if (keys.accountAddresses) {
          const addresses = await tallies.bump(keys.accountAddresses, at, SPREAD_WINDOW_MS);
          if (addresses.count === SPREAD_LIMIT) found.push({ ...base, pattern: 'many-addresses-one-account', count: addresses.count, waitSeconds: 0, key: keys.accountAddresses, alert: true });
        }
      }
      const wait = delaySeconds(failures.count, FREE_FAILURES);
      if (wait > 0) found.push({ ...base, pattern: 'one-account-one-address', count: failures.count, waitSeconds: wait, key: keys.pair, alert: failures.count === FREE_FAILURES });
      for (const lockout of found) {
        await accessLog(strapi).record({ ...who, action: 'lockout', reason: describe(lockout) });
        if (lockout.alert) await alertOfficer(strapi, lockout, at);
      }
    }
  };

  /**
   * Logged by its code alone: a database error's message is its statement with the bound values
   * (the staff id, the truncated address, the account's hash).
   */
  function unrecorded(error: unknown) {
    strapi.log.error(`login guard: a failed login could not be recorded (${databaseErrorCode(error) ?? (error instanceof Error ? error.name : 'error')})`);
  }

  async function adminIdOf(email: string): Promise<number | null> {
    const user = (await strapi.db.query('admin::user').findOne({ where: { email }, select: ['id'] })) as { id?: number } | null;
    return user?.id ?? null;
  }
};

type Pattern = 'one-account-one-address' | 'many-accounts-one-address' | 'many-addresses-one-account';

interface Lockout {
  kind: 'admin' | 'member';
  pattern: Pattern;
  count: number;
  /** How long the address waits now (0: an alert only, nobody is locked). */
  waitSeconds: number;
  key: string;
  alert: boolean;
  staffId: number | null;
  clientAddress: string | null;
}

const account = (lockout: Lockout) =>
  lockout.kind === 'admin' ? `an admin account${lockout.staffId ? ` (staff #${lockout.staffId})` : ''}` : 'a member account';

/** What happened, in the officer's words, naming the pattern (and never the account's identifier). */
function describe(lockout: Lockout): string {
  const network = lockout.clientAddress ?? 'an unknown network';
  switch (lockout.pattern) {
    case 'one-account-one-address':
      return `${lockout.kind} login: ${lockout.count} failed logins at ${account(lockout)} from one address in ${network}; that address waits ${lockout.waitSeconds} s for that account (pattern one-account-one-address); other addresses are not affected`;
    case 'many-accounts-one-address':
      return `${lockout.kind} login: ${lockout.count} accounts failed from one address in ${network} within an hour; that address waits ${lockout.waitSeconds} s for every account (pattern many-accounts-one-address)`;
    case 'many-addresses-one-account':
      return `${lockout.kind} login: failed logins at ${account(lockout)} from ${lockout.count} addresses within an hour (pattern many-addresses-one-account); each address waits on its own, the account stays open to its owner`;
  }
}

/** One mail to the privacy officer per lockout (the dedupe key names the pattern, the key and the hour). */
async function alertOfficer(strapi: Core.Strapi, lockout: Lockout, at: number) {
  const settings = await clinicService(strapi).settings();
  const to = settings.officer.email ?? settings.email;
  if (!to) {
    strapi.log.warn('login guard: a lockout happened and no privacy officer email is set');
    return;
  }
  const lines = [
    describe(lockout).replace(/^(admin|member) login: /, '') + '.',
    `Kind of login: ${lockout.kind}. Pattern: ${lockout.pattern}. Network: ${lockout.clientAddress ?? 'unknown'}. At ${new Date(at).toISOString()}.`,
    'The access log (GET /privacy-guard/access-log?action=lockout) holds the details.',
  ];
  const text = lines.join('\n\n');
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  try {
    await outboxService(strapi).enqueue({
      kind: 'login-lockout',
      to,
      locale: settings.defaultLocale,
      subject: `[${settings.name}] Login lockout: ${lockout.pattern}`,
      text,
      html: lines.map((l) => `<p>${escape(l)}</p>`).join(''),
      dedupeKey: `login-lockout:${lockout.pattern}:${lockout.key}:${Math.floor(at / SPREAD_WINDOW_MS)}`,
    });
  } catch (error) {
    // A concurrent instance already mailed this lockout (the dedupe key is unique).
    strapi.log.warn(`login guard: officer alert not enqueued (${(error as { code?: string }).code ?? 'error'})`);
  }
}
