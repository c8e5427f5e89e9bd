import fs from 'node:fs';
import crypto from 'node:crypto';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { usesPostgres } from '../helpers/database';
import { CONSULTATION_CONSENTS, MEMBERSHIP_CONSENTS, privacy } from '../helpers/privacy';
import { registerMember } from '../helpers/members';

/** A made-up patient whose traces we look for. */
const PATIENT = { name: 'Dahye Nonexistent', email: 'dahye.nonexistent@example.test', phone: '010-5555-0177', digits: '01055550177' };

let app: TestApp;
const logged: string[] = [];
beforeAll(async () => {
  app = await startStrapi();
  for (const level of ['error', 'warn', 'info', 'http', 'debug', 'verbose'] as const) {
    const original = app.strapi.log[level].bind(app.strapi.log);
    (app.strapi.log as unknown as Record<string, (...args: unknown[]) => unknown>)[level] = (...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      return original(...(args as [string]));
    };
  }
});
afterAll(async () => {
  await app?.stop();
});

/** Every byte the database holds: the SQLite file and its WAL, or every row of every PostgreSQL table. */
async function storedText(): Promise<string> {
  if (!usesPostgres()) {
    const file = process.env.DATABASE_FILENAME as string;
    return ['', '-wal'].map((suffix) => (fs.existsSync(file + suffix) ? fs.readFileSync(file + suffix).toString('latin1') : '')).join('\n');
  }
  const knex = app.strapi.db.connection;
  const tables = (await knex.raw(`select tablename from pg_tables where schemaname = current_schema()`)).rows.map((r: { tablename: string }) => r.tablename);
  const parts: string[] = [];
  for (const table of tables) parts.push(JSON.stringify(await knex(table).select('*')));
  return parts.join('\n');
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A bookable treatment of the demo clinic and one practitioner who gives it. */
async function firstBookable() {
  const services = await app.request().get('/api/booking/services').query({ locale: 'en' }).expect(200);
  const [service] = services.body.data as Array<{ id: string; practitioners: Array<{ id: string }> }>;
  return { service: service.id, practitioner: service.practitioners[0].id };
}

const asUtf8Needles = (value: string) => [value, Buffer.from(value, 'utf8').toString('latin1')];

describe('personal data at rest', () => {
  it('leaves no name, email or phone of a booking, a consultation or a member in the database files, nor in the server log', async () => {
    // A booking writes its reservation, mails and idempotent answer past the Document Service: they are sealed all the same.
    const { service, practitioner } = await firstBookable();
    const slots = await app.request().get('/api/booking/slots').query({ service, practitioner, from: day(2), to: day(20) }).expect(200);
    await app.request()
      .post('/api/booking/reservations')
      .set('Idempotency-Key', 'at-rest-booking')
      .send({
        service,
        practitioner,
        start: slots.body.data.slots[0].start,
        patient: { name: PATIENT.name, birthDate: '1988-01-02', phone: PATIENT.phone, email: PATIENT.email },
        consents: { reservation_collection: true, reservation_health: true },
        note: `Please call ${PATIENT.name} first`,
        locale: 'en',
      })
      .expect(201);
    await app.request().post('/api/consultations').send({ name: PATIENT.name, email: PATIENT.email, phone: PATIENT.phone, question: 'Is a scar visible?', consents: CONSULTATION_CONSENTS }).expect(201);
    await registerMember(app, { username: 'dahye', email: PATIENT.email, password: 'A-long-passw0rd', birthDate: '1988-01-02', name: PATIENT.name, phone: PATIENT.phone, consents: MEMBERSHIP_CONSENTS });
    await app.request().post('/api/auth/local/register').send({ email: PATIENT.email, password: 'x', birthDate: '2020-01-01', name: PATIENT.name, consents: {} }).expect(400);
    await app.request().post('/api/auth/local').send({ identifier: PATIENT.email, password: 'A-long-passw0rd' }).expect(200);
    if (!usesPostgres()) await app.strapi.db.connection.raw('PRAGMA wal_checkpoint(PASSIVE)');

    const stored = (await storedText()).toLowerCase();
    for (const needle of [PATIENT.name, PATIENT.email, PATIENT.phone, PATIENT.digits, 'nonexistent']) {
      for (const form of asUtf8Needles(needle.toLowerCase())) expect(stored.includes(form)).toBe(false);
    }
    const log = logged.join('\n').toLowerCase();
    for (const needle of [PATIENT.name, PATIENT.email, PATIENT.phone, 'nonexistent']) expect(log.includes(needle.toLowerCase())).toBe(false);
  });

  it('re-encrypts everything under a new key (and legacy plaintext too), leaving every record readable', async () => {
    const { crypto: cryptoService, keys } = privacy(app.strapi);
    const oldSpec = process.env.PRIVACY_DATA_KEYS as string;
    const newKey = `r2:${crypto.randomBytes(32).toString('base64')}`;
    const readAll = async () => ({
      consultations: await app.strapi.documents('api::consultation.consultation').findMany({ sort: 'id' } as never),
      profiles: await app.strapi.documents('api::member-profile.member-profile').findMany({ sort: 'id' } as never),
      outbox: await app.strapi.documents('api::outbox-message.outbox-message').findMany({ sort: 'id' } as never),
    });
    const before = await readAll();
    const first = (before.consultations[0] as unknown as { documentId: string }).documentId;
    await app.strapi.db.connection('consultations').where('document_id', first).update({ answer: 'A legacy plaintext answer' });

    try {
      process.env.PRIVACY_DATA_KEYS = `${newKey},${oldSpec}`;
      cryptoService.load();
      const result = await keys.rotate({ batchSize: 2 });
      expect(result.rotated['api::consultation.consultation']).toBeGreaterThanOrEqual(5);
      expect(result.rotated['api::member-profile.member-profile']).toBeGreaterThanOrEqual(3);

      process.env.PRIVACY_DATA_KEYS = newKey;
      cryptoService.load();
      const after = await readAll();
      const withAnswer = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), answer: (r as { answer?: unknown }).answer ?? null, updatedAt: null }));
      expect(withAnswer(after.profiles)).toEqual(withAnswer(before.profiles));
      expect((after.consultations[0] as unknown as { answer: string }).answer).toBe('A legacy plaintext answer');
      expect(after.outbox.map((m) => (m as unknown as { envelope: string }).envelope)).toEqual(before.outbox.map((m) => (m as unknown as { envelope: string }).envelope));
      for (const [table, columns] of [
        ['consultations', ['name', 'email', 'question', 'answer']],
        ['member_profiles', ['name', 'email', 'birth_date', 'phone']],
      ] as const) {
        for (const row of await app.strapi.db.connection(table).select(...columns)) {
          for (const column of columns) if (row[column] !== null) expect(row[column]).toMatch(/^enc2:r2:/);
        }
      }
    } finally {
      process.env.PRIVACY_DATA_KEYS = oldSpec;
      cryptoService.load();
    }
  });
});
