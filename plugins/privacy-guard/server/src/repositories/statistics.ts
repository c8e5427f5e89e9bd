import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { insertRows } from '../utils/bulk';
import { tableOf } from './tables';
import { sortableId } from './sortable-id';

export const STATISTIC_UID = 'plugin::privacy-guard.statistic';
const CHUNK = 1000;

/** A `date` column as read back: a 'YYYY-MM-DD' string on both databases (a Date only if a driver parses it). */
const localDay = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

export interface StatisticCount {
  day: string;
  metric: string;
  dimension: string | null;
  channel: string;
  count: number;
}

/** The counts that outlive the reservations: per day, metric, dimension (treatment) and channel. */
export const statisticsRepository = (strapi: Core.Strapi) => {
  const table = () => tableOf(strapi, STATISTIC_UID);
  return {
    /**
     * Adds counts in three statements whatever their number: one read of the rows for these
     * days and metrics, one UPDATE (a CASE on the id) for those that exist, one INSERT for the
     * new ones. A row per count and key used to cost two round trips each, most of a sweep's time.
     */
    async add(trx: Knex.Transaction, counts: StatisticCount[]): Promise<void> {
      if (counts.length === 0) return;
      const at = new Date();
      const key = (day: unknown, metric: unknown, dimension: unknown, channel: unknown) => JSON.stringify([localDay(day), metric, dimension ?? null, channel ?? null]);
      const existing = new Map<string, number>();
      const days = [...new Set(counts.map((c) => c.day))];
      const metrics = [...new Set(counts.map((c) => c.metric))];
      for (let i = 0; i < days.length; i += 500) {
        const rows: Array<{ id: number; day: unknown; metric: string; dimension: string | null; channel: string | null }> = await trx(table())
          .select('id', 'day', 'metric', 'dimension', 'channel')
          .whereIn('day', days.slice(i, i + 500))
          .whereIn('metric', metrics);
        for (const row of rows) existing.set(key(row.day, row.metric, row.dimension, row.channel), Number(row.id));
      }
      const updates: Array<{ id: number; count: number }> = [];
      const inserts: StatisticCount[] = [];
      for (const c of counts) {
        const id = existing.get(key(c.day, c.metric, c.dimension, c.channel));
        if (id === undefined) inserts.push(c);
        else updates.push({ id, count: c.count });
      }
      for (let i = 0; i < updates.length; i += 300) {
        const chunk = updates.slice(i, i + 300);
        const cases = chunk.map(() => 'when ? then ?').join(' ');
        await trx(table())
          .whereIn(
            'id',
            chunk.map((u) => u.id),
          )
          .update({
            count: trx.raw(`?? + case ?? ${cases} else 0 end`, ['count', 'id', ...chunk.flatMap((u) => [u.id, u.count])]),
            updated_at: at,
          });
      }
      const rows = inserts.map((c) => ({
        document_id: sortableId('stat'),
        day: c.day,
        metric: c.metric,
        dimension: c.dimension,
        channel: c.channel,
        count: c.count,
        created_at: at,
        updated_at: at,
        published_at: at,
      }));
      for (let i = 0; i < rows.length; i += CHUNK) await insertRows(trx, table(), rows.slice(i, i + CHUNK));
    },

    /** Destroyed reservations counted per day between two clinic dates. */
    reservationsPerDay: (from: string, to: string) =>
      strapi.db
        .connection(table())
        .select('day')
        .sum({ n: 'count' })
        .where('metric', 'like', 'reservation.%')
        .whereBetween('day', [from, to])
        .groupBy('day') as unknown as Promise<Array<{ day: string | Date; n: number | string }>>,
  };
};
