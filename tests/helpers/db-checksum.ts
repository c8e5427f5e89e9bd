import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';

/** Tables whose rows change by themselves, not because of what a request sent. */
const VOLATILE = new Set(['strapi_sessions']);
/** The upload plugin's weekly metrics timer writes this store row on its own schedule. */
const VOLATILE_STORE_KEYS = new Set(['plugin_upload_metrics']);

/**
 * Row counts and a content hash of every table, to prove that a stream of requests changed
 * nothing that is stored.
 */
export async function databaseChecksum(strapi: Core.Strapi): Promise<Record<string, string>> {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  const tables: string[] =
    client === 'postgres'
      ? (await knex.raw(`select tablename as name from pg_tables where schemaname = current_schema()`)).rows.map((r: { name: string }) => r.name)
      : (await knex.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)).map((r: { name: string }) => r.name);
  const result: Record<string, string> = {};
  for (const table of tables.sort()) {
    if (VOLATILE.has(table)) continue;
    let rows: Array<Record<string, unknown>> = await knex(table).select('*');
    if (table === 'strapi_core_store_settings') rows = rows.filter((row) => !VOLATILE_STORE_KEYS.has(String(row.key)));
    const canonical = rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))).sort();
    result[table] = `${rows.length}:${crypto.createHash('sha256').update(canonical.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return result;
}
