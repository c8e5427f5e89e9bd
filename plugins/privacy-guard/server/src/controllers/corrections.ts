import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/validate';

const documentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an id');
const correctionsQuery = z.object({ status: z.enum(['pending', 'applied', 'rejected']).optional() }).strict();
const resolveCorrectionBody = z
  .object({
    outcome: z.enum(['applied', 'rejected']),
    message: z.string().trim().min(1).max(2000),
  })
  .strict();

const body = (ctx: Context) => (ctx.request as { body?: unknown }).body;

/** The privacy officer's correction requests: the list and the decision. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    async list(ctx: Context) {
      const { status } = parse(correctionsQuery, ctx.query);
      ctx.body = {
        data: await getService(strapi, 'rights').listCorrections(status),
      };
    },

    async resolve(ctx: Context) {
      const id = parse(z.object({ id: documentId }), ctx.params).id;
      const input = parse(resolveCorrectionBody, body(ctx));
      ctx.body = {
        data: await getService(strapi, 'rights').resolveCorrection(id, input),
      };
    },
  };
};
