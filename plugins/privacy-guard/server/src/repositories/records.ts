import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { declarations } from '../declarations';
import { columnOf, tableOf } from './tables';

type Db = Knex | Knex.Transaction;
export type StoredRow = Record<string, unknown> & { id: number; document_id: string | null };

/** Where a declared type's personal fields are stored: its table and each field's column. */
export interface PersonalPlace {
  uid: string;
  table: string;
  fields: Array<{ field: string; column: string }>;
}

/**
 * The rows of the types that declare personal fields, straight from their tables (a rotation or
 * a scan changes no content, so no lifecycle or timestamp should see it).
 */
export const recordsRepository = (strapi: Core.Strapi) => ({
  /** Every declared type with personal fields, with its table and columns from Strapi's metadata. */
  places: (): PersonalPlace[] =>
    declarations(strapi)
      .personal()
      .map(({ uid, encrypted }) => ({ uid, table: tableOf(strapi, uid), fields: encrypted.map((field) => ({ field, column: columnOf(strapi, uid, field) })) })),

  /** One page of a place's rows by id, with their personal columns. */
  page: (db: Db, { table, fields }: Omit<PersonalPlace, 'uid'>, afterId: number, size: number) =>
    db(table)
      .select('id', 'document_id', ...fields.map((f) => f.column))
      .where('id', '>', afterId)
      .orderBy('id', 'asc')
      .limit(size) as Promise<StoredRow[]>,

  /** Writes `data` on a row only where every column still holds what was read; whether it was written. */
  async updateIfUnchanged(db: Db, table: string, id: number, unchanged: Record<string, unknown>, data: Record<string, unknown>): Promise<boolean> {
    return Number(await db(table).where('id', id).where(unchanged).update(data)) > 0;
  },

  /** Whether any personal column of a place holds a value starting with `prefix`. */
  async anyStartsWith({ table, fields }: PersonalPlace, prefix: string): Promise<boolean> {
    const found = await strapi.db.connection(table).first('id').where((q) => {
      for (const { column } of fields) q.orWhere(column, 'like', `${prefix}%`);
    });
    return Boolean(found);
  },

  /** Overwrites a type's personal fields and the lookup hashes they feed with null on these rows (a `blank` erasure). */
  async blank(trx: Knex.Transaction, uid: string, ids: number[]): Promise<void> {
    const type = declarations(strapi).of(uid);
    const attributes = [...(type?.encrypted ?? []), ...Object.keys(type?.lookups ?? {})];
    const nulls = Object.fromEntries(attributes.map((name) => [columnOf(strapi, uid, name), null]));
    await trx(tableOf(strapi, uid)).whereIn('id', ids).update({ ...nulls, updated_at: new Date() });
  },
});
