#!/usr/bin/env node
// Loads the benchmark's realistic data into the database the environment names, through the
// compiled app in this process. The first boot seeds the demo clinic (3 practitioners, 5
// services, the 2010 policy); this adds services up to 10, then bulk-inserts what the bench
// asks for: fast multi-row inserts of rows shaped as the app writes them (encrypted personal
// fields, keyed hashes, relation links, occupied slot cells), never through HTTP.
//   node bench/load.mjs base N_RESERVATIONS N_MEMBERS   future reservations and members
//   node bench/load.mjs past N_RESERVATIONS             older (completed) reservations on top
import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadStrapi } from './lib/in-process.mjs';
import { ROOT } from './lib/env.mjs';

const require = createRequire(import.meta.url);
const { cellsOf } = require(path.join(ROOT, 'dist/src/api/booking/availability/cells.js'));
const { DateTime } = require('luxon');

const [mode, reservationsArg, membersArg] = process.argv.slice(2);
const CHUNK = 400; // SQLite takes at most 500 rows in one multi-row insert
const HOURS = [10, 12, 14, 16]; // two hours apart: every reservation leaves the next hour free to book
const strapi = await loadStrapi();
const knex = strapi.db.connection;
const sealer = strapi.plugin('privacy-guard').service('crypto');
const zone = (await knex('clinic_settings').first('time_zone'))?.time_zone ?? 'Asia/Seoul';
const ids = (rows) => rows.map((r) => (typeof r === 'object' ? r.id : r));
const joinOf = (uid, attribute) => strapi.db.metadata.get(uid).attributes[attribute].joinTable;
const docId = () => crypto.randomBytes(12).toString('hex').slice(0, 24);

async function chunked(rows, insert) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function addServices(total) {
  const documents = strapi.documents('api::service.service');
  const existing = await documents.findMany({ locale: 'en' });
  const practitioners = await strapi.documents('api::practitioner.practitioner').findMany({});
  for (let n = existing.length; n < total; n += 1) {
    await documents.create({
      locale: 'en',
      data: {
        name: `Benchmark treatment ${n + 1}`,
        slug: `bench-treatment-${n + 1}`,
        description: 'A made-up treatment for the benchmark.',
        durationMinutes: 30,
        bufferMinutes: 10,
        slotStepMinutes: 15,
        active: true,
        sortOrder: 100 + n,
        practitioners: [practitioners[n % practitioners.length].documentId],
      },
    });
  }
}

/** Reservations on a grid (day, practitioner, hour), walking forwards or backwards from today. */
async function addReservations(count, direction) {
  const practitioners = await knex('practitioners').select('id', 'document_id');
  const services = await knex('services').select('id').where('locale', 'en');
  const serviceLink = joinOf('api::reservation.reservation', 'service');
  const practitionerLink = joinOf('api::reservation.reservation', 'practitioner');
  const sealed = {
    patient_name: sealer.encrypt('Bench Patient'),
    patient_birth_date: sealer.encrypt('1990-01-01'),
    patient_phone: sealer.encrypt('010-5555-0000'),
    patient_email: sealer.encrypt('bench.patient@example.test'),
  };
  const today = DateTime.now().setZone(zone).startOf('day');
  const perDay = practitioners.length * HOURS.length;
  const rows = [];
  for (let i = 0; i < count; i += 1) {
    const day = Math.floor(i / perDay) + 1;
    const practitioner = practitioners[i % practitioners.length];
    const hour = HOURS[Math.floor(i / practitioners.length) % HOURS.length];
    const start = today.plus({ days: direction * day }).set({ hour }).toJSDate();
    const end = new Date(start.getTime() + 30 * 60_000);
    const past = direction < 0;
    rows.push({
      row: {
        document_id: docId(),
        reference: `R-BENCH-${direction < 0 ? 'P' : 'F'}${i}`,
        state: past ? 'completed' : 'confirmed',
        starts_at: start,
        ends_at: end,
        completed_at: past ? end : null,
        subject_id: `sub_bench_${direction}_${i}`,
        ...sealed,
        email_hash: sealer.lookupHash('email', `bench${direction}${i}@example.test`),
        locale: 'en',
        restricted: false,
        is_minor: false,
        created_at: new Date(),
        updated_at: new Date(),
        published_at: new Date(),
      },
      practitioner,
      service: services[i % services.length],
      cells: past ? [] : cellsOf(start, new Date(end.getTime() + 10 * 60_000)),
    });
  }
  await chunked(rows, (chunk) =>
    knex.transaction(async (trx) => {
      const created = ids(await trx('reservations').insert(chunk.map((r) => r.row)).returning('id'));
      await trx(serviceLink.name).insert(created.map((id, x) => ({ [serviceLink.joinColumn.name]: id, [serviceLink.inverseJoinColumn.name]: chunk[x].service.id })));
      await trx(practitionerLink.name).insert(created.map((id, x) => ({ [practitionerLink.joinColumn.name]: id, [practitionerLink.inverseJoinColumn.name]: chunk[x].practitioner.id })));
      const cells = chunk.flatMap((r) => r.cells.map((cell) => ({ practitioner_document_id: r.practitioner.document_id, cell, reservation_document_id: r.row.document_id })));
      for (let i = 0; i < cells.length; i += CHUNK) await trx('booking_slot_cells').insert(cells.slice(i, i + CHUNK));
    }),
  );
}

