import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { SELF_ACCESS_ROLE } from '../utils/staff';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/app';
import { localeSchema } from '../../../../../src/utils/locale';
import { declarations } from '../declarations';

/** The items a correction may name are those the content types declare `correctable`. */
const correctionBody = (items: string[]) =>
  z
    .object({
      field: z.enum(items as [string, ...string[]]),
      value: z.string().trim().min(1).max(500),
      reason: z.string().trim().max(1000).optional(),
    })
    .strict();
const withdrawalBody = z.object({}).strict();
const consentsBody = z
  .object({ consents: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/).max(64), z.boolean()).refine((c) => Object.keys(c).length > 0, 'name at least one item') })
  .strict();
const complaintBody = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(100).optional(),
    message: z.string().trim().min(1).max(5000),
    locale: localeSchema.optional(),
  })
  .strict();

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
