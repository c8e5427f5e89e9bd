import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { insertRows } from '../utils/bulk';
import { tableOf } from './tables';
import { sortableId } from './sortable-id';

export const DESTRUCTION_UID = 'plugin::privacy-guard.destruction-entry';
const CHUNK = 1000;

/** One row of the destruction log: what went, never the values. */
export interface DestructionLine {
  rule: string;
  category: string;
  contentType: string;
  subjectId: string | null;
  count: number;
}

/** The destruction log: appended inside the transaction that destroys. */
export const destructionLogRepository = (strapi: Core.Strapi) => ({
  async append(trx: Knex.Transaction, entries: DestructionLine[], performedBy: string, at: Date): Promise<void> {
    const rows = entries
      .filter((e) => e.count > 0)
      .map((e) => ({
        document_id: sortableId('destr'),
        rule: e.rule,
        category: e.category,
        content_type: e.contentType,
        subject_id: e.subjectId,
        count: e.count,
        performed_by: performedBy,
        occurred_at: at,
        created_at: at,
        updated_at: at,
        published_at: at,
      }));
    const table = tableOf(strapi, DESTRUCTION_UID);
    for (let i = 0; i < rows.length; i += CHUNK) await insertRows(trx, table, rows.slice(i, i + CHUNK));
  },
});
