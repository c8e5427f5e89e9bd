import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/app';
import { ACCESS_ACTIONS } from '../services/access-log';

const listQuery = z
  .object({
    staff: z.coerce.number().int().min(1).optional(),
    subject: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'Not a subject id').optional(),
    action: z.enum(ACCESS_ACTIONS).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const q = parse(listQuery, ctx.query);
    const result = await getService(strapi, 'access-log').list({
      staff: q.staff,
      subject: q.subject,
      action: q.action,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      page: q.page,
      pageSize: q.pageSize,
    });
    ctx.body = { data: result.data, meta: { pagination: result.pagination } };
  },

  async verify(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'access-log').verify() };
  },
});
