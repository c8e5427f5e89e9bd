import { startStrapi, type TestApp } from '../helpers/strapi';
import { registerMember } from '../helpers/members';
import { MEMBERSHIP_CONSENTS, privacy } from '../helpers/privacy';
import { clock } from '../helpers/privacy-rights';

/** The connection log the membership consent names: member log-ins, kept 3 months, the member's to see, gone with the member. */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '1000' });
});
afterAll(async () => {
  await app?.stop();
});

const MEMBER = { email: 'connections.member@example.test', password: 'A-long-passw0rd', birthDate: '1982-02-02', consents: MEMBERSHIP_CONSENTS };
const log = () => app.strapi.db.connection('privacy_connection_log');
const sweep = () => app.strapi.plugin('privacy-guard').service('retention').run({ performedBy: 'test' }) as Promise<{ counts: Record<string, number> }>;

describe('the connection log', () => {
  it('records each log-in with its time, truncated address and result, and shows it to the member', async () => {
    const member = await registerMember(app, MEMBER);
    await app.request().post('/api/auth/local').send({ identifier: MEMBER.email, password: 'wrong-passw0rd' }).expect(400);
    const subjectId = privacy(app.strapi).consent.subjectIdFor(MEMBER.email);
    const rows = await log().where('subject_id', subjectId).orderBy('id');
    expect(rows.map((r) => r.result)).toEqual(['success', 'failure']);
    for (const row of rows) expect(row.client_address).toMatch(/\/(24|48)$/);
    const mine = await app.request().get('/api/privacy/my-data').set('Authorization', `Bearer ${member.jwt}`).expect(200);
    expect(mine.body.data.connections.map((c: { result: string }) => c.result)).toEqual(['failure', 'success']);
  });

  it('is destroyed after 3 months by the sweep, with a destruction-log line', async () => {
    const subjectId = privacy(app.strapi).consent.subjectIdFor(MEMBER.email);
    clock(app).set(new Date(Date.now() + 89 * 86_400_000));
    expect((await sweep()).counts['connection-log']).toBe(0);
    clock(app).set(new Date(Date.now() + 91 * 86_400_000));
    expect((await sweep()).counts['connection-log']).toBe(2);
    clock(app).reset();
    expect(await log().where('subject_id', subjectId)).toHaveLength(0);
    expect(await app.strapi.db.connection('privacy_destruction_log').where({ rule: 'connection-log', subject_id: subjectId })).toHaveLength(1);
  });

  it('goes with the member on withdrawal', async () => {
    const member = await registerMember(app, { ...MEMBER, email: 'connections.leaver@example.test' });
    const subjectId = privacy(app.strapi).consent.subjectIdFor('connections.leaver@example.test');
    expect(await log().where('subject_id', subjectId)).toHaveLength(1);
    await app.request().post('/api/privacy/withdrawal').set('Authorization', `Bearer ${member.jwt}`).send({}).expect(200);
    expect(await log().where('subject_id', subjectId)).toHaveLength(0);
  });
});

describe('cookie choices', () => {
  it('are kept a year, then destroyed by the sweep', async () => {
    await app
      .request()
      .post('/api/privacy/cookie-consents')
      .send({ consentId: '3b1f0c5e-8a2d-4c3e-9f1a-2b3c4d5e6f70', categories: { necessary: true, analytics: false }, policyVersion: 1 })
      .expect(201);
    const table = () => app.strapi.db.connection('privacy_cookie_consents');
    expect(await table()).toHaveLength(1);
    clock(app).set(new Date(Date.now() + 364 * 86_400_000));
    await sweep();
    expect(await table()).toHaveLength(1);
    clock(app).set(new Date(Date.now() + 366 * 86_400_000));
    expect((await sweep()).counts['cookie-consent']).toBe(1);
    clock(app).reset();
    expect(await table()).toHaveLength(0);
  });
});
