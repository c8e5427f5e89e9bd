import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { firstSlot } from '../helpers/booking';

/**
 * Strapi's router matches paths case-insensitively, with a trailing slash, and decodes
 * percent-encoded parameters. Every guard must hold for every spelling it accepts: the lists
 * of personal data masked and logged, an opened record logged, failed logins counted, tokens
 * kept out of the request log. A spelling the router refuses (404) reaches no data at all.
 */
const PERSON = { name: 'Hayoon Inventedseo', birthDate: '1985-02-14', phone: '010-5555-0163', email: 'hayoon.inventedseo@example.test' };
const PERSONAL = [/Inventedseo/i, /hayoon/i, /5555-?0163/];
const MODEL = 'api::reservation.reservation';

/** Spellings of the Content Manager's list route; `accepted` ones the router is known to match. */
const LIST_SPELLINGS: Array<{ path: string; accepted: boolean }> = [
  { path: `/content-manager/collection-types/${MODEL}`, accepted: true },
  { path: `/Content-Manager/collection-types/${MODEL}`, accepted: true },
  { path: `/CONTENT-MANAGER/COLLECTION-TYPES/${MODEL}`, accepted: true },
  { path: `/content-manager/collection-types/${MODEL}/`, accepted: true },
  { path: `/content-manager/collection-types/${encodeURIComponent(MODEL)}`, accepted: true },
  { path: `/Content-Manager/Collection-Types/${encodeURIComponent(MODEL)}/`, accepted: true },
  { path: `/content-manager/collection-types//${MODEL}`, accepted: false },
  { path: `/content-manager//collection-types/${MODEL}`, accepted: false },
  { path: `/content-%6Danager/collection-types/${MODEL}`, accepted: false },
  { path: `/content-manager/collection-types/${MODEL}//`, accepted: false },
];

let app: TestApp;
let reservation: { documentId: string; subjectId: string };
let manageToken: string;
const tokens: Record<string, string> = {};
const ROLES = ['clinic-front-desk', 'clinic-privacy-officer', 'strapi-super-admin'];

const logRows = (action: string, staffRole: string) =>
  app.strapi.db.connection('privacy_access_log').where({ action, staff_role: staffRole, content_type: MODEL });

beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '100000' });
  for (const role of ROLES) tokens[role] = await adminToken(app, role);
  const { service, slot } = await firstSlot((url) => app.request().get(url));
  const booked = await app
    .request()
    .post('/api/booking/reservations')
    .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: PERSON, consents: { reservation_collection: true, reservation_health: true }, locale: 'en' })
    .expect(201);
  manageToken = booked.body.data.manageToken;
  reservation = (await app.strapi.db.query(MODEL).findOne({ select: ['documentId', 'subjectId'] })) as { documentId: string; subjectId: string };
});
afterAll(async () => {
  await app?.stop();
});

describe.each(ROLES)('the Content Manager list of reservations, as %s', (role) => {
  it.each(LIST_SPELLINGS)('is masked and logged at $path', async ({ path, accepted }) => {
    const before = (await logRows('list', role)).length;
    const res = await app.request().get(path).set('Authorization', `Bearer ${tokens[role]}`);
    const body = JSON.stringify(res.body);
    for (const value of PERSONAL) expect(body).not.toMatch(value);
    if (!accepted) {
      // The router refuses this spelling: no data, nothing to log.
      expect([404, 405]).toContain(res.status);
      return;
    }
    expect(res.status).toBe(200);
    const row = (res.body.results as Array<Record<string, unknown>>).find((r) => r.documentId === reservation.documentId);
    expect(row).toMatchObject({ patientName: 'H***** I**********', patientEmail: 'h***@example.test', patientPhone: '***-****-**63' });
    expect((await logRows('list', role)).length).toBe(before + 1);
  });
});

