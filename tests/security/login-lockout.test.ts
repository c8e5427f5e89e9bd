import { startStrapi, type TestApp } from '../helpers/strapi';
import { registerMember } from '../helpers/members';
import { MEMBERSHIP_CONSENTS } from '../helpers/privacy';
import { clock } from '../helpers/booking-fixtures';

/**
 * A lockout nobody can aim at someone else: failures count per account AND client address, the
 * wait grows, and the officer hears the pattern. Behind one proxy (`TRUST_PROXY=1`) so that the
 * test can speak from several addresses through `X-Forwarded-For`.
 */
let app: TestApp;
const OWNER = { email: 'dahye.inventedyoon@example.test', password: 'Owner-passw0rd', birthDate: '1987-05-06', name: 'Dahye Inventedyoon', locale: 'en', consents: MEMBERSHIP_CONSENTS };
const SECOND = { email: 'haneul.madeupkang@example.test', password: 'Second-passw0rd', birthDate: '1991-09-12', name: 'Haneul Madeupkang', locale: 'en', consents: MEMBERSHIP_CONSENTS };
/** The address with its `at`-th letter in its full-width form (`ｈaneul…`): the same member once NFKC-normalised. */
const fullWidth = (email: string, at: number) => email.slice(0, at) + String.fromCharCode(email.charCodeAt(at) + 0xfee0) + email.slice(at + 1);

const login = (from: string, identifier: string, password: string) =>
  app.request().post('/api/auth/local').set('X-Forwarded-For', from).send({ identifier, password });
const lockoutRows = () => app.strapi.db.connection('privacy_access_log').where({ action: 'lockout' });
const alerts = async () =>
  ((await app.strapi.db.connection('outbox_messages').where({ kind: 'login-lockout' })) as Array<{ dedupe_key: string }>).map((m) => m.dedupe_key.split(':')[1]);

beforeAll(async () => {
  app = await startStrapi({ TRUST_PROXY: '1', RATE_LIMIT_PER_MINUTE: '100000' });
  await registerMember(app, OWNER);
  await registerMember(app, SECOND);
});
afterEach(() => clock(app).reset());
afterAll(async () => {
  await app?.stop();
});

describe('guessing at one account from one address', () => {
  const ATTACKER = '203.0.113.7';

  it('makes that address wait, and never the owner elsewhere', async () => {
    for (let i = 0; i < 5; i++) expect((await login(ATTACKER, OWNER.email, `Wrong-passw0rd-${i}`)).status).toBe(400);
    const refused = await login(ATTACKER, OWNER.email, OWNER.password).expect(429);
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

    const owner = await login('198.51.100.20', OWNER.email, OWNER.password);
    expect(owner.status).toBe(200);
    expect(owner.body.jwt).toEqual(expect.any(String));

    const [row] = await lockoutRows();
    expect(row.reason).toContain('one-account-one-address');
    expect(row.client_address).toBe('203.0.113.0/24');
    expect(await alerts()).toEqual(['one-account-one-address']);
  });

  it('makes it wait longer after each further failure, and forgets at a successful login', async () => {
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await login(ATTACKER, OWNER.email, 'Wrong-passw0rd').expect(429);
      const wait = Number(refused.headers['retry-after']);
      waits.push(wait);
      clock(app).advance((wait + 1) * 1000);
      expect((await login(ATTACKER, OWNER.email, 'Wrong-passw0rd')).status).toBe(400);
    }
    // 1 minute, then 2, then 4: the lock that followed the 5th, 6th and 7th failure.
    expect(waits[0]).toBeLessThanOrEqual(60);
    expect(waits[1]).toBeGreaterThan(60);
    expect(waits[1]).toBeLessThanOrEqual(120);
    expect(waits[2]).toBeGreaterThan(120);
    expect(waits[2]).toBeLessThanOrEqual(240);
    const longer = Number((await login(ATTACKER, OWNER.email, 'Wrong-passw0rd').expect(429)).headers['retry-after']);
    expect(longer).toBeGreaterThan(240);

    clock(app).advance((longer + 1) * 1000);
    await login(ATTACKER, OWNER.email, OWNER.password).expect(200);
    expect((await login(ATTACKER, OWNER.email, 'Wrong-passw0rd')).status).toBe(400);
    await login(ATTACKER, OWNER.email, OWNER.password).expect(200);
    // One alert for this pattern, however many waits followed.
    expect((await alerts()).filter((p) => p === 'one-account-one-address')).toHaveLength(1);
  });
});

describe('one address trying many accounts', () => {
  it('waits for every account, and the officer is told the pattern', async () => {
    const STUFFER = '192.0.2.50';
    for (let i = 0; i < 5; i++) expect((await login(STUFFER, `stuffed${i}.invented@example.test`, 'Guess-passw0rd')).status).toBe(400);
    const refused = await login(STUFFER, 'stuffed9.invented@example.test', 'Guess-passw0rd').expect(429);
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Even the owner's password, from that address.
    await login(STUFFER, OWNER.email, OWNER.password).expect(429);
    // Others are not affected.
    await login('198.51.100.21', OWNER.email, OWNER.password).expect(200);

    const rows = await lockoutRows();
    expect(rows.some((r: { reason: string }) => r.reason.includes('many-accounts-one-address'))).toBe(true);
    expect(await alerts()).toContain('many-accounts-one-address');
    expect(JSON.stringify(rows)).not.toMatch(/stuffed|invented|192\.0\.2\.50/i);
  });
});

