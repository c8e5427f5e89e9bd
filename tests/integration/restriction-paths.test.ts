import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { bookFirstFree, clock, demoCatalog, type Person } from '../helpers/privacy-rights';

/**
 * Rule 5 on every path that reads or changes a reservation: while a correction asked through its
 * manage token is pending, the reservation is not used. Each path asks the one restriction
 * service (plugins/privacy-guard/server/src/services/restriction.ts); each `it` is one path.
 */
const RESERVATION = 'api::reservation.reservation';
const CM = `/content-manager/collection-types/${RESERVATION}`;

let app: TestApp;
let catalog: Awaited<ReturnType<typeof demoCatalog>>;
let officer: string;
let frontDesk: string;
let booking: { reference: string; manageToken: string };
let documentId: string;
let correctionId: string;

const person: Person = { name: 'Haneul Madeupson', email: 'haneul.madeupson@example.test', phone: '010-5555-0771' };
const row = () => app.strapi.db.connection('reservations').where('reference', booking.reference).first();
const code = (res: { status: number; body: { error?: { details?: { code?: string } } } }) => [res.status, res.body.error?.details?.code];

beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '100000' });
  clock(app).set(new Date('2027-03-01T00:00:00Z'));
  catalog = await demoCatalog(app);
  officer = await adminToken(app, 'clinic-privacy-officer');
  frontDesk = await adminToken(app, 'clinic-front-desk');
  booking = await bookFirstFree(app, catalog, person);
  documentId = (await row()).document_id;
  await app
    .request()
    .post('/api/privacy/corrections')
    .set('X-Manage-Token', booking.manageToken)
    .send({ field: 'phone', value: '010-5555-0772' })
    .expect(201);
  const list = await app.request().get('/privacy-guard/corrections?status=pending').set('Authorization', `Bearer ${officer}`).expect(200);
  correctionId = list.body.data[0].id;
});
afterAll(async () => {
  await app?.stop();
});

describe('while a correction is pending', () => {
  it('refuses a reschedule through the manage token, and the reservation keeps its time', async () => {
    const before = await row();
    const res = await app.request().post(`/api/booking/manage/${booking.manageToken}/reschedule`).send({ start: '2027-03-09T11:00:00+09:00' });
    expect(code(res)).toEqual([403, 'RESTRICTED']);
    expect((await row()).starts_at).toEqual(before.starts_at);
  });

  it('refuses an edit in the Content Manager, and nothing changes', async () => {
    const res = await app.request().put(`${CM}/${documentId}`).set('Authorization', `Bearer ${frontDesk}`).send({ note: 'edited by staff (made up)' });
    expect(code(res)).toEqual([403, 'RESTRICTED']);
    const stored = (await app.strapi.documents(RESERVATION).findOne({ documentId } as never)) as unknown as { note: string | null };
    expect(stored.note).toBeNull();
  });

  it('withholds the reservation from an export to a third party, and counts it', async () => {
    const provision = (await app.strapi.db.query('plugin::privacy-guard.provision').create({
      data: { recipient: 'Madeup Lab', purpose: 'tests', dataItems: ['name'], period: '1 year', startsAt: new Date('2027-01-01T00:00:00Z'), consentItemKey: 'third_party_provision', active: true },
    })) as { id: number };
    await app.strapi.plugin('privacy-guard').service('consent').record({
      subjectId: (await row()).subject_id,
      channel: 'reservation',
      consents: { third_party_provision: true },
      actor: 'self',
      scope: `reservation:${documentId}`,
    });
    const rights = app.strapi.plugin('privacy-guard').service('rights') as {
      thirdPartyExport(id: number): Promise<{ records: Array<{ reference: string }>; withheldRestricted: number }>;
    };
    const exported = await rights.thirdPartyExport(provision.id);
    expect(exported.records.map((r) => r.reference)).not.toContain(booking.reference);
    expect(exported.withheldRestricted).toBe(1);
  });

  it('skips its reminder when the outbox comes to it', async () => {
    clock(app).set(new Date('2027-03-01T23:30:00Z'));
    await (app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> }).drain();
    const reminder = await app.strapi.db.connection('outbox_messages').where({ kind: 'booking.reminder', related_document_id: documentId }).first();
    expect(reminder?.status).toBe('skipped');
    clock(app).set(new Date('2027-03-01T00:00:00Z'));
  });

  it('shows the front desk the reservation as restricted', async () => {
    const day = (await row()).starts_at;
    const date = new Date(new Date(day).getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    const res = await app.request().get(`/privacy-guard/front-desk/day?date=${date}`).set('Authorization', `Bearer ${frontDesk}`).expect(200);
    const shown = res.body.data.reservations.find((r: { reference: string }) => r.reference === booking.reference);
    expect(shown).toMatchObject({ restricted: true });
  });
});

describe('once staff resolve the correction', () => {
  beforeAll(async () => {
    await app
      .request()
      .post(`/privacy-guard/corrections/${correctionId}/resolve`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ outcome: 'applied', message: 'Done (made up).' })
      .expect(200);
  });

  it('applies the corrected value and lifts the restriction', async () => {
    const stored = (await app.strapi.documents(RESERVATION).findOne({ documentId } as never)) as unknown as { patientPhone: string; restricted: boolean };
    expect(stored).toMatchObject({ patientPhone: '010-5555-0772', restricted: false });
  });

  it('lets the Content Manager edit it again', async () => {
    const res = await app.request().put(`${CM}/${documentId}`).set('Authorization', `Bearer ${frontDesk}`).send({ note: 'edited by staff (made up)' });
    expect([res.status, res.body.error]).toEqual([200, undefined]);
  });

  it('lets the manage link reschedule again', async () => {
    const stored = (await app.strapi.documents(RESERVATION).findOne({ documentId, populate: { practitioner: { fields: ['name'] } } } as never)) as unknown as {
      practitioner: { documentId: string };
    };
    const free = await app.request().get(`/api/booking/slots?service=${catalog.service['first-consultation']}&from=2027-03-08&to=2027-03-12`).expect(200);
    const slot = free.body.data.slots.find((s: { practitionerId: string }) => s.practitionerId === stored.practitioner.documentId) as { start: string };
    const res = await app.request().post(`/api/booking/manage/${booking.manageToken}/reschedule`).send({ start: slot.start });
    expect([res.status, res.body.error]).toEqual([200, undefined]);
    expect(new Date((await row()).starts_at).toISOString()).toBe(new Date(slot.start).toISOString());
  });
});
