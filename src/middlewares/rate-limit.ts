import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { fail } from '../../plugins/privacy-guard/server/src';
import { privacyGuard } from '../utils/privacy-guard';

/**
 * `RATE_LIMIT_PER_MINUTE` public writes per client address (default 30), counted by the plugin's
 * limits (shared through Redis when `REDIS_URL` is set). Over it: `429 RATE_LIMITED` with `Retry-After`.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    const wait = await privacyGuard(strapi).service('limits').publicWrite(ctx.request.ip);
    if (wait !== null) throw tooMany(ctx, wait, 'Too many requests; please wait a minute');
    await next();
  };
};

/** `429 RATE_LIMITED` with `Retry-After`: what every limit answers. */
export function tooMany(ctx: Context, seconds: number, message: string): Error {
  ctx.set('Retry-After', String(seconds));
  return fail(429, 'RATE_LIMITED', message, { retryAfterSeconds: seconds });
}

/**
 * A mail that a public request causes, counted per recipient and per client before anything is
 * stored: over either, `429 RATE_LIMITED` and nothing changes (no open relay under the clinic's name).
 */
export async function limitMail(strapi: Core.Strapi, ctx: Context, email: string): Promise<void> {
  // The address was validated before (a non-empty e-mail), so it always has a lookup hash.
  const recipientKey = privacyGuard(strapi).service('crypto').lookupHash('email', email)!;
  const wait = await privacyGuard(strapi).service('limits').mail(recipientKey, ctx.request.ip);
  if (wait !== null) throw tooMany(ctx, wait, 'Too many mails to this address or from this client; please try again later');
}
