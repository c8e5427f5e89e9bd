import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/validate';
import { stringify } from 'csv-stringify/sync';
import { ACCESS_ACTIONS } from '../services/access-log';

const ACCESS_REVIEW = 'plugin::privacy-guard.access-review';
const EXPORT_LIMIT = 50_000;

const listQuery = z
  .object({
    staff: z.coerce.number().int().min(1).optional(),
    subject: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,80}$/, 'Not a subject id')
      .optional(),
    action: z.enum(ACCESS_ACTIONS).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
const exportQuery = listQuery.omit({ page: true, pageSize: true }).extend({ reason: z.string().trim().min(3).max(200) });
const reviewBody = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month as YYYY-MM'),
    note: z.string().trim().min(1).max(2000),
  })
  .strict();

const filtersOf = (q: z.infer<typeof exportQuery> | z.infer<typeof listQuery>) => ({
  staff: q.staff,
  subject: q.subject,
  action: q.action,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const q = parse(listQuery, ctx.query);
    const result = await getService(strapi, 'access-log').list({
      ...filtersOf(q),
      page: q.page,
      pageSize: q.pageSize,
    });
    ctx.body = { data: result.data, meta: { pagination: result.pagination } };
  },

  async verify(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'access-log').verify() };
  },

  /** The log as CSV, for the filters given; the export is itself logged (by its route) with the reason the officer gave. */
  async export(ctx: Context) {
    const q = parse(exportQuery, ctx.query);
    const { data } = await getService(strapi, 'access-log').list({ ...filtersOf(q), page: 1, pageSize: EXPORT_LIMIT });
    const columns = [
      'seq',
      'occurredAt',
      'staffId',
      'staffRole',
      'action',
      'contentType',
      'targetDocumentId',
      'subjectId',
      'reason',
      'clientAddress',
      'hash',
    ];
    const csv = stringify(data as unknown as Array<Record<string, unknown>>, { header: true, columns });
    ctx.set('X-Total-Count', String(data.length));
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="access-log-${new Date().toISOString().slice(0, 10)}.csv"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = csv;
  },

  /** The monthly reviews of the log: which months were reviewed, by whom, with what note. */
  async reviews(ctx: Context) {
    const rows = await strapi.db
      .query(ACCESS_REVIEW)
      .findMany({ select: ['month', 'reviewedBy', 'note', 'reviewedAt'], orderBy: { month: 'desc' } });
    ctx.body = { data: rows };
  },

  async review(ctx: Context) {
    const input = parse(reviewBody, (ctx.request as { body?: unknown }).body);
    const reviewedBy = (ctx.state as { user?: { id?: number } }).user?.id ?? null;
    const data = { ...input, reviewedBy, reviewedAt: getService(strapi, 'clock').now() };
    const existing = await strapi.db.query(ACCESS_REVIEW).findOne({ where: { month: input.month } });
    const saved = existing
      ? await strapi.db.query(ACCESS_REVIEW).update({ where: { id: existing.id }, data })
      : await strapi.db.query(ACCESS_REVIEW).create({ data });
    ctx.status = existing ? 200 : 201;
    ctx.body = { data: { month: saved.month, reviewedBy: saved.reviewedBy, note: saved.note, reviewedAt: saved.reviewedAt } };
  },
});
