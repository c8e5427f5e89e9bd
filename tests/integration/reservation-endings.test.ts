import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { firstSlot, patient, requiredConsents } from '../helpers/booking';
import { clock } from '../helpers/privacy-rights';

/**
 * One rule, every path: a reservation marked completed or cancelled carries the moment it happened,
 * whether the front desk, the Content Manager or a script marks it, and the retention grace counts
 * from then.
 */
let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '1000' });
  admin = await adminToken(app, 'strapi-super-admin');
});
afterAll(async () => {
  await app?.stop();
});

const UID = 'api::reservation.reservation';
const raw = (documentId: string) => app.strapi.db.connection('reservations').where('document_id', documentId).first();

async function booked(n: number) {
  const { service, slot } = await firstSlot((url) => app.request().get(url), n % 2);
  const res = await app
    .request()
    .post('/api/booking/reservations')
    .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: patient(n), consents: requiredConsents, locale: 'en' })
    .expect(201);
  return (await app.strapi.db.connection('reservations').where('reference', res.body.data.reference).first()).document_id as string;
}

const cmUpdate = (documentId: string, data: Record<string, unknown>) =>
  app.request().put(`/content-manager/collection-types/${UID}/${documentId}`).set('Authorization', `Bearer ${admin}`).send(data);

describe('ending a reservation in the Content Manager', () => {
  it('stamps completedAt when it is marked completed', async () => {
    const documentId = await booked(71);
    const at = new Date('2030-05-05T05:05:05.000Z');
    clock(app).set(at);
    await cmUpdate(documentId, { state: 'completed' }).expect(200);
    clock(app).reset();
    expect(new Date((await raw(documentId)).completed_at).toISOString()).toBe(at.toISOString());
  });

  it('keeps the first stamp when the record is saved again', async () => {
    const documentId = await booked(72);
    clock(app).set(new Date('2030-05-06T00:00:00.000Z'));
    await cmUpdate(documentId, { state: 'completed' }).expect(200);
    clock(app).set(new Date('2030-05-09T00:00:00.000Z'));
    await cmUpdate(documentId, { state: 'completed', completedAt: null }).expect(200);
    clock(app).reset();
    expect(new Date((await raw(documentId)).completed_at).toISOString()).toBe('2030-05-06T00:00:00.000Z');
  });

  it('stamps cancelledAt when it is cancelled', async () => {
    const documentId = await booked(73);
    await cmUpdate(documentId, { state: 'cancelled' }).expect(200);
    expect((await raw(documentId)).cancelled_at).not.toBeNull();
  });
});