describe('opening one reservation in the Content Manager', () => {
  const spellings = () => [
    `/content-manager/collection-types/${MODEL}/${reservation.documentId}`,
    `/Content-Manager/Collection-Types/${MODEL}/${reservation.documentId}`,
    `/content-manager/collection-types/${encodeURIComponent(MODEL)}/${reservation.documentId}/`,
  ];

  it('shows it in full and logs the read, whatever the spelling', async () => {
    for (const path of spellings()) {
      const before = (await logRows('read', 'clinic-front-desk')).length;
      const res = await app.request().get(path).set('Authorization', `Bearer ${tokens['clinic-front-desk']}`).expect(200);
      expect(res.body.data).toMatchObject({ patientName: PERSON.name });
      const reads = await logRows('read', 'clinic-front-desk');
      expect(reads.length).toBe(before + 1);
      // With whose it is: the patient's pseudonymous subject, never her name.
      expect(reads[reads.length - 1]).toMatchObject({ target_document_id: reservation.documentId, subject_id: reservation.subjectId });
    }
  });
});

describe('the request log', () => {
  it('never holds a manage token, whatever the spelling of its route', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(app.strapi.log, 'http').mockImplementation(((line: string) => void lines.push(line)) as never);
    try {
      for (const path of [`/api/booking/manage/${manageToken}`, `/api/booking/MANAGE/${manageToken}`, `/API/Booking/Manage/${manageToken}/`]) {
        expect((await app.request().get(path)).status).toBe(200);
      }
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain(manageToken);
  });
});

// Last: these make the test client's address wait at the accounts they try.
describe('failed logins, whatever the spelling of the login route', () => {
  // Each failed attempt is in the connection log (kept 3 months); each lockout in the access log.
  const failures = (kind: string) => app.strapi.db.connection('privacy_connection_log').where({ channel: kind.split(' ')[0], result: 'failure' });
  const lockouts = () => app.strapi.db.connection('privacy_access_log').where({ action: 'lockout' });

  it('are counted and lock out at the admin login', async () => {
    const email = 'spelling-test@staff.dodream.example';
    const spellings = ['/ADMIN/login', '/Admin/Login', '/admin/login/', '/ADMIN/LOGIN/', '/admin/LOGIN'];
    for (const path of spellings) {
      const res = await app.request().post(path).send({ email, password: 'Wrong-Passw0rd-1' });
      expect([path, res.status]).toEqual([path, 400]);
    }
    expect(await failures('admin login')).toHaveLength(spellings.length);
    expect(await lockouts()).toHaveLength(1);
    // The officer is mailed once for the lockout, naming its pattern.
    const alerts = await app.strapi.db.query('api::outbox-message.outbox-message').findMany({ where: { kind: 'login-lockout' } });
    expect(alerts).toHaveLength(1);
    const refused = await app.request().post('/Admin/LOGIN').send({ email, password: 'Wrong-Passw0rd-1' }).expect(429);
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('are counted and lock out at the member login', async () => {
    const identifier = 'spelling.nobody@example.test';
    const spellings = ['/api/AUTH/local', '/API/auth/LOCAL', '/api/auth/local/', '/Api/Auth/Local/', '/api/auth/Local'];
    for (const path of spellings) {
      const res = await app.request().post(path).send({ identifier, password: 'Wrong-passw0rd' });
      expect([path, res.status]).toEqual([path, 400]);
    }
    expect(await failures('member login')).toHaveLength(spellings.length);
    const refused = await app.request().post('/API/AUTH/LOCAL/').send({ identifier, password: 'Wrong-passw0rd' }).expect(429);
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await lockouts()).toHaveLength(2);
  });

  it('reach no login at all under a spelling the router refuses', async () => {
    for (const path of ['/admin//login', '/admin/log%69n', '/api//auth/local', '/api/auth/loc%61l', '/api/auth/local//']) {
      const res = await app.request().post(path).send({ email: 'x@staff.dodream.example', identifier: 'x@example.test', password: 'Wrong-passw0rd' });
      expect([path, [404, 405].includes(res.status)]).toEqual([path, true]);
    }
  });
});
