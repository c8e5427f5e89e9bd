import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { CONSULTATION_CONSENTS, MEMBERSHIP_CONSENTS, privacy, RESERVATION_CONSENTS } from '../helpers/privacy';

let app: TestApp;
let superAdmin: string;
beforeAll(async () => {
  app = await startStrapi();
  superAdmin = await adminToken(app, 'strapi-super-admin');
});
afterAll(async () => {
  await app?.stop();
});

const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const post = (uid: string, body: object) => app.request().post(cm(uid)).set('Authorization', `Bearer ${superAdmin}`).send(body);
const reservationData = (subjectId?: string) => ({
  reference: `R-CM${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  startsAt: '2030-06-03T01:00:00.000Z',
  endsAt: '2030-06-03T01:30:00.000Z',
  patientName: 'Haneul Testperson',
  patientEmail: 'haneul.testperson@example.test',
  ...(subjectId ? { subjectId } : {}),
});

describe('rule 1 through the admin Content Manager', () => {
  it.each([
    ['api::reservation.reservation', reservationData(), ['reservation_collection', 'reservation_health']],
    ['api::consultation.consultation', { reference: 'Q-CMTEST01', name: 'Someone', question: 'Is it safe?' }, ['consultation_collection', 'consultation_health']],
    ['api::member-profile.member-profile', { subjectId: 'sub_nobody', name: 'Someone' }, ['membership_collection']],
  ])('refuses to create %s without the channel consents in the ledger', async (uid, data, keys) => {
    const res = await post(uid, data).expect(400);
    expect(res.body.error.details).toEqual({ code: 'CONSENT_REQUIRED', keys });
    expect(await app.strapi.db.query(uid as never).count()).toBe(0);
  });

  it('refuses a subject whose consents are for another channel, and accepts one with the right grants', async () => {
    const { consent } = privacy(app.strapi);
    const subjectId = consent.subjectIdFor('haneul.testperson@example.test');
    await consent.record({ subjectId, channel: 'consultation', consents: CONSULTATION_CONSENTS, actor: 'self', clientAddress: null });
    expect((await post('api::reservation.reservation', reservationData(subjectId)).expect(400)).body.error.details.code).toBe('CONSENT_REQUIRED');

    await consent.record({ subjectId, channel: 'reservation', consents: RESERVATION_CONSENTS, actor: 'staff', clientAddress: null });
    const created = await post('api::reservation.reservation', reservationData(subjectId)).expect(201);
    expect(created.body.data.patientName).toBe('Haneul Testperson');
    const raw = await app.strapi.db.connection('reservations').where('document_id', created.body.data.documentId).first();
    expect(raw.patient_name).toMatch(/^enc2:/);
    expect(raw.email_hash).toBe(privacy(app.strapi).crypto.lookupHash('email', 'Haneul.Testperson@example.test '));
  });

  it('holds for code that calls the Document Service directly', async () => {
    await expect(
      app.strapi.documents('api::member-profile.member-profile').create({ data: { subjectId: privacy(app.strapi).consent.subjectIdFor('x@example.test') } } as never),
    ).rejects.toMatchObject({ details: { code: 'CONSENT_REQUIRED', keys: ['membership_collection'] } });
  });

  it('refuses once a required grant was withdrawn', async () => {
    const { consent } = privacy(app.strapi);
    const subjectId = consent.subjectIdFor('withdrawer@example.test');
    await consent.record({ subjectId, channel: 'membership', consents: MEMBERSHIP_CONSENTS, actor: 'self', clientAddress: null });
    await consent.record({ subjectId, channel: 'membership', consents: { membership_collection: false }, actor: 'self', clientAddress: null });
    const res = await post('api::member-profile.member-profile', { subjectId }).expect(400);
    expect(res.body.error.details).toEqual({ code: 'CONSENT_REQUIRED', keys: ['membership_collection'] });
  });
});

describe('POST /api/privacy/cookie-consents', () => {
  const consentId = '3f1c2a4e-8b7d-4c1e-9f2a-5d6b7c8e9f01';

  it('stores the choice with every category and the truncated address, at /api/privacy', async () => {
    const res = await app.request().post('/api/privacy/cookie-consents').send({ consentId, categories: { necessary: true, analytics: false }, policyVersion: 1 }).expect(201);
    expect(res.body.data).toEqual({ consentId, categories: { necessary: true, analytics: false, marketing: false }, policyVersion: 1 });
    const stored = await app.strapi.db.connection('privacy_cookie_consents').where('consent_id', consentId).first();
    expect(stored.client_address).toBe('127.0.0.0/24');
    const elsewhere = await app.request().post('/api/privacy-guard/cookie-consents').send({ consentId, categories: { necessary: true }, policyVersion: 1 });
    expect([404, 405]).toContain(elsewhere.status);
  });

  it('refuses a required category turned off, unknown categories, another policy version and a bad id', async () => {
    const send = (body: object) => app.request().post('/api/privacy/cookie-consents').send(body);
    expect((await send({ consentId, categories: { necessary: false }, policyVersion: 1 }).expect(422)).body.error.details).toEqual({ code: 'CONSENT_REQUIRED', keys: ['necessary'] });
    expect((await send({ consentId, categories: { necessary: true, tracking: true }, policyVersion: 1 }).expect(400)).body.error.details.code).toBe('VALIDATION');
    expect((await send({ consentId, categories: { necessary: true }, policyVersion: 7 }).expect(422)).body.error.details.code).toBe('POLICY_OUTDATED');
    expect((await send({ consentId: 'not-a-uuid', categories: { necessary: true }, policyVersion: 1 }).expect(400)).body.error.details.fields).toEqual(['consentId']);
  });
});
