import type { Core } from '@strapi/strapi';

/**
 * SQLite in write-ahead-log mode: a commit appends to the log instead of copying every page it
 * changes into a rollback journal first, and readers no longer wait for writers. `synchronous =
 * NORMAL` is the durable setting for WAL (a power cut may lose the last commits, never corrupt the
 * file). Measured on the retention sweep of 100,000 reservations, whose 200 batch commits cost
 * more than the deletes themselves under the default journal (bench/results.md). The erasure
 * service checkpoints and truncates the log after destroying data, so no deleted page lingers in it.
 * Set here rather than in config/database.ts: Strapi replaces the pool's `afterCreate` with its
 * own; the journal mode is kept in the file, and Strapi's SQLite pool holds its one connection
 * for the life of the process.
 */
export async function useWriteAheadLog(strapi: Core.Strapi) {
  if (strapi.db.dialect.client !== 'sqlite') return;
  await strapi.db.connection.raw('PRAGMA journal_mode = WAL');
  await strapi.db.connection.raw('PRAGMA synchronous = NORMAL');
}
