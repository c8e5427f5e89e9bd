import type { Core } from '@strapi/strapi';

/** How long a stop waits for the database work under way before it closes the pool anyway. */
const SETTLE_LIMIT_MS = 10_000;
const POLL_MS = 25;
/** Quiet polls in a row before the pool counts as settled: a chain of queries frees and takes a connection between polls. */
const QUIET_POLLS = 3;

interface PoolCounts {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/**
 * The database closes only once the work under way has finished. Strapi announces a document's
 * change after its transaction commits, without waiting for it: it reads the document back with
 * every relation, one query after another. A stop in that moment (a deploy's SIGTERM, a scale-in,
 * the end of a test file) destroyed the pool under that read, and knex's pool does not refuse a
 * connection asked of a pool being destroyed: it leaves the request waiting until the connection
 * timeout (60 s), which then failed in whatever the process was doing next. The wrap runs after
 * the HTTP server has stopped, so requests finishing during the stop settle too; it gives up
 * after SETTLE_LIMIT_MS so that a stuck query cannot hold a stop forever.
 */
export function settleDatabaseBeforeClosing(strapi: Core.Strapi) {
  const db = strapi.db as unknown as { destroy(): Promise<void>; connection: { client: { pool?: PoolCounts } } };
  const close = db.destroy.bind(db);
  db.destroy = async () => {
    const pool = db.connection.client.pool;
    if (pool) await settled(pool);
    await close();
  };
}

async function settled(pool: PoolCounts) {
  const busy = () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let quiet = 0;
  while (quiet < QUIET_POLLS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    quiet = busy() ? 0 : quiet + 1;
  }
}
