import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/app';
import { auditOf } from '../utils/audit';
import { refuse } from '../utils/refusals';
import { declarations } from '../declarations';
import { MARKABLE } from '../services/front-desk';
import { localDate } from '../../../../../src/utils/clinic-time';
import { clinicSettings } from '../utils/app';

const dayQuery = z.object({ date: z.iso.date().optional() }).strict();
const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an id') });
const markBody = z.object({ state: z.enum(MARKABLE) }).strict();

/** The front desk's day view; every list, opening and change goes to the access log. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const RESERVATION = declarations(strapi).uid('reservation');
  const audit = auditOf(strapi);
  const desk = () => getService(strapi, 'front-desk');

  return {
    async day(ctx: Context) {
      const q = parse(dayQuery, ctx.query);
      const date = q.date ?? localDate(getService(strapi, 'clock').now(), (await clinicSettings(strapi).settings()).timeZone);
      const day = await desk().day(date);
      await audit(ctx, {
        action: 'list',
        contentType: RESERVATION,
        reason: `front desk day ${date}: ${day.reservations.length} entries, masked`,
      });
      ctx.body = { data: day };
    },

    async open(ctx: Context) {
      const { id } = parse(idParams, ctx.params);
      const reservation = await desk().open(id);
      if (!reservation) throw refuse(404, 'NOT_FOUND', 'No such reservation');
      await audit(ctx, { action: 'read', contentType: RESERVATION, targetDocumentId: id, subjectId: reservation.subjectId });
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: reservation };
    },

    async mark(ctx: Context) {
      const { id } = parse(idParams, ctx.params);
      const { state } = parse(markBody, (ctx.request as { body?: unknown }).body);
      const result = await desk().mark(id, state);
      if (result === null) throw refuse(404, 'NOT_FOUND', 'No such reservation');
      if (result === false) throw refuse(409, 'NOT_CONFIRMED', 'Only a confirmed reservation can be marked completed or no-show');
      await audit(ctx, {
        action: 'change',
        contentType: RESERVATION,
        targetDocumentId: id,
        subjectId: result.subjectId,
        reason: `marked ${state}`,
      });
      ctx.body = { data: { id, state: result.state } };
    },
  };
};
