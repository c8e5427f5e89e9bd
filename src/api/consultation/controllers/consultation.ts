import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse, localeSchema } from '../../../../plugins/privacy-guard/server/src';
import { limitMail } from '../../../middlewares/rate-limit';
import type consultation from '../services/consultation';

const body = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.email().max(254),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).optional(),
    question: z.string().trim().min(1).max(5000),
    consents: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.boolean()),
    locale: localeSchema.optional(),
  })
  .strict();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const input = parse(body, (ctx.request as { body?: unknown }).body);
    // The receipt is mailed to the address given: no open relay under the clinic's name.
    await limitMail(strapi, ctx, input.email);
    const service = strapi.service('api::consultation.consultation') as unknown as ReturnType<typeof consultation>;
    ctx.status = 201;
    ctx.body = { data: await service.ask(input, ctx.request.ip) };
  },
});
