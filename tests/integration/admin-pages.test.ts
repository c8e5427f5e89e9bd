import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { firstSlot } from '../helpers/booking';

/** A made-up patient. */
const PATIENT = { name: 'Seojun Inventedlee', birthDate: '1985-02-03', phone: '010-5555-0173', email: 'seojun.inventedlee@example.test' };

let app: TestApp;
let officer: string;
let frontDesk: string;
let reservation: { documentId: string; subjectId: string };

const as = (token: string) => ({
  get: (url: string) => app.request().get(url).set('Authorization', `Bearer ${token}`),
  post: (url: string, body: object) => app.request().post(url).set('Authorization', `Bearer ${token}`).send(body),
});
const log = () => app.strapi.db.connection('privacy_access_log');

beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '1000' });
  officer = await adminToken(app, 'clinic-privacy-officer');
  frontDesk = await adminToken(app, 'clinic-front-desk');
  const { service, slot } = await firstSlot((url: string) => app.request().get(url));
  await app
    .request()
    .post('/api/booking/reservations')
    .send({
      service: service.id,
      practitioner: slot.practitionerId,
      start: slot.start,
      patient: PATIENT,
      consents: { reservation_collection: true, reservation_health: true },
      locale: 'en',
    })
    .expect(201);
  reservation = await app.strapi.db.query('api::reservation.reservation').findOne({ select: ['documentId', 'subjectId', 'startsAt'] });
});
afterAll(async () => {
  await app?.stop();
});

describe("the front desk's day", () => {
  const dayOf = async () => {
    const stored = await app.strapi.db.query('api::reservation.reservation').findOne({ select: ['startsAt'] });
    const zone = (await app.strapi.service('api::clinic.clinic').settings()).timeZone as string;
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(stored.startsAt));
  };

  it('lists the day with names masked, and logs the list', async () => {
    const res = await as(frontDesk)
      .get(`/privacy-guard/front-desk/day?date=${await dayOf()}`)
      .expect(200);
    const row = res.body.data.reservations.find((r: { documentId: string }) => r.documentId === reservation.documentId);
    expect(row).toMatchObject({ patientName: 'S***** I**********', state: 'confirmed' });
    expect(row.practitioner).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/Inventedlee|5555-?0173|seojun/i);
    expect(
      await log().where({ action: 'list', staff_role: 'clinic-front-desk', content_type: 'api::reservation.reservation' }),
    ).toHaveLength(1);
  });

  it('opens one in full as a logged read with whose it is', async () => {
    const res = await as(frontDesk).get(`/privacy-guard/front-desk/reservations/${reservation.documentId}`).expect(200);
    expect(res.body.data).toMatchObject({ patientName: PATIENT.name, patientPhone: PATIENT.phone, patientEmail: PATIENT.email });
    const reads = await log().where({ action: 'read', staff_role: 'clinic-front-desk', target_document_id: reservation.documentId });
    expect(reads).toHaveLength(1);
    expect(reads[0].subject_id).toBe(reservation.subjectId);
  });

  it('marks it completed once; a second mark is refused', async () => {
    const res = await as(frontDesk)
      .post(`/privacy-guard/front-desk/reservations/${reservation.documentId}/state`, { state: 'completed' })
      .expect(200);
    expect(res.body.data.state).toBe('completed');
    const stored = await app.strapi.db
      .query('api::reservation.reservation')
      .findOne({ where: { documentId: reservation.documentId }, select: ['state', 'completedAt'] });
    expect(stored.state).toBe('completed');
    expect(stored.completedAt).toBeTruthy();
    const again = await as(frontDesk).post(`/privacy-guard/front-desk/reservations/${reservation.documentId}/state`, { state: 'no_show' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('NOT_CONFIRMED');
    expect(await log().where({ action: 'change', staff_role: 'clinic-front-desk', reason: 'marked completed' })).toHaveLength(1);
  });

  it('refuses a state other than completed or no-show', async () => {
    const res = await as(frontDesk).post(`/privacy-guard/front-desk/reservations/${reservation.documentId}/state`, { state: 'cancelled' });
    expect(res.status).toBe(400);
  });
});

