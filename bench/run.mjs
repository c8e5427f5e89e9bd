#!/usr/bin/env node
// `npm run bench`: the figures issue 8 asks for, each measured side by side with the plain-Strapi
// work of the same size in the same run, printed as one table and written to bench/results.md
// (and the README's performance table). BENCH_QUICK=1: small sizes, a smoke run of the suite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT, secrets, tempSqlite } from './lib/env.mjs';
import { startServer } from './lib/server.mjs';
import { generatePlainApp } from './lib/plain-app.mjs';
import { load } from './lib/load-generator.mjs';
import { report } from './lib/report.mjs';

const require = createRequire(import.meta.url);
const quick = process.env.BENCH_QUICK === '1';
// BENCH_ONLY=slots,create,create-pg,cold,sweep: only those parts, their raw figures printed as JSON (no table, nothing written).
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((p) => p.trim())) : null;
const want = (part) => !only || only.has(part);
const size = {
  reservations: 1000,
  moreReservations: quick ? 1000 : 9000,
  members: quick ? 500 : 5000,
  readSeconds: quick ? 2 : 5,
  creations: quick ? 60 : 300,
  sweep: quick ? [2000, 10000] : [20000, 100000],
};
const began = Date.now();
const loadBefore = os.loadavg()[0];
const step = (text) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${text}`);
const node = (args, env) =>
  execFileSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
const lastJson = (output) => JSON.parse(output.trim().split('\n').pop());
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function ensureBuilt() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'index.js')) || process.env.BENCH_COMPILE === '1') {
    step('compiling the app');
    await require('@strapi/strapi').compileStrapi({ appDir: ROOT });
  }
  const sizes = path.join(ROOT, 'widget', 'dist', 'sizes.json');
  if (!fs.existsSync(sizes)) {
    step('building the widget');
    // Production explicitly: compiling the app above sets NODE_ENV=development in this process, and Lit's
    // development build (its "development" export condition) is a third larger.
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: path.join(ROOT, 'widget'),
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    execFileSync(process.execPath, ['scripts/check-budget.mjs'], { cwd: path.join(ROOT, 'widget'), stdio: 'ignore' });
  }
  return JSON.parse(fs.readFileSync(sizes, 'utf8'));
}

/** Median and p95 of `times` requests made one after another, each after `before()`. */
async function oneByOne(url, before = () => undefined, times = quick ? 20 : 50) {
  const ms = [];
  for (let i = 0; i < times; i += 1) {
    before();
    const started = process.hrtime.bigint();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { requests: times, median: ms[Math.floor((times - 1) / 2)], p95: ms[Math.ceil(0.95 * times) - 1] };
}

/** Free slots of one service, at most one per practitioner and hour, so that no two overlap. */
async function freeSlots(origin, serviceId, wanted) {
  const res = await fetch(`${origin}/api/booking/slots?service=${serviceId}&from=${day(2)}&to=${day(88)}`).then((r) => r.json());
  const lastEnd = new Map();
  const picked = [];
  for (const slot of res.data.slots) {
    const start = Date.parse(slot.start);
    if (start < (lastEnd.get(slot.practitionerId) ?? 0) + 30 * 60_000) continue;
    lastEnd.set(slot.practitionerId, Date.parse(slot.end));
    picked.push(slot);
    if (picked.length === wanted) break;
  }
  if (picked.length < wanted) throw new Error(`only ${picked.length} free slots for ${wanted} creations`);
  return picked;
}

/** `size.creations` reservations of one service by 20 concurrent clients, each in its own free slot. */
async function createReservations(origin, serviceId) {
  const free = await freeSlots(origin, serviceId, size.creations);
  return load({
    url: origin,
    path: '/api/booking/reservations',
    method: 'POST',
    connections: 20,
    amount: size.creations,
    body: (n) => ({
      service: serviceId,
      practitioner: free[n % free.length].practitionerId,
      start: free[n % free.length].start,
      patient: {
        name: `Bench Patient ${n}`,
        birthDate: '1990-04-12',
        phone: `010-5555-${String(1000 + (n % 9000)).slice(-4)}`,
        email: `bench.patient${n}@example.test`,
      },
      consents: { reservation_collection: true, reservation_health: true },
      locale: 'en',
    }),
  });
}

/** A fresh database on the PostgreSQL of BENCH_POSTGRES_URL (default: the local one, user postgres), and its removal. */
async function postgresDatabase() {
  const { Client } = require('pg');
  const server = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `clinic_bench_${process.pid}_${Date.now()}`;
  const admin = async (sql) => {
    const client = new Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

const widget = await ensureBuilt();
const ours = tempSqlite('ours');
const plainDb = tempSqlite('plain');
const plain = generatePlainApp();
const env = { ...secrets(), DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: ours.file };
const plainEnv = { ...secrets(), DATABASE_FILENAME: plainDb.file };
const servers = [];
const figures = {};
try {
  step(`loading ${size.reservations} reservations and ${size.members} members`);
  figures.loaded = lastJson(
    node(['bench/load.mjs', 'base', String(size.reservations), String(size.members)], { ...env, NODE_ENV: 'production' }),
  );

  step('starting the clinic app and the plain Strapi app');
  const plainServer = await startServer(plain.dir, plainEnv);
  servers.push(plainServer);
  let app = await startServer(ROOT, env);
  servers.push(app);

  const services = (await fetch(`${app.origin}/api/booking/services?locale=en`).then((r) => r.json())).data;
  const service = services[0];
  const slots = (days) => `/api/booking/slots?service=${service.id}&from=${day(1)}&to=${day(days)}`;
  const read = async (origin, p) => {
    const result = await load({ url: origin, path: p, connections: 4, duration: size.readSeconds });
    if (result.failed > 0)
      throw new Error(
        `${p}: ${result.failed} of ${result.requests} answers were not 2xx: ${await fetch(origin + p).then((r) => r.text())}`,
      );
    return result;
  };

  if (want('slots')) {
    step('slot queries (7, 31, 90 days) and the plain findMany of services');
    // One warm-up second each (JIT, caches), then the measured runs back to back.
    await load({ url: plainServer.origin, path: '/api/services', connections: 4, duration: 1 });
    await load({ url: app.origin, path: slots(31), connections: 4, duration: 1 });
    figures.plainFind = await read(plainServer.origin, '/api/services');
    figures.slots31 = await read(app.origin, slots(31));
    figures.slots7 = await read(app.origin, slots(7));
    figures.slots90 = await read(app.origin, slots(90));
    // The slot query keeps the catalogue per instance (src/api/booking/services/cached-catalog.ts): its cold cost is the
    // first query after an edit. One query at a time, each right after the catalogue version moves as an edit moves it, and without.
    const catalog = new (require('better-sqlite3'))(ours.file);
    try {
      const edit = catalog.prepare('UPDATE booking_catalog_version SET version = version + 1 WHERE id = 1');
      figures.slotsAfterEdit = await oneByOne(app.origin + slots(31), () => edit.run());
      figures.slotsOneByOne = await oneByOne(app.origin + slots(31));
    } finally {
      catalog.close();
    }
  }

  if (want('create')) {
    step(`${size.creations} reservations by 20 concurrent clients, and as many plain creates`);
    figures.create = await createReservations(app.origin, service.id);
    figures.plainCreate = await load({
      url: plainServer.origin,
      path: '/api/notes',
      method: 'POST',
      connections: 20,
      amount: size.creations,
      body: (n) => ({ data: { title: `Note ${n}`, body: 'A small made-up document for the baseline.' } }),
    });
  }
  await Promise.all(servers.splice(0).map((s) => s.stop()));

  if (want('create-pg')) {
    // Where several instances run: the same creations on a fresh PostgreSQL database, created and dropped here.
    step(`${size.creations} reservations by 20 concurrent clients on PostgreSQL`);
    const pg = await postgresDatabase().catch((error) => {
      // The SQLite figures stand on their own: the PostgreSQL row is left out, and said so.
      console.log(`PostgreSQL not reachable (${error.message}): the PostgreSQL row is left out (BENCH_POSTGRES_URL)`);
      return null;
    });
    if (pg)
      try {
        const pgEnv = { ...secrets(), DATABASE_CLIENT: 'postgres', DATABASE_URL: pg.url };
        node(['bench/load.mjs', 'base', String(size.reservations), '0'], { ...pgEnv, NODE_ENV: 'production' });
        const pgApp = await startServer(ROOT, pgEnv);
        servers.push(pgApp);
        const pgService = (await fetch(`${pgApp.origin}/api/booking/services?locale=en`).then((r) => r.json())).data[0];
        figures.createPg = await createReservations(pgApp.origin, pgService.id);
        await Promise.all(servers.splice(0).map((s) => s.stop()));
      } finally {
        await pg.drop();
      }
  }

  if (want('cold')) {
    step(`adding ${size.moreReservations} older reservations`);
    figures.loadedMore = lastJson(node(['bench/load.mjs', 'past', String(size.moreReservations)], { ...env, NODE_ENV: 'production' }));

    step('cold starts, alternating: clinic app, plain app (twice each)');
    figures.coldOurs = [];
    figures.coldPlain = [];
    for (let round = 0; round < 2; round += 1) {
      app = await startServer(ROOT, env);
      figures.coldOurs.push(app.startSeconds);
      if (round === 1) break;
      await app.stop();
      const bare = await startServer(plain.dir, plainEnv);
      figures.coldPlain.push(bare.startSeconds);
      await bare.stop();
    }
    servers.push(app);
    const bare = await startServer(plain.dir, plainEnv);
    figures.coldPlain.push(bare.startSeconds);
    servers.push(bare);

    step(`slot query at ${figures.loadedMore.reservations} reservations`);
    await load({ url: app.origin, path: slots(31), connections: 4, duration: 1 });
    figures.slots31Large = await read(app.origin, slots(31));
  }
  await Promise.all(servers.splice(0).map((s) => s.stop()));

  figures.sweeps = [];
  for (const n of want('sweep') ? size.sweep : []) {
    step(`retention sweep of ${n} expired reservations, then a raw DELETE of as many`);
    const db = tempSqlite(`sweep${n}`);
    try {
      figures.sweeps.push(
        lastJson(
          node(['--expose-gc', 'bench/sweep.mjs', String(n)], {
            ...secrets(),
            DATABASE_CLIENT: 'sqlite',
            DATABASE_FILENAME: db.file,
            NODE_ENV: 'production',
          }),
        ),
      );
    } finally {
      for (const f of db.files) fs.rmSync(f, { force: true });
    }
  }
  figures.widget = widget;
} finally {
  await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
  for (const f of [...ours.files, ...plainDb.files]) fs.rmSync(f, { force: true });
  plain.remove();
}

figures.machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  loadBefore,
  loadAfter: os.loadavg()[0],
};
figures.seconds = (Date.now() - began) / 1000;
figures.quick = quick;
if (only) {
  console.log(JSON.stringify(figures, null, 1));
  process.exit(0);
}
const { table, markdown } = report(figures);
console.log(`\n${table}\n`);
if (quick) {
  console.log('BENCH_QUICK=1: results.md and the README are left as they are.');
} else {
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), markdown.results);
  const readme = path.join(ROOT, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
  if (marked.test(text)) fs.writeFileSync(readme, text.replace(marked, `<!-- bench:start -->\n${markdown.readme}\n<!-- bench:end -->`));
  console.log('Written: bench/results.md and the README performance table.');
}
