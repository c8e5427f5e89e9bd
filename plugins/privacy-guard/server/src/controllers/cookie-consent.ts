import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/validate';

const body = z
  .object({
    consentId: z.uuid(),
    categories: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.boolean()),
    policyVersion: z.number().int().positive(),
  })
  .strict();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const choice = parse(body, (ctx.request as { body?: unknown }).body);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'cookieConsent').save(choice, ctx.request.ip) };
  },
});