describe('many addresses failing at one account', () => {
  it('alert the officer, and leave the account open to its owner', async () => {
    for (let i = 0; i < 5; i++) expect((await login(`100.64.${i}.9`, OWNER.email, 'Spread-passw0rd')).status).toBe(400);
    expect(await alerts()).toContain('many-addresses-one-account');
    const rows = await lockoutRows();
    expect(rows.some((r: { reason: string }) => r.reason.includes('many-addresses-one-account'))).toBe(true);
    await login('198.51.100.22', OWNER.email, OWNER.password).expect(200);
    // Each address still has its own free tries left.
    expect((await login('100.64.0.9', OWNER.email, 'Spread-passw0rd')).status).toBe(400);
  });
});

describe('compatibility spellings of one address', () => {
  it('count as that one account: the sixth guess in yet another spelling waits', async () => {
    const ATTACKER = '203.0.113.80';
    for (let i = 0; i < 5; i++) expect((await login(ATTACKER, fullWidth(SECOND.email, i % 3), `Wrong-passw0rd-${i}`)).status).toBe(400);
    const refused = await login(ATTACKER, SECOND.email, SECOND.password).expect(429);
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    expect((await lockoutRows()).some((r: { reason: string }) => r.reason.includes('one-account-one-address') && r.client_address === '203.0.113.0/24')).toBe(true);
    // The spelling reaches the member: its owner logs in with it from elsewhere.
    const owner = await login('198.51.100.23', fullWidth(SECOND.email, 1), SECOND.password);
    expect(owner.status).toBe(200);
    expect(owner.body.jwt).toEqual(expect.any(String));
  });

  it('from many addresses, each with its own spelling, alert the officer', async () => {
    const spread = async () => (await lockoutRows()).filter((r: { reason: string }) => r.reason.includes('many-addresses-one-account')).length;
    const before = await spread();
    for (let i = 0; i < 5; i++) expect((await login(`100.65.${i}.9`, fullWidth(SECOND.email, 3 + i), 'Spread-passw0rd')).status).toBe(400);
    expect(await spread()).toBeGreaterThan(before);
    await login('198.51.100.24', SECOND.email, SECOND.password).expect(200);
  });
});

describe('a lockout the database refuses to record', () => {
  const postgres = process.env.TEST_DATABASE === 'postgres';
  /** The access log refuses every row, as a full disk or a broken constraint would: the insert fails with its values in the message. */
  async function refuseAccessLog() {
    const knex = app.strapi.db.connection;
    if (postgres) {
      await knex.raw(`CREATE FUNCTION refuse_in_test() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused in test'; END $$ LANGUAGE plpgsql`);
      await knex.raw('CREATE TRIGGER refuse_in_test BEFORE INSERT ON privacy_access_log FOR EACH ROW EXECUTE FUNCTION refuse_in_test()');
    } else {
      await knex.raw(`CREATE TRIGGER refuse_in_test BEFORE INSERT ON privacy_access_log BEGIN SELECT RAISE(ABORT, 'refused in test'); END`);
    }
    return async () => {
      await knex.raw('DROP TRIGGER refuse_in_test' + (postgres ? ' ON privacy_access_log' : ''));
      if (postgres) await knex.raw('DROP FUNCTION refuse_in_test()');
    };
  }

  it('is logged by the database error code alone, never with the statement, the account hash or the address', async () => {
    const logged: string[] = [];
    const spies = (['error', 'warn'] as const).map((level) =>
      jest.spyOn(app.strapi.log, level).mockImplementation(((line: unknown) => {
        logged.push(line instanceof Error ? `${line.message}\n${line.stack}` : String(line));
      }) as never),
    );
    const restore = await refuseAccessLog();
    try {
      for (let i = 0; i < 5; i++) expect((await login('203.0.113.90', 'sora.inventedpark@example.test', `Wrong-passw0rd-${i}`)).status).toBe(400);
    } finally {
      await restore();
      for (const spy of spies) spy.mockRestore();
    }
    const lines = logged.filter((line) => line.includes('login guard'));
    expect(lines).toEqual([`login guard: a failed login could not be recorded (${postgres ? 'P0001' : 'SQLITE_CONSTRAINT_TRIGGER'})`]);
    for (const line of logged) {
      expect(line).not.toMatch(/insert into|values \(|account:[0-9a-f]|203\.0\.113|sora/i);
    }
  });
});

describe('an IPv6 client, which holds a whole /64', () => {
  it('is one address for the lockout: taking another address of its /64 for each guess changes nothing', async () => {
    const guessFrom = (i: number) => `2001:db8:77:1:${(0x1000 + i).toString(16)}::${i + 1}`;
    for (let i = 0; i < 5; i++) expect((await login(guessFrom(i), OWNER.email, `Wrong-passw0rd-${i}`)).status).toBe(400);
    const refused = await login(guessFrom(40), OWNER.email, OWNER.password).expect(429);
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    // The owner on the next /64 of the same provider is not that client.
    await login('2001:db8:77:2::1', OWNER.email, OWNER.password).expect(200);
  });

  it('trying many accounts from many addresses of its /64 waits for every account', async () => {
    const from = (i: number) => `2001:db8:78:1::${(i + 1).toString(16)}`;
    for (let i = 0; i < 5; i++) expect((await login(from(i), `sprayed${i}.invented@example.test`, 'Guess-passw0rd')).status).toBe(400);
    await login(from(9), 'sprayed9.invented@example.test', 'Guess-passw0rd').expect(429);
    expect((await lockoutRows()).some((r: { reason: string; client_address: string }) => r.reason.includes('many-accounts-one-address') && r.client_address === '2001:db8:78::/48')).toBe(true);
  });
});
