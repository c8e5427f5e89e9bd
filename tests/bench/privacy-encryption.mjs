#!/usr/bin/env node
// The cost of encryption on a write: median time of a reservation create through the Document
// Service with the crypto service as it is, against the same create with encryption and
// keyed hashing replaced by the identity (interleaved, same process, same database).
// Run after a compile (`npx tsc -p tsconfig.json`): node tests/bench/privacy-encryption.mjs [runs]
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const runs = Number(process.argv[2] ?? 300);
const file = path.join(os.tmpdir(), `clinic-bench-${process.pid}.db`);
const b64 = (n) => crypto.randomBytes(n).toString('base64');
Object.assign(process.env, {
  NODE_ENV: 'test', STRAPI_TELEMETRY_DISABLED: 'true', CRON_ENABLED: 'false', OUTBOX_WORKER: 'false', LOG_LEVEL: 'error',
  DATABASE_CLIENT: process.env.DATABASE_CLIENT ?? 'sqlite', DATABASE_FILENAME: file,
  APP_KEYS: `${b64(16)},${b64(16)}`, API_TOKEN_SALT: b64(16), ADMIN_JWT_SECRET: b64(32), TRANSFER_TOKEN_SALT: b64(16),
  JWT_SECRET: b64(32), ENCRYPTION_KEY: b64(32), PRIVACY_DATA_KEYS: `b1:${b64(32)}`, PRIVACY_INDEX_KEY: b64(32),
});

const { createStrapi } = require('@strapi/strapi');
const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false }).load();
const consent = strapi.plugin('privacy-guard').service('consent');
const cryptoService = strapi.plugin('privacy-guard').service('crypto');
const real = { sealFields: cryptoService.sealFields, openField: cryptoService.openField };
const identity = { sealFields: (_uid, data) => data, openField: (_uid, _field, _documentId, v) => v };

const subjectId = consent.subjectIdFor('bench.patient@example.test');
await consent.record({ subjectId, channel: 'reservation', consents: { reservation_collection: true, reservation_health: true }, actor: 'self', clientAddress: null });

let n = 0;
async function oneWrite() {
  n += 1;
  const started = process.hrtime.bigint();
  await strapi.documents('api::reservation.reservation').create({
    data: {
      reference: `R-BENCH${n}`, startsAt: new Date(Date.UTC(2030, 0, 1, 0, n)), endsAt: new Date(Date.UTC(2030, 0, 1, 0, n + 30)), subjectId,
      patientName: 'Bench Patient', patientBirthDate: '1990-01-01', patientGender: 'female', patientPhone: '010-5555-0000',
      patientEmail: 'bench.patient@example.test', note: 'A made-up note of ordinary length for a treatment.',
    },
  });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (let i = 0; i < 30; i++) await oneWrite();
const times = { with: [], without: [] };
for (let i = 0; i < runs; i++) {
  for (const mode of i % 2 ? ['with', 'without'] : ['without', 'with']) {
    Object.assign(cryptoService, mode === 'with' ? real : identity);
    times[mode].push(await oneWrite());
  }
}
Object.assign(cryptoService, real);
const m = { with: median(times.with), without: median(times.without) };
console.log(JSON.stringify({ database: process.env.DATABASE_CLIENT, runs, medianMs: m, costMs: +(m.with - m.without).toFixed(3), costPercent: +((100 * (m.with - m.without)) / m.without).toFixed(1) }));
await strapi.destroy();
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
process.exit(0);
