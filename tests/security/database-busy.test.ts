import Database from 'better-sqlite3';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { firstSlot, patient, requiredConsents } from '../helpers/booking';

/**
 * A busy SQLite (its one writer lock held by another process: a backup, a second instance, an
 * operator's shell) answers 503 with Retry-After, changes nothing and logs no statement; the
 * same request succeeds once the lock is gone. SQLite's writer lock has no PostgreSQL twin here:
 * on PostgreSQL a write waits for a row or table lock instead of failing.
 */
const onSqlite = process.env.TEST_DATABASE === 'postgres' ? describe.skip : describe;
if (process.env.TEST_DATABASE === 'postgres') console.log('database-busy: SQLite’s writer lock only; nothing to try on PostgreSQL');

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

onSqlite('a busy database', () => {
  it('answers 503 SERVICE_BUSY with Retry-After, stores nothing, logs no statement, and the retry succeeds', async () => {
    const { service, slot } = await firstSlot((url) => app.request().get(url));
    const person = patient(7);
    const body = { service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: person, consents: requiredConsents, locale: 'en' };
    const before = await app.strapi.db.query('api::reservation.reservation').count();
    const logged: string[] = [];
    const spies = (['error', 'warn'] as const).map((level) =>
      jest.spyOn(app.strapi.log, level).mockImplementation(((line: unknown) => {
        logged.push(line instanceof Error ? `${line.message}\n${line.stack}` : String(line));
      }) as never),
    );
    const other = new Database(process.env.DATABASE_FILENAME as string);
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await app.request().post('/api/booking/reservations').send(body);
      expect(res.status).toBe(503);
      expect(res.body.error.details.code).toBe('SERVICE_BUSY');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      for (const spy of spies) spy.mockRestore();
    }
    expect(await app.strapi.db.query('api::reservation.reservation').count()).toBe(before);
    expect(logged.join('\n')).toMatch(/database busy/);
    for (const line of logged) {
      expect(line).not.toMatch(/insert into|values \(/i);
      expect(line).not.toContain(person.email);
    }
    await app.request().post('/api/booking/reservations').send(body).expect(201);
  });
});
