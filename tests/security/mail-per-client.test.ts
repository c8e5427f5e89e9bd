import { startStrapi, type TestApp } from '../helpers/strapi';

/** Mail a public request causes is also counted per client: one client cannot make the clinic mail many addresses, a new one each time. */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '1000', MAIL_PER_CLIENT_PER_HOUR: '3', OUTBOX_WORKER: 'false' });
});
afterAll(async () => {
  await app?.stop();
});

describe('mail a public request causes', () => {
  it('is limited per client for verification links and confirmation links too: a client naming a new address each time runs out', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) statuses.push((await app.request().post('/api/privacy/verify').send({ email: `verify${i}.target@example.test` })).status);
    statuses.push((await app.request().post('/api/auth/send-email-confirmation').send({ email: 'confirm0.target@example.test' })).status);
    const refused = [
      await app.request().post('/api/privacy/verify').send({ email: 'verify9.target@example.test' }),
      await app.request().post('/api/auth/send-email-confirmation').send({ email: 'confirm9.target@example.test' }),
      await app.request().post('/api/auth/forgot-password').send({ email: 'reset9.target@example.test' }),
    ];
    expect(statuses).toEqual([202, 202, 200]);
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429]);
    for (const r of refused) expect(r.body.error.details.code).toBe('RATE_LIMITED');
    // Three mails were queued (two links, one "nothing to send" notice), and no more.
    expect(await app.strapi.db.query('api::outbox-message.outbox-message').count()).toBe(3);
  });
});
