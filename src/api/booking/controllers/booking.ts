import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { limitMail } from '../../../middlewares/rate-limit';
import { z } from 'zod';
import { parse, localeSchema, isCalendarDate, notFound } from '../../../../plugins/privacy-guard/server/src';
import { bookingService, manageService, reservationsService } from '../../../utils/services';

const documentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an id');
const calendarDate = z.string().refine(isCalendarDate, 'Use a real date written YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true, message: 'Use ISO 8601 with an offset, e.g. 2026-03-10T09:00:00+09:00' });
const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'Not a phone number');
const email = z.email().max(254);

const servicesQuery = z.object({ locale: localeSchema.optional() }).strict();

const slotsQuery = z
  .object({
    service: documentId,
    from: calendarDate,
    to: calendarDate,
    practitioner: documentId.optional(),
    locale: localeSchema.optional(),
  })
  .strict();

const reservationBody = z
  .object({
    service: documentId,
    practitioner: documentId.optional(),
    start: instant,
    patient: z
      .object({
        name: text(100),
        birthDate: calendarDate,
        gender: text(30).optional(),
        phone,
        email,
      })
      .strict(),
    consents: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.boolean()),
    guardian: z.object({ name: text(100), phone, email, relationship: text(50) }).strict().optional(),
    locale: localeSchema.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'Use 1 to 255 visible ASCII characters').optional();

/** A manage token is 32 bytes in base64url; anything else cannot be one, and gets the same 404 as a wrong one. */
const manageToken = /^[A-Za-z0-9_-]{43}$/;
const localeQuery = z.object({ locale: localeSchema.optional() }).strict();
const cancelBody = z.object({}).strict();
const rescheduleBody = z.object({ start: instant }).strict();
const guardianBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'The code has 6 digits') }).strict();
const resendBody = z.object({}).strict();

function tokenOf(ctx: Context): string {
  const token = String(ctx.params.token ?? '');
  if (!manageToken.test(token)) throw notFound('No reservation behind this link');
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
