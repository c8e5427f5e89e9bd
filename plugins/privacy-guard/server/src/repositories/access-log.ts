import type { Core } from '@strapi/strapi';
import { tableOf } from './tables';

export const ACCESS_LOG_UID = 'plugin::privacy-guard.access-entry';

export interface AccessLogFilter {
  staff?: number;
  subject?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** The access log's reads outside the chain's own mechanics (utils/hash-chain.ts appends and verifies). */
export const accessLogRepository = (strapi: Core.Strapi) => {
  const table = () => tableOf(strapi, ACCESS_LOG_UID);
  const filtered = (query: ReturnType<Core.Strapi['db']['connection']>, f: AccessLogFilter) => {
    if (f.staff !== undefined) query.where('staff_id', f.staff);
    if (f.subject) query.where('subject_id', f.subject);
    if (f.action) query.where('action', f.action);
    if (f.from) query.where('occurred_at', '>=', f.from);
    if (f.to) query.where('occurred_at', '<=', f.to);
    return query;
  };
  return {
    table,
    /** One page of rows, newest first, and how many match. */
    async page(filter: AccessLogFilter, page: number, pageSize: number): Promise<{ rows: Array<Record<string, unknown>>; total: number }> {
      const knex = strapi.db.connection;
      const [rows, [{ total }]] = await Promise.all([
        filtered(knex(table()).select('*'), filter)
          .orderBy('seq', 'desc')
          .offset((page - 1) * pageSize)
          .limit(pageSize),
        filtered(knex(table()).count({ total: '*' }), filter),
      ]);
      return { rows: rows as Array<Record<string, unknown>>, total: Number(total) };
    },

    /** The latest exports a role made (the people's own my-data answers), newest first. */
    exportsBy: (role: string, limit: number) =>
      strapi.db
        .connection(table())
        .select('subject_id', 'reason', 'occurred_at')
        .where({ staff_role: role, action: 'export' })
        .orderBy('seq', 'desc')
        .limit(limit) as unknown as Promise<Array<{ subject_id: string; reason: string | null; occurred_at: string | Date }>>,
  };
};
