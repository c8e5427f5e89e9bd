import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { SELF_ACCESS_ROLE } from '../utils/staff';
import { getService } from '../utils';
import { parse } from '../utils/validate';
import { declarations } from '../declarations';
import { complaintBody, consentsBody, correctionBody, withdrawalBody } from '../contract/privacy';

const body = (ctx: Context) => (ctx.request as { body?: unknown }).body;

/** The person's routes under `/api/privacy/...`: identified by a privacy session, a member JWT or a manage token. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rights = () => getService(strapi, 'rights');
  const correction = correctionBody(declarations(strapi).correctableItems());
  const caller = (ctx: Context) =>
    rights().identify({
      session: ctx.get('X-Privacy-Session') || undefined,
      authorization: ctx.get('Authorization') || undefined,
      manageToken: ctx.get('X-Manage-Token') || undefined,
    });
  /** A caller with proof of control of the address (a manage token or an unconfirmed member: `401 VERIFICATION_REQUIRED`). */
  const verified = async (ctx: Context) => {
    const who = await caller(ctx);
    rights().assertVerified(who);
    return who;
  };

  return {
    async myData(ctx: Context) {
      const who = await caller(ctx);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await rights().myData(who) };
      // The access request, answered at once, goes in the chained access log as the person's own
      // (no staff): the officer's Requests page lists it with its 10-day clock.
      await getService(strapi, 'access-log').record({
        staffId: null,
        staffRole: SELF_ACCESS_ROLE,
        action: 'export',
        contentType: 'my-data',
        subjectId: who.subjectId,
        reason: `access request (${who.via})`,
        clientAddress: ctx.request.ip,
      });
    },

    async correction(ctx: Context) {
      const input = parse(correction, body(ctx));
      const who = await caller(ctx);
      ctx.status = 201;
      ctx.body = { data: await rights().requestCorrection(who, input) };
    },

    async withdrawal(ctx: Context) {
      parse(withdrawalBody, body(ctx));
      const who = await caller(ctx);
      ctx.body = { data: await rights().withdraw(who) };
    },

    async withdrawalPreview(ctx: Context) {
      const who = await caller(ctx);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await rights().withdrawalPreview(who) };
    },

    async consents(ctx: Context) {
      const who = await verified(ctx);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: { items: await getService(strapi, 'consent-choices').list(who.subjectId, who.locale) } };
    },

    async changeConsents(ctx: Context) {
      const { consents } = parse(consentsBody, body(ctx));
      const who = await verified(ctx);
      const choices = getService(strapi, 'consent-choices');
      await choices.change({ subjectId: who.subjectId, locale: who.locale, consents, clientAddress: ctx.request.ip });
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: { items: await choices.list(who.subjectId, who.locale) } };
    },

    async complaint(ctx: Context) {
      const input = parse(complaintBody, body(ctx));
      ctx.status = 201;
      ctx.body = { data: await rights().fileComplaint(input) };
    },
  };
};
