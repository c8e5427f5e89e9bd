import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService, host } from '../utils';
import { parse } from '../utils/validate';
import { refuse } from '../utils/errors';
import { MARKABLE } from '../services/front-desk';
import { localDate } from '../utils/clinic-time';

const dayQuery = z.object({ date: z.iso.date().optional() }).strict();
const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an id') });
const markBody = z.object({ state: z.enum(MARKABLE) }).strict();

/** The front desk's day view; every list, opening and change goes to the access log (declared on its routes). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const desk = () => getService(strapi, 'front-desk');

  return {
    async day(ctx: Context) {
      const q = parse(dayQuery, ctx.query);
      const date = q.date ?? localDate(getService(strapi, 'clock').now(), (await host(strapi).clinic.settings()).timeZone);
      const day = await desk().day(date);
      ctx.body = { data: day };
    },

    async open(ctx: Context) {
      const { id } = parse(idParams, ctx.params);
      const reservation = await desk().open(id);
      if (!reservation) throw refuse(404, 'NOT_FOUND', 'No such reservation');
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: reservation };
    },

    async mark(ctx: Context) {
      const { id } = parse(idParams, ctx.params);
      const { state } = parse(markBody, (ctx.request as { body?: unknown }).body);
      const result = await desk().mark(id, state);
      if (result === null) throw refuse(404, 'NOT_FOUND', 'No such reservation');
      if (result === false) throw refuse(409, 'NOT_CONFIRMED', 'Only a confirmed reservation can be marked completed or no-show');
      ctx.body = { data: { id, state: result.state } };
    },
  };
};
