import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { firstSlot } from '../helpers/booking';

/** A made-up patient. */
const PERSON = { name: 'Jiwoo Inventedkim', birthDate: '1988-07-21', phone: '010-5555-0199', email: 'jiwoo.inventedkim@example.test' };
const PERSONAL_VALUES = [/Inventedkim/i, /jiwoo/i, /5555-?0199/, /1988-07-21/];
const RESERVATIONS = '/content-manager/collection-types/api::reservation.reservation';

let app: TestApp;
let frontDesk: string;
let officer: string;
let frontDeskId: number;
let reservation: { documentId: string; subjectId: string };

const logTable = () => app.strapi.db.connection('privacy_access_log');
const asOfficer = (path: string) => app.request().get(path).set('Authorization', `Bearer ${officer}`);

beforeAll(async () => {
  app = await startStrapi();
  frontDesk = await adminToken(app, 'clinic-front-desk');
  officer = await adminToken(app, 'clinic-privacy-officer');
  frontDeskId = (await app.strapi.service('admin::user').findOneByEmail('clinic-front-desk@staff.dodream.example')).id;
  const get = (url: string) => app.request().get(url);
  const { service, slot } = await firstSlot(get);
  await app
    .request()
    .post('/api/booking/reservations')
    .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: PERSON, consents: { reservation_collection: true, reservation_health: true }, locale: 'en' })
    .expect(201);
  const stored = (await app.strapi.db.query('api::reservation.reservation').findOne({ select: ['documentId', 'subjectId'] })) as { documentId: string; subjectId: string };
  reservation = stored;
});
afterAll(async () => {
  await app?.stop();
});

describe('staff access through the Content Manager', () => {
  it('shows the front desk a masked list and logs it', async () => {
    const res = await app.request().get(RESERVATIONS).set('Authorization', `Bearer ${frontDesk}`).expect(200);
    const row = (res.body.results as Array<Record<string, unknown>>).find((r) => r.documentId === reservation.documentId);
    expect(row).toBeDefined();
    expect(row!.patientName).toBe('J**** I**********');
    expect(row!.patientEmail).toBe('j***@example.test');
    expect(row!.patientPhone).toBe('***-****-**99');
    for (const value of PERSONAL_VALUES) expect(JSON.stringify(res.body)).not.toMatch(value);
    const list = await logTable().where({ action: 'list', staff_id: frontDeskId });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ staff_role: 'clinic-front-desk', content_type: 'api::reservation.reservation' });
  });

  it('shows the front desk one opened reservation in full, and logs the read with whose it is', async () => {
    const res = await app.request().get(`${RESERVATIONS}/${reservation.documentId}`).set('Authorization', `Bearer ${frontDesk}`).expect(200);
    expect(res.body.data).toMatchObject({ patientName: PERSON.name, patientEmail: PERSON.email });
    const reads = await logTable().where({ action: 'read', staff_id: frontDeskId });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      staff_role: 'clinic-front-desk',
      content_type: 'api::reservation.reservation',
      target_document_id: reservation.documentId,
      subject_id: reservation.subjectId,
      client_address: expect.stringMatching(/\/(24|48)$/),
    });
  });

  it('shows the privacy officer the list masked too: unmasking is opening one record', async () => {
    const res = await app.request().get(RESERVATIONS).set('Authorization', `Bearer ${officer}`).expect(200);
    const row = (res.body.results as Array<Record<string, unknown>>).find((r) => r.documentId === reservation.documentId);
    expect(row!.patientName).toBe('J**** I**********');
    for (const value of PERSONAL_VALUES) expect(JSON.stringify(res.body)).not.toMatch(value);
  });

  it('logs a change by staff: the front desk marks the treatment completed in the Content Manager', async () => {
    const updated = await app
      .request()
      .put(`${RESERVATIONS}/${reservation.documentId}`)
      .set('Authorization', `Bearer ${frontDesk}`)
      .send({ state: 'completed', completedAt: new Date().toISOString() });
    expect([updated.status, updated.body.error]).toEqual([200, undefined]);
    const stored = (await app.strapi.documents('api::reservation.reservation').findOne({ documentId: reservation.documentId } as never)) as unknown as { state: string };
    expect(stored.state).toBe('completed');
    const changes = await logTable().where({ action: 'change', staff_id: frontDeskId });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ target_document_id: reservation.documentId, subject_id: reservation.subjectId });
  });

  it('never holds personal values in the log', async () => {
    const rows = await logTable().select('*');
    expect(rows.length).toBeGreaterThan(0);
    for (const value of PERSONAL_VALUES) expect(JSON.stringify(rows)).not.toMatch(value);
  });
});

describe('GET /privacy-guard/access-log', () => {
  it('answers the officer with filters and pagination, and refuses the front desk', async () => {
    await app.request().get('/privacy-guard/access-log').expect(401);
    const refused = await app.request().get('/privacy-guard/access-log').set('Authorization', `Bearer ${frontDesk}`).expect(403);
    expect(refused.body.error.details.code).toBe('FORBIDDEN');
    const res = await asOfficer(`/privacy-guard/access-log?action=change&subject=${reservation.subjectId}&staff=${frontDeskId}`).expect(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({ action: 'change', staffId: frontDeskId, subjectId: reservation.subjectId, targetDocumentId: reservation.documentId });
    expect(res.body.meta.pagination).toMatchObject({ page: 1, total: 1 });
    const reads = await asOfficer(`/privacy-guard/access-log?action=read&subject=${reservation.subjectId}`).expect(200);
    expect(reads.body.data.length).toBeGreaterThanOrEqual(1);
    expect(reads.body.data.every((r: { action: string; subjectId: string }) => r.action === 'read' && r.subjectId === reservation.subjectId)).toBe(true);
    const paged = await asOfficer('/privacy-guard/access-log?pageSize=1&page=2').expect(200);
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.meta.pagination.total).toBeGreaterThan(1);
    const future = await asOfficer('/privacy-guard/access-log?from=2999-01-01').expect(200);
    expect(future.body.data).toEqual([]);
    const bad = await asOfficer('/privacy-guard/access-log?action=peek').expect(400);
    expect(bad.body.error.details.code).toBe('VALIDATION');
  });
});

