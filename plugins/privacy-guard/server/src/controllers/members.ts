import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/validate';

const emptyBody = z.object({}).strict();
const body = (ctx: Context) => (ctx.request as { body?: unknown }).body;
const staffOf = (ctx: Context) => (ctx.state as { user?: { id?: number } }).user?.id ?? 0;

/** Members as the privacy officer acts on them: expulsion. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    /** Expulsion: the member's data destroyed now, logged as this staff member's act. */
    async expel(ctx: Context) {
      const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), ctx.params);
      parse(emptyBody, body(ctx));
      ctx.body = {
        data: await getService(strapi, 'rights').expel(id, staffOf(ctx)),
      };
    },
  };
};