/** Members: an account (one shared made-up password hash) and its encrypted profile. */
async function addMembers(count) {
  const role = await knex('up_roles').first('id').where('type', 'authenticated');
  const roleLink = joinOf('plugin::users-permissions.user', 'role');
  const profileLink = joinOf('api::member-profile.member-profile', 'user');
  const password = await strapi.plugin('users-permissions').service('user').hashPassword?.({ password: 'Bench-password-1' }).catch?.(() => null);
  const hash = typeof password === 'string' ? password : '$2a$10$abcdefghijklmnopqrstuuDq1ZyqkZzV0r0pJYk2c2y5nU5tBq8xW';
  const sealed = { name: sealer.encrypt('Bench Member'), birth_date: sealer.encrypt('1985-05-05'), phone: sealer.encrypt('010-5555-1111') };
  const members = Array.from({ length: count }, (_, i) => ({ i, email: `bench.member${i}@example.test` }));
  await chunked(members, (chunk) =>
    knex.transaction(async (trx) => {
      const at = new Date();
      const users = ids(
        await trx('up_users')
          .insert(chunk.map((m) => ({ document_id: docId(), username: `bench-member-${m.i}`, email: m.email, provider: 'local', password: hash, confirmed: true, blocked: false, created_at: at, updated_at: at, published_at: at })))
          .returning('id'),
      );
      await trx(roleLink.name).insert(users.map((id) => ({ [roleLink.joinColumn.name]: id, [roleLink.inverseJoinColumn.name]: role.id })));
      const profiles = ids(
        await trx('member_profiles')
          .insert(chunk.map((m) => ({ document_id: docId(), subject_id: `sub_member_${m.i}`, ...sealed, email: sealer.encrypt(m.email), email_hash: sealer.lookupHash('email', m.email), locale: 'en', state: 'active', restricted: false, created_at: at, updated_at: at, published_at: at })))
          .returning('id'),
      );
      await trx(profileLink.name).insert(profiles.map((id, x) => ({ [profileLink.joinColumn.name]: id, [profileLink.inverseJoinColumn.name]: users[x] })));
    }),
  );
}

if (mode === 'base') {
  // Bookable 120 days ahead (the demo's 60 would refuse the 90-day slot query the bench measures).
  await knex('clinic_settings').update({ booking_horizon_days: 120 });
  await addServices(10);
  await addReservations(Number(reservationsArg), +1);
  await addMembers(Number(membersArg));
} else if (mode === 'past') {
  await addReservations(Number(reservationsArg), -1);
} else {
  throw new Error('usage: node bench/load.mjs base N_RESERVATIONS N_MEMBERS | past N_RESERVATIONS');
}
await knex.raw('analyze');
const count = async (table) => Number((await knex(table).count({ n: '*' }))[0].n);
console.log(JSON.stringify({ services: await count('services'), practitioners: await count('practitioners'), reservations: await count('reservations'), members: await count('member_profiles') }));
await strapi.destroy();
