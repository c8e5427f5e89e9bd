import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { registerMember } from '../helpers/members';
import { bookFirstFree, clock, demoCatalog, type Person } from '../helpers/privacy-rights';
import { MEMBERSHIP_CONSENTS } from '../helpers/privacy';

/**
 * Access logging is attached to the plugin's admin routes (their `access-log` middleware), not
 * called by controllers. The route table is read from the running server, so a route added
 * later is checked too: it either logs each access, or its answer holds no personal value.
 */
const ACCESS_LOG_MIDDLEWARE = 'plugin::privacy-guard.access-log';
const person: Person = { name: 'Dasom Inventedlee', email: 'dasom.inventedlee@example.test', phone: '010-5555-0388' };
const member = { email: 'gaeul.madeup@example.test', name: 'Gaeul Madeupmin' };
const PERSONAL_VALUES = [/Inventedlee/i, /dasom/i, /5555-?038[89]/, /Madeupmin/i, /gaeul/i];

interface Route {
  method: string;
  path: string;
  handler: string;
  config?: { middlewares?: Array<string | { name?: string }> };
}

let app: TestApp;
let superAdmin: string;
let superAdminId: number;
let fixtures: Record<string, string>;

const logged = (r: Route) => (r.config?.middlewares ?? []).some((m) => (typeof m === 'string' ? m : m.name) === ACCESS_LOG_MIDDLEWARE);
const routes = () => (app.strapi.plugin('privacy-guard').routes as unknown as { admin: { routes: Route[] } }).admin.routes;
const logRows = () => app.strapi.db.connection('privacy_access_log').where({ staff_id: superAdminId }).orderBy('seq');
const as = (method: string, path: string) => {
  const request = app.request();
  const call = method === 'GET' ? request.get(path) : request.post(path);
  return call.set('Authorization', `Bearer ${superAdmin}`);
};

/** How to call each logging route on the fixtures: a logging route without a recipe fails the test that needs it. */
const RECIPES: Record<string, () => { path: string; body?: Record<string, unknown>; action: string }> = {
  'dashboard.resendMail': () => ({ path: `/outbox/${fixtures.failedMail}/resend`, body: {}, action: 'change' }),
  'corrections.list': () => ({ path: '/corrections', action: 'list' }),
  'corrections.resolve': () => ({ path: `/corrections/${fixtures.correction}/resolve`, body: { outcome: 'rejected', message: 'Not needed (made up).' }, action: 'change' }),
  'requests.complaints': () => ({ path: '/complaints', action: 'list' }),
  'complaints.resolve': () => ({ path: `/complaints/${fixtures.complaint}/resolve`, body: { result: 'Answered (made up).' }, action: 'change' }),
  'members.expel': () => ({ path: `/members/${fixtures.memberId}/expel`, body: {}, action: 'delete' }),
  'retention.run': () => ({ path: '/retention/run', body: {}, action: 'delete' }),
  'access-log.export': () => ({ path: '/access-log/export?reason=quarterly+review', action: 'export' }),
  'front-desk.day': () => ({ path: `/front-desk/day?date=${fixtures.day}`, action: 'list' }),
  'front-desk.open': () => ({ path: `/front-desk/reservations/${fixtures.reservation}`, action: 'read' }),
  'front-desk.mark': () => ({ path: `/front-desk/reservations/${fixtures.reservation}/state`, body: { state: 'no_show' }, action: 'change' }),
};

beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '100000' });
  clock(app).set(new Date('2027-03-01T00:00:00Z'));
  superAdmin = await adminToken(app, 'strapi-super-admin');
  superAdminId = (await app.strapi.service('admin::user').findOneByEmail('strapi-super-admin@staff.dodream.example')).id;
  const catalog = await demoCatalog(app);
  const booking = await bookFirstFree(app, catalog, person);
  const reservation = await app.strapi.db.connection('reservations').where('reference', booking.reference).first();
  await app.request().post('/api/privacy/corrections').set('X-Manage-Token', booking.manageToken).send({ field: 'phone', value: '010-5555-0390' }).expect(201);
  const correction = await app.strapi.db.connection('privacy_corrections').where('subject_id', reservation.subject_id).first();
  await app.request().post('/api/privacy/complaints').send({ email: person.email, name: person.name, message: 'A made-up complaint.' }).expect(201);
  const complaint = await app.strapi.db.connection('complaints').first();
  const mail = await app.strapi.db.connection('outbox_messages').where('related_document_id', reservation.document_id).first();
  await app.strapi.db.connection('outbox_messages').where('id', mail.id).update({ status: 'failed' });
  const registered = await registerMember(app, { email: member.email, password: 'A-long-passw0rd', birthDate: '1990-04-04', name: member.name, consents: MEMBERSHIP_CONSENTS });
  fixtures = {
    reservation: reservation.document_id,
    day: new Date(new Date(reservation.starts_at).getTime() + 9 * 3600_000).toISOString().slice(0, 10),
    correction: correction.document_id,
    complaint: complaint.document_id,
    failedMail: mail.document_id,
    memberId: String(registered.user.id),
  };
});
afterAll(async () => {
  await app?.stop();
});

