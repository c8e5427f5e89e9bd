import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { host } from '../../utils';
import { declarations } from '../../declarations';
import { localDate } from '../../utils/clinic-time';
import { whereInList } from '../../utils/bulk';
import * as tables from '../../repositories/tables';
import { statisticsRepository } from '../../repositories';

const QUARTER_HOUR = 15 * 60 * 1000;

/** A reservation as the sweep and erasure read it: ids and the non-personal skeleton statistics need. */
export interface ReservationRow {
  id: number;
  document_id: string;
  subject_id: string | null;
  state: string;
  starts_at: unknown;
}

export const toDate = (value: unknown): Date => {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  if (/^\d+$/.test(text)) return new Date(Number(text));
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
};

/** The counts that outlive destroyed reservations. */
export const statisticsOfDestroyed = (strapi: Core.Strapi) => {
  const RESERVATION = declarations(strapi).uid('reservation');
  const tableOf = (uid: string) => tables.tableOf(strapi, uid);
  const joinOf = (uid: string, attribute: string) => tables.joinOf(strapi, uid, attribute);
  const statistics = statisticsRepository(strapi);

  /** Counts per day (clinic time), treatment and channel that outlive the reservations. */
  async function countStatistics(trx: Knex.Transaction, rows: ReservationRow[], zone?: string) {
    if (rows.length === 0) return;
    const timeZone = zone ?? (await host(strapi).clinic.settings()).timeZone;
    const join = joinOf(RESERVATION, 'service');
    const serviceTable = tableOf(tables.targetOf(strapi, RESERVATION, 'service'));
    const services = new Map<number, string>();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const links: Array<{ rid: number; sid: string }> = await whereInList(
        trx,
        trx(`${join.name} as l`).join(`${serviceTable} as s`, 's.id', `l.${join.inverseJoinColumn.name}`),
        `l.${join.joinColumn.name}`,
        ids.slice(i, i + 500),
      ).select(`l.${join.joinColumn.name} as rid`, 's.document_id as sid');
      for (const link of links) services.set(Number(link.rid), link.sid);
    }
    const counts = new Map<string, { day: string; metric: string; dimension: string | null; count: number }>();
    // Zone arithmetic is the costliest step per row; a quarter hour never straddles a day in any zone.
    const days = new Map<number, string>();
    const dayOf = (at: Date) => {
      const quarter = Math.floor(at.getTime() / QUARTER_HOUR);
      let day = days.get(quarter);
      if (day === undefined) days.set(quarter, (day = localDate(at, timeZone)));
      return day;
    };
    for (const row of rows) {
      const day = dayOf(toDate(row.starts_at));
      const metric = `reservation.${row.state}`;
      const dimension = services.get(Number(row.id)) ?? null;
      const key = `${day}|${metric}|${dimension}`;
      const entry = counts.get(key) ?? { day, metric, dimension, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    await statistics.add(
      trx,
      [...counts.values()].map((c) => ({ ...c, channel: 'online' })),
    );
  }

  return { countStatistics };
};
