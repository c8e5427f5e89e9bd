#!/usr/bin/env node
// Measures GET /api/booking/slots over 31 days with 1,000 existing reservations, on a throwaway
// SQLite file (or PostgreSQL with DATABASE_CLIENT/DATABASE_URL). Needs a compiled server (dist/).
//   node tests/bench/booking-slots.cjs
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');
const b64 = (n) => crypto.randomBytes(n).toString('base64');
const file = path.join(os.tmpdir(), `clinic-bench-${process.pid}.db`);
Object.assign(process.env, {
  NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', LOG_LEVEL: 'error', OUTBOX_WORKER: 'false', CRON_ENABLED: 'false',
  RATE_LIMIT_PER_MINUTE: '1000000', APP_KEYS: `${b64(16)},${b64(16)}`, API_TOKEN_SALT: b64(16), ADMIN_JWT_SECRET: b64(32),
  TRANSFER_TOKEN_SALT: b64(16), JWT_SECRET: b64(32), ENCRYPTION_KEY: b64(32), PRIVACY_DATA_KEYS: `b1:${b64(32)}`, PRIVACY_INDEX_KEY: b64(32),
  ...(process.env.DATABASE_CLIENT ? {} : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file }),
});

(async () => {
const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false }).load();
const clockService = strapi.plugin('privacy-guard').service('clock');
clockService.set(new Date('2027-03-01T00:00:00Z')); // Monday 09:00 in Seoul
await strapi.server.mount();
await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}/api/booking`;

const services = await strapi.documents('api::service.service').findMany({ locale: 'en' });
const from = '2027-03-02';
const to = '2027-04-01';
const slotsOf = async (service, until = to) => (await (await fetch(`${base}/slots?service=${service}&from=${from}&to=${until}`)).json()).data.slots;

// The demo clinic cannot fit 1,000 treatments into one month; they are spread over the whole horizon.
const SEED_UNTIL = '2027-04-30';
const started = Date.now();
let booked = 0;
// Candidate times: every free slot of every treatment, shuffled; the ones that collide with an earlier booking are refused and skipped.
const candidates = [];
for (const service of services) for (const slot of await slotsOf(service.documentId, SEED_UNTIL)) candidates.push({ service: service.documentId, slot });
candidates.sort(() => Math.random() - 0.5);
for (const { service, slot } of candidates) {
  if (booked >= 1000) break;
  const res = await fetch(`${base}/reservations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      service, practitioner: slot.practitionerId, start: slot.start, locale: 'en',
      patient: { name: `Bench Patient ${booked}`, birthDate: '1988-08-08', phone: '+82 10-5555-0000', email: `bench${booked}@example.com` },
      consents: { reservation_collection: true, reservation_health: true },
    }),
  });
  if (res.status === 201) booked++;
  if (booked % 200 === 0 && res.status === 201) console.log(`  ${booked} booked…`);
}
const inWindow = await strapi.documents('api::reservation.reservation').count({ filters: { startsAt: { $lt: new Date('2027-04-01T15:00:00Z') } } });
console.log(`booked ${booked} reservations (${inWindow} inside the measured 31 days) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const consultation = services.find((s) => s.slug === 'first-consultation').documentId;
const times = [];
let count = 0;
for (let i = 0; i < 25; i++) {
  const t = process.hrtime.bigint();
  count = (await slotsOf(consultation)).length;
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`GET /api/booking/slots, 31 days, 2 practitioners, ${count} free slots: median ${times[12].toFixed(1)} ms, p90 ${times[22].toFixed(1)} ms, max ${times[24].toFixed(1)} ms`);

await new Promise((resolve) => strapi.server.httpServer.close(resolve));
await strapi.destroy();
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