describe('the plugin admin routes', () => {
  it('every route that holds no access-log declaration answers no personal value', async () => {
    const unlogged = routes().filter((r) => !logged(r));
    expect(unlogged.length).toBeGreaterThan(0);
    for (const r of unlogged) {
      // A write without logging must not exist but for the access log's own review notes.
      if (r.method !== 'GET') {
        expect(r.handler).toBe('access-log.review');
        continue;
      }
      const path = r.path.replace('/policy/diff', '/policy/diff?from=1&to=1');
      const res = await as('GET', `/privacy-guard${path}`);
      const text = JSON.stringify(res.body) + (typeof res.text === 'string' ? res.text : '');
      for (const value of PERSONAL_VALUES) expect([r.handler, text.match(value)?.[0] ?? null]).toEqual([r.handler, null]);
    }
  });

  it.each(Object.keys(RECIPES))('%s leaves one row in the access log', async (handler) => {
    const route = routes().find((r) => r.handler === handler);
    expect(route && logged(route)).toBe(true);
    const recipe = RECIPES[handler]();
    const before = (await logRows()).length;
    const res = await (route!.method === 'GET' ? as('GET', `/privacy-guard${recipe.path}`) : as('POST', `/privacy-guard${recipe.path}`).send(recipe.body ?? {}));
    expect([handler, res.status < 300 ? 'ok' : JSON.stringify(res.body)]).toEqual([handler, 'ok']);
    const rows = await logRows();
    expect(rows.length - before).toBe(1);
    expect(rows.at(-1)).toMatchObject({ action: recipe.action, staff_role: 'strapi-super-admin', client_address: expect.stringMatching(/\/(24|48)$/) });
  });

  it('every route that declares logging has a recipe here, so none goes untried', () => {
    expect(routes().filter(logged).map((r) => r.handler).sort()).toEqual(Object.keys(RECIPES).sort());
  });

  it('logs whose record was opened: the front desk read names the subject', async () => {
    await as('GET', `/privacy-guard/front-desk/reservations/${fixtures.reservation}`).expect(200);
    const subject = (await app.strapi.db.connection('reservations').where('document_id', fixtures.reservation).first()).subject_id;
    expect((await logRows()).at(-1)).toMatchObject({ action: 'read', target_document_id: fixtures.reservation, subject_id: subject, content_type: 'api::reservation.reservation' });
  });

  it.each(['/PRIVACY-GUARD/front-desk/day', '/privacy-guard/Front-Desk/day', '/privacy-guard/front-desk/day/'])('logs %s like the declared spelling', async (spelling) => {
    const before = (await logRows()).length;
    const res = await as('GET', `${spelling}?date=${fixtures.day}`);
    expect(res.status).toBe(200);
    const rows = await logRows();
    expect(rows.length - before).toBe(1);
    expect(rows.at(-1)).toMatchObject({ action: 'list', content_type: 'api::reservation.reservation' });
  });

  it('logs nothing for a refused request', async () => {
    const frontDesk = await adminToken(app, 'clinic-front-desk');
    const before = await app.strapi.db.connection('privacy_access_log').count({ n: '*' }).first();
    await app.request().get('/privacy-guard/corrections').set('Authorization', `Bearer ${frontDesk}`).expect(403);
    await app.request().get('/privacy-guard/corrections').expect(401);
    const after = await app.strapi.db.connection('privacy_access_log').count({ n: '*' }).first();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('holds no personal value in the rows it wrote', async () => {
    const rows = await logRows();
    for (const value of PERSONAL_VALUES) expect(JSON.stringify(rows)).not.toMatch(value);
  });
});
