import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/validate';

const documentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an id');
const resolveComplaintBody = z.object({ result: z.string().trim().min(1).max(5000) }).strict();

const body = (ctx: Context) => (ctx.request as { body?: unknown }).body;

/** The privacy officer's answer to a complaint. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    async resolve(ctx: Context) {
      const id = parse(z.object({ id: documentId }), ctx.params).id;
      const input = parse(resolveComplaintBody, body(ctx));
      ctx.body = {
        data: await getService(strapi, 'rights').resolveComplaint(id, input),
      };
    },
  };
};
