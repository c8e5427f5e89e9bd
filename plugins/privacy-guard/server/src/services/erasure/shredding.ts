import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * On SQLite, deleted bytes are zeroed (`secure_delete`) and the write-ahead log truncated so no
 * old page keeps them; on other databases both are no-ops.
 */
export const shredding = (strapi: Core.Strapi) => {
  const isSqlite = () => strapi.db.dialect.client === 'sqlite';

  /** Zeroes what a transaction deletes (SQLite keeps deleted cells on free pages otherwise). */
  async function secure(trx: Knex.Transaction) {
    if (isSqlite()) await trx.raw('PRAGMA secure_delete = ON');
  }

  /** Old page images of the deleted rows live on in the WAL until it is checkpointed and cut. */
  async function flush() {
    if (!isSqlite()) return;
    const [result] = (await strapi.db.connection.raw('PRAGMA wal_checkpoint(TRUNCATE)')) as Array<{ busy: number }>;
    // A reader kept the log from being cut: the deleted rows' old pages stay in it until the next checkpoint.
    if (result?.busy)
      strapi.log.warn(
        'privacy-guard: the write-ahead log could not be truncated after destroying data (busy); it will be at the next sweep',
      );
  }

  return { secure, flush };
};