describe('GET /privacy-guard/access-log/verify', () => {
  const verify = async () => (await asOfficer('/privacy-guard/access-log/verify').expect(200)).body.data;
  let snapshot: Array<Record<string, unknown>>;
  beforeEach(async () => {
    snapshot = await logTable().select('*').orderBy('seq');
  });
  afterEach(async () => {
    await logTable().delete();
    for (const row of snapshot) await logTable().insert(row);
    expect((await verify()).ok).toBe(true);
  });

  it('is ok on an untouched log', async () => {
    expect(await verify()).toEqual({ ok: true, rows: snapshot.length });
  });

  it('names an edited row', async () => {
    const second = snapshot[1];
    await logTable().where('id', second.id).update({ staff_id: 9999 });
    expect(await verify()).toEqual({ ok: false, rows: 1, firstBadRow: { seq: 2, id: Number(second.id), problem: 'edited' } });
  });

  it('names a deleted row', async () => {
    await logTable().where('seq', 2).delete();
    expect(await verify()).toEqual({ ok: false, rows: 1, firstBadRow: { seq: 2, id: null, problem: 'deleted' } });
  });
});

// Last: it makes the test client's address wait at two accounts.
describe('failed logins', () => {
  it('locks an admin account after five wrong passwords, logs it, and mails the officer once', async () => {
    const email = 'strapi-editor@staff.dodream.example';
    // Created without a login first: Strapi's own admin login limit counts every request.
    const role = await app.strapi.service('admin::role').findOne({ code: 'strapi-editor' });
    await app.strapi.service('admin::user').create({ email, firstname: 'Test', lastname: 'Editor', password: 'Staff-Passw0rd!', isActive: true, registrationToken: null, roles: [role.id] });
    const editorId = (await app.strapi.service('admin::user').findOneByEmail(email)).id;
    for (let i = 0; i < 5; i++) {
      const res = await app.request().post('/admin/login').send({ email, password: `Wrong-Passw0rd-${i}` });
      expect(res.status).toBe(400);
    }
    const locked = await app.request().post('/admin/login').send({ email, password: 'Staff-Passw0rd!' }).expect(429);
    expect(locked.body.error.details.code).toBe('RATE_LIMITED');
    // The first wait is a minute (it grows with further failures: tests/security/login-lockout.test.ts).
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Each failed attempt is in the connection log (kept 3 months); the lockout in the access log.
    const failures = await app.strapi.db.connection('privacy_connection_log').where({ channel: 'admin', result: 'failure' });
    expect(failures).toHaveLength(5);
    expect(failures.every((r) => Number(r.staff_id) === editorId)).toBe(true);
    expect(await logTable().where({ action: 'login_failed' })).toHaveLength(0);
    const lockouts = await logTable().where({ action: 'lockout' });
    expect(lockouts).toHaveLength(1);
    expect(JSON.stringify([...failures, ...lockouts])).not.toMatch(/dodream|Passw0rd/i);

    const mails = await app.strapi.db.connection('outbox_messages').where({ kind: 'login-lockout' });
    expect(mails).toHaveLength(1);
    // A further refused attempt is no new lockout and no new mail.
    await app.request().post('/admin/login').send({ email, password: 'Staff-Passw0rd!' }).expect(429);
    expect(await app.strapi.db.connection('outbox_messages').where({ kind: 'login-lockout' })).toHaveLength(1);
    expect((await asOfficer('/privacy-guard/access-log/verify').expect(200)).body.data.ok).toBe(true);
  });

  it('locks a member login the same way', async () => {
    const login = () => app.request().post('/api/auth/local').send({ identifier: 'nobody.invented@example.test', password: 'Wrong-passw0rd' });
    for (let i = 0; i < 5; i++) expect((await login()).status).toBe(400);
    const res = await login().expect(429);
    expect(res.body.error.details.code).toBe('RATE_LIMITED');
    expect(await logTable().where({ action: 'lockout' })).toHaveLength(2);
    expect(await app.strapi.db.connection('outbox_messages').where({ kind: 'login-lockout' })).toHaveLength(2);
    expect(JSON.stringify(await logTable().select('*'))).not.toMatch(/nobody|invented/i);
  });
});

describe("the privacy officer's own routes", () => {
  it('refuse the front desk, and log what the officer reads and destroys', async () => {
    const refused = await app.request().get('/privacy-guard/corrections').set('Authorization', `Bearer ${frontDesk}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('FORBIDDEN');
    await asOfficer('/privacy-guard/corrections').expect(200);
    await app.request().post('/privacy-guard/retention/run').set('Authorization', `Bearer ${officer}`).send({}).expect(200);
    const rows = await logTable().whereIn('action', ['list', 'delete']).andWhere('content_type', 'plugin::privacy-guard.correction-request').orWhere('reason', 'retention sweep run now');
    expect(rows.map((r: { action: string }) => r.action).sort()).toEqual(['delete', 'list']);
    expect(rows.every((r: { staff_role: string }) => r.staff_role === 'clinic-privacy-officer')).toBe(true);
    expect((await asOfficer('/privacy-guard/access-log/verify').expect(200)).body.data.ok).toBe(true);
  });
});
