import { startStrapi } from '../helpers/strapi';

/**
 * Strapi announces a document's change after its transaction commits, without waiting: it reads
 * the document back with every relation, one query after another. An instance stopped in that
 * moment (a deploy, a scale-in, the end of a test file) closed its connection pool under that
 * read; the next query of it then waited on the closed pool until the connection timeout and
 * failed in whatever ran next in the process. Stopping now lets the database settle first.
 */
it('stops only after the database work already under way has finished, and nothing fails afterwards', async () => {
  const failures: unknown[] = [];
  const app = await startStrapi({ OUTBOX_WORKER: 'false', DATABASE_CONNECTION_TIMEOUT: '1500' });
  const practitioner = (await app.strapi.documents('api::practitioner.practitioner').findMany({})) as unknown as Array<{ documentId: string }>;
  // What the pool still had to do when it was closed: on SQLite (one connection) the read-backs
  // queue, on PostgreSQL they run side by side; either way nothing may be left.
  const pool = (app.strapi.db.connection as unknown as {
    client: { pool: { destroy(): Promise<unknown>; numUsed(): number; numPendingAcquires(): number } };
  }).client.pool;
  let busyAtClose = -1;
  const destroy = pool.destroy.bind(pool);
  pool.destroy = () => {
    busyAtClose = pool.numUsed() + pool.numPendingAcquires();
    return destroy();
  };
  // Many writes, each leaving an announcement's read-back in flight when the last one returns.
  await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      app.strapi.documents('api::closure.closure').create({
        data: { startDate: `2031-01-${String(10 + i)}`, kind: 'leave', reason: 'Drain test (made up)', practitioner: practitioner[0].documentId },
      } as never),
    ),
  );
  await app.stop();
  expect(busyAtClose).toBe(0);
  // Strapi's destroy removes every process listener; listen only now, for longer than the timeout.
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on('unhandledRejection', onRejection);
  try {
    await new Promise((resolve) => setTimeout(resolve, 2500));
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  expect(failures.map((f) => (f as Error).message ?? String(f))).toEqual([]);
});
