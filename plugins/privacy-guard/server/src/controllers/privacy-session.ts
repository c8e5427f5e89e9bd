import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../utils/validate';
import { refuse } from '../utils/errors';

import { sessionBody, verifyBody } from '../contract/privacy';

const body = (ctx: Context) => (ctx.request as { body?: unknown }).body;
const sessionHeader = (ctx: Context) => ctx.get('X-Privacy-Session') || null;
const noSession = () => refuse(401, 'VERIFICATION_REQUIRED', 'Send the privacy session as "X-Privacy-Session"');

/** `POST /api/privacy/verify` and the privacy session: open it (link or code), look at it, close it. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sessions = () => getService(strapi, 'privacy-session');

  return {
    async verify(ctx: Context) {
      const { email, locale } = parse(verifyBody, body(ctx));
      // The mail is counted per client too (its address has its own count in the service): no client makes the clinic mail many addresses.
      const fromClient = await getService(strapi, 'limits').mailFromClient(ctx.request.ip);
      const limited = fromClient !== null ? { retryAfterSeconds: fromClient } : await sessions().request(email, locale ?? 'en');
      if (limited) {
        ctx.set('Retry-After', String(limited.retryAfterSeconds));
        throw sessions().tooMany(limited.retryAfterSeconds);
      }
      ctx.status = 202;
      ctx.body = { data: { status: 'sent' } };
    },

    async open(ctx: Context) {
      const input = parse(sessionBody, body(ctx));
      const opened = 'token' in input ? await sessions().openWithToken(input.token) : await sessions().openWithCode(input.email, input.code);
      ctx.status = 201;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: { session: opened.session, expiresAt: opened.expiresAt.toISOString() } };
    },

    async show(ctx: Context) {
      const session = sessionHeader(ctx);
      if (!session) throw noSession();
      const { expiresAt } = await sessions().check(session);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: { expiresAt: expiresAt.toISOString() } };
    },

    async revoke(ctx: Context) {
      const session = sessionHeader(ctx);
      if (!session) throw noSession();
      await sessions().revoke(session);
      ctx.status = 204;
    },
  };
};
