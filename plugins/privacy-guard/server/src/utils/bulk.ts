import type { Knex } from 'knex';

/**
 * Set-at-a-time SQL for the sweep's batches. On SQLite a list of 500 values becomes one bound
 * JSON array read by `json_each`, instead of 500 placeholders: knex builds and better-sqlite3
 * prepares a statement per query, and for long placeholder lists that preparing was a tenth of a
 * sweep's time (measured with the CPU profiler on 100,000 rows). PostgreSQL keeps knex's own forms.
 */
const isSqlite = (knex: Knex | Knex.Transaction) => /sqlite/.test((knex.client as { driverName?: string }).driverName ?? '');

/** `column IN (values)`. */
export function whereInList<Q extends Knex.QueryBuilder>(
  knex: Knex | Knex.Transaction,
  q: Q,
  column: string,
  values: readonly unknown[],
): Q {
  if (!isSqlite(knex)) return q.whereIn(column, values as never[]) as Q;
  return q.whereRaw('?? in (select value from json_each(?))', [column, JSON.stringify(values)]) as Q;
}

/** `or column IN (values)`, inside a grouped where. */
export function orWhereInList<Q extends Knex.QueryBuilder>(
  knex: Knex | Knex.Transaction,
  q: Q,
  column: string,
  values: readonly unknown[],
): Q {
  if (!isSqlite(knex)) return q.orWhereIn(column, values as never[]) as Q;
  return q.orWhereRaw('?? in (select value from json_each(?))', [column, JSON.stringify(values)]) as Q;
}

/**
 * One multi-row INSERT. On SQLite the rows go in as one JSON array of arrays (knex would write
 * `SELECT … UNION ALL SELECT …` with a placeholder per value, which parses slowly and stops at
 * 500 rows). Values are bound as knex binds them on SQLite: dates as milliseconds, booleans as 1/0.
 */
export async function insertRows(knex: Knex | Knex.Transaction, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  if (!isSqlite(knex)) return void (await knex(table).insert(rows));
  const columns = Object.keys(rows[0]);
  const bound = (value: unknown) =>
    value instanceof Date ? value.valueOf() : typeof value === 'boolean' ? Number(value) : value === undefined ? null : value;
  const json = JSON.stringify(rows.map((row) => columns.map((c) => bound(row[c]))));
  await knex.raw(
    `insert into ?? (${columns.map(() => '??').join(', ')}) select ${columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ')} from json_each(?)`,
    [table, ...columns, json],
  );
}
