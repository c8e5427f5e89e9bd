import { startStrapi, type TestApp } from '../helpers/strapi';
import { CONSULTATION_CONSENTS, MEMBERSHIP_CONSENTS } from '../helpers/privacy';
import { firstSlot, patient, requiredConsents } from '../helpers/booking';

/** A mail that a public request causes is limited per recipient: no open relay under the clinic's name. */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '1000', MAIL_PER_RECIPIENT_PER_HOUR: '2', OUTBOX_WORKER: 'false' });
});
afterAll(async () => {
  await app?.stop();
});

describe('mail a public request causes', () => {
  it('is limited per recipient: a burst of consultations to one address stops at the limit and stores nothing more', async () => {
    const ask = () =>
      app
        .request()
        .post('/api/consultations')
        .send({ name: 'Made Up Asker', email: 'Relay.Target@example.test', question: 'Visit https://evil.example now', consents: CONSULTATION_CONSENTS, locale: 'en' });
    expect((await ask()).status).toBe(201);
    expect((await ask()).status).toBe(201);
    const third = await ask();
    expect(third.status).toBe(429);
    expect(third.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(await app.strapi.db.query('api::consultation.consultation').count()).toBe(2);
    expect(await app.strapi.db.query('api::outbox-message.outbox-message').count({ where: { kind: { $startsWith: 'consultation' } } })).toBe(2);
  });

  it('is limited per recipient for bookings too: the third booking mailed to one address in an hour is refused before anything is booked', async () => {
    const get = (url: string) => app.request().get(url);
    const victim = { ...patient(60), email: 'booking.target@example.test' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { service, slot } = await firstSlot(get, i % 2);
      const res = await app.request().post('/api/booking/reservations').send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: victim, consents: requiredConsents, locale: 'en' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.details.code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([201, 201, 429]);
    const emailHash = (app.strapi.plugin('privacy-guard').service('crypto') as { lookupHash(k: 'email', v: string): string }).lookupHash('email', victim.email);
    const booked = (await app.strapi.db.connection('reservations').where('email_hash', emailHash).count({ n: '*' }).first()) as { n: number | string };
    expect(Number(booked.n)).toBe(2);
  });

  it('is limited per recipient for registrations: the third one naming an address in an hour is refused, new and existing alike', async () => {
    const register = (email: string, n: number) =>
      app.request().post('/api/auth/local/register').send({ email, password: `A-long-passw0rd-${n}`, birthDate: '1990-01-01', consents: MEMBERSHIP_CONSENTS, locale: 'en' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await register('Register.Target@example.test', i)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const mails = await app.strapi.db.query('api::outbox-message.outbox-message').count({ where: { kind: 'account.confirm-email' } });
    expect(mails).toBe(1); // the second registration replaced the first, unconfirmed one and its mail
  });

  it('is limited per recipient for password resets: every address answers the same, and the third in an hour is refused', async () => {
    const forgot = (email: string) => app.request().post('/api/auth/forgot-password').send({ email });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await forgot('Reset.Target@example.test')).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await forgot('reset.target@example.test');
    expect(refused.status).toBe(429);
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
