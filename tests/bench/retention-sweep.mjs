#!/usr/bin/env node
// The retention sweep against a raw SQL delete: N expired (cancelled) reservations, each with
// encrypted personal fields, a treatment link and a slot cell, destroyed once by the sweep
// (statistics, destruction log, batches of 200 in transactions, lease) and once, the same rows
// inserted again, by a bare DELETE of the reservations and their cells. Same process, same database.
// Run after a compile (`npx tsc -p tsconfig.json`): node tests/bench/retention-sweep.mjs [N]
// PostgreSQL: DATABASE_CLIENT=postgres DATABASE_URL=postgres://… node tests/bench/retention-sweep.mjs
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const total = Number(process.argv[2] ?? 100_000);
const file = path.join(os.tmpdir(), `clinic-bench-sweep-${process.pid}.db`);
const b64 = (n) => crypto.randomBytes(n).toString('base64');
Object.assign(process.env, {
  NODE_ENV: 'test', STRAPI_TELEMETRY_DISABLED: 'true', CRON_ENABLED: 'false', OUTBOX_WORKER: 'false', LOG_LEVEL: 'error',
  DATABASE_CLIENT: process.env.DATABASE_CLIENT ?? 'sqlite', DATABASE_FILENAME: file,
  APP_KEYS: `${b64(16)},${b64(16)}`, API_TOKEN_SALT: b64(16), ADMIN_JWT_SECRET: b64(32), TRANSFER_TOKEN_SALT: b64(16),
  JWT_SECRET: b64(32), ENCRYPTION_KEY: b64(32), PRIVACY_DATA_KEYS: `b1:${b64(32)}`, PRIVACY_INDEX_KEY: b64(32),
});

const { createStrapi } = require('@strapi/strapi');
const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false }).load();
const knex = strapi.db.connection;
const sealer = strapi.plugin('privacy-guard').service('crypto');
const service = await knex('services').first('id');
const practitioner = await knex('practitioners').first('document_id');
const link = strapi.db.metadata.get('api::reservation.reservation').attributes.service.joinTable;
const sealed = Object.fromEntries(['Bench Patient', '1990-01-01', 'female', '010-5555-0000', 'bench.patient@example.test', 'A made-up note.'].map((v, i) => [i, sealer.encrypt(v)]));

async function seed(tag) {
  const at = new Date('2027-01-01T00:00:00Z');
  for (let i = 0; i < total; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(i + 1000, total); j++) {
      rows.push({
        document_id: `bench${tag}${j}`, reference: `R-${tag}${j}`, status: 'cancelled', starts_at: at, ends_at: at, cancelled_at: at,
        subject_id: `sub_bench_${j}`, patient_name: sealed[0], patient_birth_date: sealed[1], patient_gender: sealed[2],
        patient_phone: sealed[3], patient_email: sealed[4], note: sealed[5], email_hash: `h${j}`, restricted: false,
        created_at: at, updated_at: at, published_at: at,
      });
    }
    await knex.transaction(async (trx) => {
      for (let k = 0; k < rows.length; k += 100) {
        const ids = await trx('reservations').insert(rows.slice(k, k + 100)).returning('id');
        await trx(link.name).insert(ids.map((r) => ({ [link.joinColumn.name]: r.id ?? r, [link.inverseJoinColumn.name]: service.id })));
        await trx('booking_slot_cells').insert(rows.slice(k, k + 100).map((r, x) => ({ practitioner_document_id: practitioner.document_id, cell: 50_000_000 + (tag === 'a' ? 0 : total) + i + k + x, reservation_document_id: r.document_id })));
      }
    });
  }
  // A live table has planner statistics (autovacuum analyzes after bulk changes); a fresh one would mislead the planner.
  if (process.env.DATABASE_CLIENT === 'postgres') await knex.raw('analyze');
}

const seconds = (start) => +(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2);
const count = async () => Number((await knex('reservations').where('status', 'cancelled').count({ n: '*' }))[0].n);

await seed('a');
strapi.plugin('privacy-guard').service('clock').set(new Date('2027-02-01T00:00:00Z'));
let started = process.hrtime.bigint();
const result = await strapi.plugin('privacy-guard').service('retention').run();
const sweep = seconds(started);
if ((await count()) !== 0 || result.counts['reservation-cancelled'] !== total) throw new Error(`sweep left rows: ${JSON.stringify(result)}`);

await seed('b');
started = process.hrtime.bigint();
await knex.transaction(async (trx) => {
  await trx('booking_slot_cells').whereIn('reservation_document_id', trx('reservations').select('document_id').where('status', 'cancelled')).delete();
  await trx('reservations').where('status', 'cancelled').delete();
});
const raw = seconds(started);
if ((await count()) !== 0) throw new Error('raw delete left rows');

console.log(JSON.stringify({ database: process.env.DATABASE_CLIENT, reservations: total, batches: result.batches, sweepSeconds: sweep, rawDeleteSeconds: raw, ratio: +(sweep / raw).toFixed(1) }));
await strapi.destroy();
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
