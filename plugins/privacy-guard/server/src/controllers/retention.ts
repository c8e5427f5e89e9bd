import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/validate';
import { refuse } from '../utils/errors';

const runBody = z.object({}).strict();
const logQuery = z
  .object({
    rule: z.string().max(64).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const body = (ctx: Context) => (ctx.request as { body?: unknown }).body;
const staffOf = (ctx: Context) => (ctx.state as { user?: { id?: number } }).user?.id ?? 0;

/** The privacy officer's routes: overdue requests, retention preview and run, destruction log. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    /** Corrections and complaints past their 10-day deadline. */
    async overdue(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'deadlines').overdue() };
    },

    async preview(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'retention').preview() };
    },

    async run(ctx: Context) {
      parse(runBody, body(ctx));
      const result = await getService(strapi, 'retention').run({
        performedBy: `admin:${staffOf(ctx)}`,
      });
      if (!result.ran) throw refuse(409, 'SWEEP_RUNNING', 'A retention sweep is running on another instance; try again later');
      ctx.body = { data: { counts: result.counts, batches: result.batches } };
    },

    async destructionLog(ctx: Context) {
      const q = parse(logQuery, ctx.query);
      const where: Record<string, unknown> = {};
      if (q.rule) where.rule = q.rule;
      if (q.from || q.to)
        where.occurredAt = {
          ...(q.from ? { $gte: new Date(q.from) } : {}),
          ...(q.to ? { $lte: new Date(q.to) } : {}),
        };
      const uid = 'plugin::privacy-guard.destruction-entry';
      const [rows, total] = await Promise.all([
        strapi.db.query(uid).findMany({
          where,
          select: ['rule', 'category', 'contentType', 'subjectId', 'count', 'performedBy', 'occurredAt'],
          orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
          offset: (q.page - 1) * q.pageSize,
          limit: q.pageSize,
        }),
        strapi.db.query(uid).count({ where }),
      ]);
      ctx.body = {
        data: rows,
        meta: {
          pagination: {
            page: q.page,
            pageSize: q.pageSize,
            total,
            pageCount: Math.ceil(total / q.pageSize),
          },
        },
      };
    },

  };
};
