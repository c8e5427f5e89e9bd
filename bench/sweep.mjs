#!/usr/bin/env node
// One sweep measurement, in its own process so that its peak memory is its own:
// N expired reservations destroyed by the retention sweep (wall time, peak heap and RSS above
// the loaded baseline), then the same N inserted again and removed by a raw SQL DELETE.
// Prints one JSON line (peak: sampled every 10 ms, garbage included; live: after a full GC every 20th batch). Environment: the database (DATABASE_CLIENT, DATABASE_FILENAME or
// DATABASE_URL) and the secrets, as bench/run.mjs sets them. Usage: node --expose-gc bench/sweep.mjs N
import { loadStrapi } from './lib/in-process.mjs';
import { insertExpired, countExpired } from './lib/expired.mjs';
import { seconds } from './lib/env.mjs';

const total = Number(process.argv[2] ?? 100_000);
const strapi = await loadStrapi();
const knex = strapi.db.connection;
const isSqlite = strapi.db.dialect.client === 'sqlite';

await insertExpired(strapi, total, 1);
strapi.plugin('privacy-guard').service('clock').set(new Date('2026-03-01T00:00:00Z'));

global.gc?.();
const before = process.memoryUsage();
const peak = { heap: before.heapUsed, rss: before.rss };
const sample = () => {
  const m = process.memoryUsage();
  peak.heap = Math.max(peak.heap, m.heapUsed);
  peak.rss = Math.max(peak.rss, m.rss);
};
const sampler = setInterval(sample, 10);
let started = process.hrtime.bigint();
// What the sweep keeps alive, as opposed to garbage not yet collected: the heap after a full GC every 20th batch.
let live = 0;
let batches = 0;
const onBatch = () => {
  batches += 1;
  if (batches % 20 !== 0 || !global.gc) return;
  global.gc();
  live = Math.max(live, process.memoryUsage().heapUsed - before.heapUsed);
};
const result = await strapi.plugin('privacy-guard').service('retention').run({ performedBy: 'bench', onBatch });
const sweepSeconds = seconds(started);
clearInterval(sampler);
sample();
if ((await countExpired(strapi)) !== 0 || result.counts['reservation-cancelled'] !== total) throw new Error(`the sweep left rows: ${JSON.stringify(result)}`);
const [{ n: logRows }] = await knex('privacy_destruction_log').where('performed_by', 'bench').count({ n: '*' });

await insertExpired(strapi, total, 2);
started = process.hrtime.bigint();
await knex.transaction(async (trx) => {
  // The same promise as the sweep on SQLite: deleted bytes are zeroed, not left on free pages.
  if (isSqlite) await trx.raw('PRAGMA secure_delete = ON');
  await trx('booking_slot_cells').whereIn('reservation_document_id', trx('reservations').select('document_id').where('state', 'cancelled')).delete();
  await trx('reservations').where('state', 'cancelled').delete();
});
if (isSqlite) await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
const rawSeconds = seconds(started);
if ((await countExpired(strapi)) !== 0) throw new Error('the raw delete left rows');

const mb = (bytes) => +(bytes / 1048576).toFixed(1);
console.log(
  JSON.stringify({
    database: strapi.db.dialect.client,
    reservations: total,
    batches: result.batches,
    logRows: Number(logRows),
    sweepSeconds: +sweepSeconds.toFixed(2),
    rawDeleteSeconds: +rawSeconds.toFixed(2),
    ratio: +(sweepSeconds / rawSeconds).toFixed(2),
    peakHeapMB: mb(peak.heap - before.heapUsed),
    liveHeapMB: mb(live),
    peakRssMB: mb(peak.rss - before.rss),
  }),
);
await strapi.destroy();