describe("the privacy officer's pages", () => {
  it('overview: counts, 90 days of bookings and the consent rate per item', async () => {
    await app
      .request()
      .post('/api/privacy/complaints')
      .send({ email: PATIENT.email, message: 'Invented complaint for the overview.' })
      .expect(201);
    const { data } = (await as(officer).get('/privacy-guard/overview').expect(200)).body;
    expect(data.bookingsPerDay).toHaveLength(90);
    expect(data.counts).toMatchObject({ openComplaints: 1, overdueComplaints: 0, pendingCorrections: 0, guardianPending: 0 });
    const collection = data.consentRates.find((r: { item: string }) => r.item === 'reservation_collection');
    expect(collection).toMatchObject({ granted: 1, asked: 1, rate: 100 });
    expect(data.nextSweep.counts).toHaveProperty('reservation-completed');
  });

  it('access log: the CSV export needs a reason and is itself logged with it', async () => {
    expect((await as(officer).get('/privacy-guard/access-log/export')).status).toBe(400);
    const res = await as(officer).get('/privacy-guard/access-log/export?reason=quarterly+audit').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...rows] = res.text.trim().split('\n');
    expect(header).toBe('seq,occurredAt,staffId,staffRole,action,contentType,targetDocumentId,subjectId,reason,clientAddress,hash');
    expect(rows.length).toBeGreaterThan(0);
    const exports = await log().where({ action: 'export', staff_role: 'clinic-privacy-officer' });
    expect(exports).toHaveLength(1);
    expect(exports[0].reason).toMatch(/quarterly audit/);
    expect((await as(officer).get('/privacy-guard/access-log/verify').expect(200)).body.data.ok).toBe(true);
  });

  it('access log: a month is marked reviewed with a note, and marking it again updates it', async () => {
    expect((await as(officer).post('/privacy-guard/access-log/reviews', { month: '2026-13', note: 'x' })).status).toBe(400);
    await as(officer).post('/privacy-guard/access-log/reviews', { month: '2026-10', note: 'Nothing unusual' }).expect(201);
    await as(officer).post('/privacy-guard/access-log/reviews', { month: '2026-10', note: 'Checked again' }).expect(200);
    const { data } = (await as(officer).get('/privacy-guard/access-log/reviews').expect(200)).body;
    expect(data).toEqual([expect.objectContaining({ month: '2026-10', note: 'Checked again' })]);
  });

  it('requests: complaints with their 10-day clock, the list logged', async () => {
    const { data } = (await as(officer).get('/privacy-guard/complaints?state=open').expect(200)).body;
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ state: 'open', email: PATIENT.email });
    expect(data[0].daysLeft).toBeGreaterThanOrEqual(9);
    expect(await log().where({ action: 'list', content_type: 'api::complaint.complaint' })).toHaveLength(1);
  });

  it('policy: versions, the one in effect, who consented to it, and a diff', async () => {
    const { data } = (await as(officer).get('/privacy-guard/policy/versions').expect(200)).body;
    expect(data.current).toBe(1);
    expect(data.versions[0]).toMatchObject({ version: 1, status: 'in_effect' });
    expect(data.consentedToCurrent).toEqual({ members: 0, everyone: 1 });
    const diff = (await as(officer).get('/privacy-guard/policy/diff?from=1&to=1').expect(200)).body.data;
    // A version against itself: the whole text, unchanged (an empty diff would fail here).
    expect(diff.parts.length).toBeGreaterThan(0);
    expect(diff.parts.map((p: { value: string }) => p.value).join('')).toContain('Privacy');
    expect(diff.parts.every((p: { added: boolean; removed: boolean }) => !p.added && !p.removed)).toBe(true);
    expect((await as(officer).get('/privacy-guard/policy/diff?from=1&to=9')).status).toBe(404);
  });

  it('settings: which key encrypts how many values', async () => {
    const { data } = (await as(officer).get('/privacy-guard/settings').expect(200)).body;
    expect(data.keys.primaryKeyId).toBe('t1');
    expect(data.keys.byKey.t1).toBeGreaterThan(0);
    expect(data.keys.byKey.plaintext).toBeUndefined();
    expect(data.booking.timeZone).toBe('Asia/Seoul');
  });

  it('retention: the rules with their periods', async () => {
    const { data } = (await as(officer).get('/privacy-guard/retention/rules').expect(200)).body;
    expect(data.rules.map((r: { rule: string }) => r.rule)).toContain('reservation-completed');
    expect(data.rules.find((r: { rule: string }) => r.rule === 'reservation-completed').period).toMatch(/day\(s\) after treatment/);
  });
});
