import { startStrapi, type TestApp } from '../helpers/strapi';

/**
 * Whose address a request comes from. Without `TRUST_PROXY` a client writing `X-Forwarded-For`
 * changes nothing (rate limits and lockouts count the connection's address); with
 * `TRUST_PROXY=1` the address the proxy appended is the client's, and what the client wrote
 * before it is ignored.
 */
const write = (app: TestApp, forwardedFor?: string) => {
  const req = app.request().post('/api/booking/reservations');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({});
};
const memberLogin = (app: TestApp, forwardedFor: string) =>
  app.request().post('/api/auth/local').set('X-Forwarded-For', forwardedFor).send({ identifier: 'proxy.nobody@example.test', password: 'Wrong-passw0rd' });

describe('without TRUST_PROXY', () => {
  let app: TestApp;
  beforeAll(async () => {
    // 5 also limits users-permissions' own login route: the lockout below is told apart by its log row.
    app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('a spoofed X-Forwarded-For does not change the rate-limit key', async () => {
    for (let i = 0; i < 5; i++) expect((await write(app, `198.51.100.${i + 1}`)).status).toBe(400);
    const limited = await write(app, '198.51.100.99').expect(429);
    expect(limited.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a spoofed X-Forwarded-For does not change the lockout key, and the connection log has the connection', async () => {
    for (let i = 0; i < 5; i++) expect((await memberLogin(app, `203.0.113.${i + 1}`)).status).toBe(400);
    const refused = await memberLogin(app, '203.0.113.200').expect(429);
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    const [lockout] = await app.strapi.db.connection('privacy_access_log').where({ action: 'lockout' });
    expect(lockout.reason).toContain('one-account-one-address');
    // The access log keeps the connection's address, not the one the client wrote.
    expect(lockout.client_address).not.toContain('203.0.113.');
    const rows = await app.strapi.db.connection('privacy_connection_log').where({ result: 'failure' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r: { client_address: string }) => r.client_address)).not.toContain('203.0.113.0/24');
  });
});

describe('with TRUST_PROXY=1', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('the client address is the forwarded one: each client has its own limit', async () => {
    for (let i = 0; i < 3; i++) expect((await write(app, '198.51.100.1')).status).toBe(400);
    await write(app, '198.51.100.1').expect(429);
    expect((await write(app, '198.51.100.2')).status).toBe(400);
  });

  it('an IPv6 client is its /64: another address of it for each write shares one limit', async () => {
    for (let i = 0; i < 3; i++) expect((await write(app, `2001:db8:5:1::${i + 1}`)).status).toBe(400);
    const limited = await write(app, '2001:db8:5:1:ffff:ffff:ffff:fffe').expect(429);
    expect(limited.body.error.details.code).toBe('RATE_LIMITED');
    // The next /64 is another client.
    expect((await write(app, '2001:db8:5:2::1')).status).toBe(400);
  });

  it('an address the client wrote before the proxy’s is ignored', async () => {
    // The proxy appends the address it saw (198.51.100.1, already limited) to what the client sent.
    await write(app, '198.51.100.77, 198.51.100.1').expect(429);
  });

  it('the connection log has the forwarded address', async () => {
    expect((await memberLogin(app, '203.0.113.9')).status).toBe(400);
    const [row] = await app.strapi.db.connection('privacy_connection_log').where({ result: 'failure' });
    expect(row.client_address).toBe('203.0.113.0/24');
  });
});

describe('a TRUST_PROXY that is not a number of hops', () => {
  it('stops the start with a clear message', async () => {
    try {
      await expect(startStrapi({ TRUST_PROXY: 'true' })).rejects.toThrow(/TRUST_PROXY must be the number of proxies/);
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });
});
