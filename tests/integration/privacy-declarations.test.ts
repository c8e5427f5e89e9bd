import { startStrapi, type SchemaJson, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { firstSlot, requiredConsents } from '../helpers/booking';
import { sessionFor } from '../helpers/privacy-rights';

/**
 * Adding a personal field is one line in the content type's schema.json: Strapi starts with one
 * more attribute on the reservation and on the complaint, each declared personal with one line of
 * `pluginOptions`, read by the plugin's register as every declaration is, and nothing else changes.
 */
const RESERVATION = 'api::reservation.reservation';
const COMPLAINT = 'api::complaint.complaint';
const DECLARED = { 'privacy-guard': { personal: true } };

const addAllergy = (uid: string, schema: SchemaJson) => {
  if (uid === RESERVATION) schema.attributes.allergy = { type: 'text', private: true, pluginOptions: DECLARED };
  if (uid === COMPLAINT) schema.attributes.ward = { type: 'text', private: true, pluginOptions: DECLARED };
};

/** A made-up patient, and values nobody else holds. */
const PERSON = { name: 'Haneul Fictionara', birthDate: '1991-02-14', phone: '010-5555-0461', email: 'haneul.fictionara@example.test' };
const ALLERGY = 'Penicillin-Madeupitis';
const WARD = 'Ward-Inventedseven';

let app: TestApp;
let admin: string;
const reservationsPath = `/content-manager/collection-types/${RESERVATION}`;
const complaintsPath = `/content-manager/collection-types/${COMPLAINT}`;

/** The stored row, read straight from the table Strapi's metadata names. */
const rawRow = (uid: string, documentId: string) => {
  const model = app.strapi.db.metadata.get(uid as never);
  return app.strapi.db.connection(model.tableName).where('document_id', documentId).first();
};
const column = (uid: string, attribute: string) =>
  (app.strapi.db.metadata.get(uid as never).attributes[attribute] as unknown as { columnName: string }).columnName;

beforeAll(async () => {
  app = await startStrapi({}, { schema: addAllergy });
  admin = await adminToken(app, 'strapi-super-admin', 'declarations-admin@staff.dodream.example');
});
afterAll(async () => {
  await app?.stop();
});

describe('a reservation with one more attribute declared personal', () => {
  let documentId: string;
  let manageToken: string;

  beforeAll(async () => {
    const { service, slot } = await firstSlot((url) => app.request().get(url));
    const booked = await app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: PERSON, consents: requiredConsents, locale: 'en' })
      .expect(201);
    manageToken = booked.body.data.manageToken;
    const row = (await app.strapi.db.query(RESERVATION).findOne({ where: { reference: booked.body.data.reference }, select: ['documentId'] })) as {
      documentId: string;
    };
    documentId = row.documentId;
    // Staff note the allergy in the Content Manager, as they would any field.
    await app.request().put(`${reservationsPath}/${documentId}`).set('Authorization', `Bearer ${admin}`).send({ allergy: ALLERGY }).expect(200);
  });

  it('is sealed at rest: the raw row holds an envelope, never the value', async () => {
    const stored = (await rawRow(RESERVATION, documentId))[column(RESERVATION, 'allergy')] as string;
    expect(stored).toMatch(/^enc2:/);
    expect(stored).not.toContain(ALLERGY);
  });

  it('opens for staff who open the record', async () => {
    const res = await app.request().get(`${reservationsPath}/${documentId}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.data.allergy).toBe(ALLERGY);
  });

  it('is masked in the Content Manager list, for the super admin too', async () => {
    const res = await app.request().get(reservationsPath).set('Authorization', `Bearer ${admin}`).expect(200);
    const row = (res.body.results as Array<Record<string, unknown>>).find((r) => r.documentId === documentId);
    expect(row?.allergy).toBe('***');
    expect(JSON.stringify(res.body)).not.toContain(ALLERGY);
  });

  it('comes back in the patient\'s my-data export', async () => {
    const res = await app.request().get('/api/privacy/my-data').set('X-Manage-Token', manageToken).expect(200);
    expect(res.body.data.reservations).toEqual([expect.objectContaining({ allergy: ALLERGY, patient: expect.objectContaining({ name: PERSON.name }) })]);
  });

  it('is counted by the key status and kept sealed by a rotation', async () => {
    const keys = app.strapi.plugin('privacy-guard').service('keys') as {
      status(): Promise<{ byType: Record<string, Record<string, number>> }>;
      rotate(): Promise<{ scanned: Record<string, number> }>;
    };
    const before = (await keys.status()).byType[RESERVATION];
    const stored = (await rawRow(RESERVATION, documentId))[column(RESERVATION, 'allergy')] as string;
    await keys.rotate();
    const after = (await rawRow(RESERVATION, documentId))[column(RESERVATION, 'allergy')] as string;
    expect(after).toBe(stored);
    // Of the reservation's eight personal fields, five hold a value: name, birth date, phone, email and the allergy.
    expect(Object.values(before).reduce((n, c) => n + c, 0)).toBe(5);
  });

  it('is destroyed by the patient\'s withdrawal with the reservation', async () => {
    await app.request().post('/api/privacy/withdrawal').set('X-Manage-Token', manageToken).send({}).expect(200);
    expect(await rawRow(RESERVATION, documentId)).toBeUndefined();
  });
});

describe('a complaint with one more attribute declared personal', () => {
  const complainant = { name: 'Boram Fictionwoo', email: 'boram.fictionwoo@example.test' };
  let documentId: string;

  beforeAll(async () => {
    await app.request().post('/api/privacy/complaints').send({ ...complainant, message: 'The waiting room list showed names.' }).expect(201);
    const row = (await app.strapi.db.query(COMPLAINT).findOne({ where: { emailHash: { $notNull: true } }, orderBy: { id: 'desc' }, select: ['documentId'] })) as {
      documentId: string;
    };
    documentId = row.documentId;
    await app.request().put(`${complaintsPath}/${documentId}`).set('Authorization', `Bearer ${admin}`).send({ ward: WARD }).expect(200);
  });

  it('is sealed at rest and exported to the person', async () => {
    expect((await rawRow(COMPLAINT, documentId))[column(COMPLAINT, 'ward')]).toMatch(/^enc2:/);
    const session = await sessionFor(app, complainant.email);
    const res = await app.request().get('/api/privacy/my-data').set('X-Privacy-Session', session).expect(200);
    expect(res.body.data.complaints).toEqual([expect.objectContaining({ name: complainant.name, ward: WARD })]);
  });

  it('is overwritten with null by the person\'s erasure, while the complaint stays for its 3 years', async () => {
    const session = await sessionFor(app, complainant.email);
    await app.request().post('/api/privacy/withdrawal').set('X-Privacy-Session', session).send({}).expect(200);
    const row = await rawRow(COMPLAINT, documentId);
    expect(row).toBeDefined();
    expect(row[column(COMPLAINT, 'ward')]).toBeNull();
    expect(row[column(COMPLAINT, 'name')]).toBeNull();
  });
});
