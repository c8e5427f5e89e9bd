import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { ROLE_CODES } from '../../database/seed/roles';
import { ACTIONS } from '../../plugins/privacy-guard/server/src/permissions';

let app: TestApp;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = await startStrapi();
  for (const [name, code] of Object.entries(ROLE_CODES)) tokens[name] = await adminToken(app, code);
  tokens.superAdmin = await adminToken(app, 'strapi-super-admin');
});
afterAll(async () => {
  await app?.stop();
});

const list = (uid: string) => `/content-manager/collection-types/${uid}`;
const can = async (role: string, method: 'get' | 'post', url: string, body?: object) => {
  const res = await app.request()[method](url).set('Authorization', `Bearer ${tokens[role]}`).send(body);
  return res.status;
};

const personal = [
  'api::reservation.reservation',
  'api::member-profile.member-profile',
  'api::consultation.consultation',
  'api::complaint.complaint',
  'plugin::users-permissions.user',
];

describe('admin roles (role × action against the real admin API)', () => {
  it.each(['editor', 'author'])('the %s role reaches no personal data', async (role) => {
    for (const uid of personal) expect(await can(role, 'get', list(uid))).toBe(403);
  });

  it('an editor edits the policy and the catalogue', async () => {
    expect(await can('editor', 'get', list('api::service.service'))).toBe(200);
    expect(await can('editor', 'get', list('api::policy-version.policy-version'))).toBe(200);
    expect(await can('editor', 'get', '/content-manager/single-types/api::clinic.clinic')).toBe(200);
    const created = await can('editor', 'post', list('api::closure.closure'), {
      startDate: '2030-05-05',
      kind: 'holiday',
      reason: "Children's Day",
    });
    expect(created).toBe(201);
  });

  it('the front desk reads reservations but cannot delete them, nor read members, nor edit the catalogue', async () => {
    expect(await can('frontDesk', 'get', list('api::reservation.reservation'))).toBe(200);
    expect(await can('frontDesk', 'get', list('api::member-profile.member-profile'))).toBe(403);
    expect(await can('frontDesk', 'get', list('api::consultation.consultation'))).toBe(403);
    expect(await can('frontDesk', 'post', list('api::service.service'), { name: 'x', slug: 'x', durationMinutes: 30 })).toBe(403);
    const res = await app
      .request()
      .post(`${list('api::reservation.reservation')}/actions/bulkDelete`)
      .set('Authorization', `Bearer ${tokens.frontDesk}`)
      .send({ documentIds: ['x'] });
    expect(res.status).toBe(403);
  });

  it('the privacy officer reads personal data but does not edit the policy', async () => {
    for (const uid of personal.slice(0, 4)) expect(await can('privacyOfficer', 'get', list(uid))).toBe(200);
    expect(await can('privacyOfficer', 'post', list('api::policy-version.policy-version'), { version: 9 })).toBe(403);
  });

  it('the super admin reaches everything', async () => {
    for (const uid of personal) expect(await can('superAdmin', 'get', list(uid))).toBe(200);
  });

  /** Every route of the plugin's pages, with the RBAC action that guards it. */
  const PLUGIN_READS: Array<[string, string]> = [
    ['/privacy-guard/overview', 'read'],
    ['/privacy-guard/ledger/verify', 'read'],
    ['/privacy-guard/policy/versions', 'read'],
    ['/privacy-guard/third-parties', 'read'],
    ['/privacy-guard/overdue', 'requests.manage'],
    ['/privacy-guard/corrections', 'requests.manage'],
    ['/privacy-guard/complaints', 'requests.manage'],
    ['/privacy-guard/requests/history', 'requests.manage'],
    ['/privacy-guard/retention/rules', 'retention.run'],
    ['/privacy-guard/retention/preview', 'retention.run'],
    ['/privacy-guard/destruction-log', 'retention.run'],
    ['/privacy-guard/access-log', 'access-log.read'],
    ['/privacy-guard/access-log/verify', 'access-log.read'],
    ['/privacy-guard/access-log/reviews', 'access-log.read'],
    ['/privacy-guard/access-log/export?reason=role+matrix', 'access-log.export'],
    ['/privacy-guard/settings', 'settings.read'],
  ];
  const FRONT_DESK_DAY = '/privacy-guard/front-desk/day';

  it.each(['editor', 'author', 'frontDesk'])("the %s role is refused every privacy officer's page", async (role) => {
    for (const [url] of PLUGIN_READS) expect([url, await can(role, 'get', url)]).toEqual([url, 403]);
    expect(await can(role, 'post', '/privacy-guard/retention/run', {})).toBe(403);
    expect(await can(role, 'post', '/privacy-guard/access-log/reviews', { month: '2026-10', note: 'x' })).toBe(403);
  });

  it.each(['privacyOfficer', 'superAdmin'])("the %s reaches every privacy officer's page and the front desk day", async (role) => {
    for (const [url] of PLUGIN_READS) expect([url, await can(role, 'get', url)]).toEqual([url, 200]);
    expect(await can(role, 'get', FRONT_DESK_DAY)).toBe(200);
  });

  it('the front desk reaches its day view; editors and authors do not', async () => {
    expect(await can('frontDesk', 'get', FRONT_DESK_DAY)).toBe(200);
    expect(await can('editor', 'get', FRONT_DESK_DAY)).toBe(403);
    expect(await can('author', 'get', FRONT_DESK_DAY)).toBe(403);
  });

  it("each role holds exactly the plugin's actions its menu links need", async () => {
    const actions = async (role: string) => {
      const res = await app.request().get('/admin/users/me/permissions').set('Authorization', `Bearer ${tokens[role]}`).expect(200);
      return (res.body.data as Array<{ action: string }>)
        .map((p) => p.action)
        .filter((a) => a.startsWith('plugin::privacy-guard.'))
        .sort();
    };
    expect(await actions('editor')).toEqual([]);
    expect(await actions('author')).toEqual([]);
    expect(await actions('frontDesk')).toEqual(['plugin::privacy-guard.front-desk']);
    // The officer holds every action the plugin registers, and nothing else of it.
    expect(await actions('privacyOfficer')).toEqual(ACTIONS.map((a) => `plugin::privacy-guard.${a.uid}`).sort());
  });
});
