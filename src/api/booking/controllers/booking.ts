import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { limitMail } from '../../../middlewares/rate-limit';
import { z } from 'zod';
import { parse, notFound } from '../../../../plugins/privacy-guard/server/src';
import { bookingService, manageService, reservationsService } from '../../../utils/services';
import {
  cancelBody,
  guardianBody,
  idempotencyKey,
  localeQuery,
  MANAGE_TOKEN,
  rescheduleBody,
  reservationBody,
  resendBody,
  servicesQuery,
  slotsQuery,
} from '../contract';

function tokenOf(ctx: Context): string {
  const token = String(ctx.params.token ?? '');
  if (!MANAGE_TOKEN.test(token)) throw notFound('No reservation behind this link');
  return token;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async services(ctx: Context) {
    const { locale } = parse(servicesQuery, ctx.query);
    ctx.body = { data: await bookingService(strapi).services(locale) };
  },

  async slots(ctx: Context) {
    ctx.body = { data: await bookingService(strapi).slots(parse(slotsQuery, ctx.query)) };
  },

  async reserve(ctx: Context) {
    const body = parse(reservationBody, ctx.request.body);
    const key = parse(z.object({ 'Idempotency-Key': idempotencyKey }), { 'Idempotency-Key': ctx.get('Idempotency-Key') || undefined });
    const answer = await reservationsService(strapi).create(body, {
      clientAddress: ctx.request.ip,
      idempotencyKey: key['Idempotency-Key'],
      limitMail: (email) => limitMail(strapi, ctx, email),
    });
    ctx.status = answer.status;
    ctx.body = answer.body;
  },

  async manage(ctx: Context) {
    const token = tokenOf(ctx);
    const { locale } = parse(localeQuery, ctx.query);
    ctx.body = { data: await manageService(strapi).view(token, locale) };
  },

  async cancel(ctx: Context) {
    const token = tokenOf(ctx);
    const { locale } = parse(localeQuery, ctx.query);
    parse(cancelBody, ctx.request.body);
    ctx.body = { data: await manageService(strapi).cancel(token, locale) };
  },

  async reschedule(ctx: Context) {
    const token = tokenOf(ctx);
    const { locale } = parse(localeQuery, ctx.query);
    const { start } = parse(rescheduleBody, ctx.request.body);
    ctx.body = { data: await manageService(strapi).reschedule(token, start, locale) };
  },

  async guardianConfirm(ctx: Context) {
    const token = tokenOf(ctx);
    const { locale } = parse(localeQuery, ctx.query);
    const { code } = parse(guardianBody, ctx.request.body);
    ctx.body = { data: await manageService(strapi).guardianConfirm(token, code, locale, ctx.request.ip) };
  },

  async guardianResend(ctx: Context) {
    const token = tokenOf(ctx);
    parse(localeQuery, ctx.query);
    parse(resendBody, ctx.request.body);
    ctx.status = 202;
    ctx.body = { data: await manageService(strapi).guardianResend(token, ctx.request.ip) };
  },
});
