import { startStrapi, type TestApp } from '../helpers/strapi';
import { firstSlot, patient, requiredConsents } from '../helpers/booking';

/**
 * Encryption cannot be turned against itself: input is sealed as given (a pasted ciphertext is
 * text), and a sealed value opens only in the field and row it was sealed for.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

const UID = 'api::reservation.reservation';
const get = (url: string) => app.request().get(url);

let n = 0;
async function book(extra: Record<string, unknown> = {}) {
  n += 1;
  const { service, slot } = await firstSlot(get);
  const res = await app
    .request()
    .post('/api/booking/reservations')
    .set('X-Forwarded-For', `198.51.100.${n}`)
    .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: patient(n), consents: requiredConsents, locale: 'en', ...extra })
    .expect(201);
  const row = await app.strapi.db.connection('reservations').where('reference', res.body.data.reference).first();
  return { token: res.body.data.manageToken as string, row, person: patient(n) };
}

const exported = async (token: string) => (await get('/api/privacy/my-data').set('X-Manage-Token', token).expect(200)).body.data.reservations[0];

describe('a ciphertext is never a way to read someone else’s data', () => {
  it('a sealed value of another booking pasted into a note comes back as the text pasted, not decrypted', async () => {
    const victim = await book();
    const attacker = await book({ note: victim.row.patient_phone });
    const mine = await exported(attacker.token);
    expect(mine.note).toBe(victim.row.patient_phone);
    expect(JSON.stringify(mine)).not.toContain(victim.person.phone);
  });

  it('a ciphertext copied into another row of the database opens there as nothing, and the failure is logged without the value', async () => {
    const victim = await book();
    const attacker = await book();
    const warn = jest.spyOn(app.strapi.log, 'warn');
    await app.strapi.db.connection('reservations').where('id', attacker.row.id).update({ patient_phone: victim.row.patient_phone });
    const mine = await exported(attacker.token);
    expect(mine.patient.phone).toBeNull();
    expect(JSON.stringify(mine)).not.toContain(victim.person.phone);
    const logged = warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('patientPhone'));
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line).not.toContain(victim.person.phone);
    warn.mockRestore();
    expect((await exported(victim.token)).patient.phone).toBe(victim.person.phone);
  });

  it('a ciphertext moved to another field of the same row opens there as nothing', async () => {
    const victim = await book({ note: 'an ordinary note' });
    await app.strapi.db.connection('reservations').where('id', victim.row.id).update({ note: victim.row.patient_phone });
    const mine = await exported(victim.token);
    expect(mine.note).toBeNull();
    expect(mine.patient.phone).toBe(victim.person.phone);
  });
});

describe('key rotation and the first envelope format', () => {
  const crypto = () => app.strapi.plugin('privacy-guard').service('crypto') as { encrypt(v: string): string };
  const keys = () =>
    app.strapi.plugin('privacy-guard').service('keys') as {
      rotate(o?: { batchSize?: number }): Promise<{ rotated: Record<string, number> }>;
      rewrite(trx: unknown, page: { uid: string; table: string; fields: Array<{ field: string; column: string }>; rows: Array<Record<string, unknown>> }): Promise<number>;
    };

  it('a value of the first, unbound format still opens, and rotation seals it again for its place', async () => {
    const booked = await book();
    await app.strapi.db.connection('reservations').where('id', booked.row.id).update({ patient_name: crypto().encrypt(booked.person.name) });
    expect((await exported(booked.token)).patient.name).toBe(booked.person.name);
    await keys().rotate();
    const raw = await app.strapi.db.connection('reservations').where('id', booked.row.id).first();
    expect(raw.patient_name).toMatch(/^enc2:/);
    expect((await exported(booked.token)).patient.name).toBe(booked.person.name);
  });

  it('a rotation that read a row before it was erased does not write the erased values back', async () => {
    const booked = await book();
    await app.strapi.db.connection('reservations').where('id', booked.row.id).update({ patient_name: crypto().encrypt(booked.person.name) });
    const stale = await app.strapi.db.connection('reservations').select('id', 'document_id', 'patient_name').where('id', booked.row.id);
    await app.strapi.db.connection('reservations').where('id', booked.row.id).update({ patient_name: null });
    const rewritten = await app.strapi.db.transaction(({ trx }) =>
      keys().rewrite(trx, { uid: UID, table: 'reservations', fields: [{ field: 'patientName', column: 'patient_name' }], rows: stale }),
    );
    expect(rewritten).toBe(0);
    const raw = await app.strapi.db.connection('reservations').where('id', booked.row.id).first();
    expect(raw.patient_name).toBeNull();
  });
});
