import type { ParsedMail } from 'mailparser';
import { useStrapiWithSmtp } from '../helpers/smtp';
import { CONSULTATION_CONSENTS, MEMBERSHIP_CONSENTS, privacy } from '../helpers/privacy';
import { clock } from '../helpers/privacy-rights';
import { accountOf, registerMember } from '../helpers/members';

/**
 * Members are verified before they are members: registration leaves the account unconfirmed and
 * mails a link to the real address (never to the users table's placeholder); log-in answers
 * 401 EMAIL_UNVERIFIED until it is followed; anyone may ask for the link again without learning
 * anything; accounts nobody confirmed within 48 hours are destroyed by the sweep.
 */
const PUBLIC_URL = 'https://clinic.example.test';
const ctx = useStrapiWithSmtp({ OUTBOX_WORKER: 'false', PUBLIC_URL, RATE_LIMIT_PER_MINUTE: '60' });

const HOUR = 3_600_000;
const PASSWORD = 'A-long-passw0rd';
const knex = () => ctx.app.strapi.db.connection;
const request = () => ctx.app.request();
const drain = () => (ctx.app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<{ sent: number }> }).drain();
const addressOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
const LINK = /(\S+\/api\/auth\/email-confirmation\?confirmation=([0-9a-f]+))/;
const linkIn = (mail: ParsedMail) => LINK.exec(mail.text ?? '') ?? [];
const person = (first: string, over: Record<string, unknown> = {}) => ({
  email: `${first.toLowerCase()}.madeup@example.test`,
  password: PASSWORD,
  birthDate: '1987-06-05',
  name: `${first} Madeup`,
  phone: '010-5555-0142',
  consents: MEMBERSHIP_CONSENTS,
  ...over,
});
const register = (body: Record<string, unknown>) => request().post('/api/auth/local/register').send(body);
const login = (identifier: string, password = PASSWORD, confirmation?: string) => request().post('/api/auth/local').send({ identifier, password, ...(confirmation ? { confirmation } : {}) });
const resend = (email: string) => request().post('/api/auth/send-email-confirmation').send({ email });
/** Mails that arrive after `before`, once the outbox has run. */
async function delivered(before: number, count: number): Promise<ParsedMail[]> {
  await drain();
  return (await ctx.smtp.waitFor(before + count)).slice(before);
}
const account = async (id: number) => knex()('up_users').where('id', id).first();
/** Follows a mailed link: it confirms nothing and leads to the privacy center's log-in with the token in the fragment. */
async function follow(mail: ParsedMail): Promise<string> {
  const url = new URL(linkIn(mail)[1]);
  const followed = await request().get(url.pathname + url.search).expect(302);
  const token = /#member-confirm=([0-9a-f]{64})$/.exec(followed.headers.location)?.[1];
  expect(followed.headers.location).toBe(`${PUBLIC_URL}/privacy/#member-confirm=${token}`);
  return token!;
}
const lastMailTo = (address: string) => [...ctx.smtp.received].reverse().find((m) => addressOf(m) === address) as ParsedMail;

describe('registration', () => {
  it('answers the account unconfirmed and without a JWT, and mails the link to the real address, never to the placeholder', async () => {
    const before = ctx.smtp.received.length;
    const res = await register(person('Mina')).expect(200);
    expect(res.body).toEqual({ user: { email: 'mina.madeup@example.test', confirmed: false } });
    const stored = await accountOf(ctx.app, 'mina.madeup@example.test');
    expect(stored.email).toMatch(/@members\.invalid$/);
    expect(stored.confirmed).toBeFalsy();

    const [mail] = await delivered(before, 1);
    expect(addressOf(mail)).toBe('mina.madeup@example.test');
    expect(mail.subject).toContain('confirm your e-mail address');
    const [, link, token] = linkIn(mail);
    expect(link).toBe(`${PUBLIC_URL}/api/auth/email-confirmation?confirmation=${stored.confirmation_token}`);
    expect(token).toHaveLength(64);
    expect(mail.html).toContain(`<a href="${link}">`);
  });

  it('refuses log-in with 401 EMAIL_UNVERIFIED until the address is confirmed; a wrong password learns nothing of it', async () => {
    const unverified = await login('mina.madeup@example.test').expect(401);
    expect(unverified.body.error.details.code).toBe('EMAIL_UNVERIFIED');
    expect(unverified.body.jwt).toBeUndefined();
    const wrong = await login('mina.madeup@example.test', 'Not-the-passw0rd').expect(400);
    expect(wrong.body.error.details?.code).toBeUndefined();
  });

  it("gives a stranger who registers with someone's address no JWT, nothing of hers, and the link only in her mailbox", async () => {
    const her = 'sora.madeup@example.test';
    await request().post('/api/consultations').send({ name: 'Sora Madeup', email: her, phone: '010-5555-0177', question: 'Is the scar permanent?', consents: CONSULTATION_CONSENTS }).expect(201);
    await drain();
    const before = ctx.smtp.received.length;
    const stranger = await register(person('Stranger', { email: her, name: 'Not Sora' })).expect(200);
    expect(stranger.body.jwt).toBeUndefined();
    expect(stranger.body.user).not.toHaveProperty('name');
    expect((await login(her).expect(401)).body.error.details.code).toBe('EMAIL_UNVERIFIED');
    await request().get('/api/members/me').expect(401);
    // A guessed token, an operator instead of a token, an empty one: nothing confirms the account.
    for (const query of ['confirmation=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'confirmation[$ne]=x', 'confirmation[$null]=true', 'confirmation=']) {
      const res = await request().get(`/api/auth/email-confirmation?${query}`);
      expect(res.status).toBe(400);
    }
    expect((await accountOf(ctx.app, her)).confirmed).toBeFalsy();

    const mails = await delivered(before, 1);
    expect(mails.map(addressOf)).toEqual([her]);
  });

  it("lets nobody confirm a stranger's registration: her following the link confirms nothing, and without his password she cannot finish it", async () => {
    const her = 'sora.madeup@example.test';
    const token = await follow(lastMailTo(her));
    // A mail scanner, or she herself, following the link changes nothing.
    expect((await accountOf(ctx.app, her)).confirmed).toBeFalsy();
    // She logs in with the link's token but her own password: nothing is confirmed, users-permissions' bare refusal.
    expect((await login(her, 'Her-own-passw0rd', token).expect(400)).body.error.details?.code).toBeUndefined();
    // The stranger knows his password but not the token, which only her mailbox holds.
    expect((await login(her, PASSWORD).expect(401)).body.error.details.code).toBe('EMAIL_UNVERIFIED');
    expect((await login(her, PASSWORD, '0'.repeat(64)).expect(401)).body.error.details.code).toBe('EMAIL_UNVERIFIED');
    expect((await accountOf(ctx.app, her)).confirmed).toBeFalsy();
  });

  it("replaces an unconfirmed registration with hers: the stranger's account goes (logged), her link and password confirm hers", async () => {
    const her = 'sora.madeup@example.test';
    const strangers = await accountOf(ctx.app, her);
    const before = ctx.smtp.received.length;
    const res = await register(person('Sora', { password: 'Her-own-passw0rd' })).expect(200);
    expect(res.body).toEqual({ user: { email: her, confirmed: false } });
    expect(await account(strangers.id)).toBeUndefined();
    expect(await knex()('privacy_destruction_log').where({ rule: 'unverified-account', performed_by: 'registration', category: 'member-account' })).toHaveLength(1);
    const [mail] = await delivered(before, 1);
    const token = await follow(mail);
    expect((await login(her, PASSWORD, token).expect(400)).body.jwt).toBeUndefined(); // the stranger's password is gone with his account
    const mine = await login(her, 'Her-own-passw0rd', token).expect(200);
    expect(mine.body.user).toMatchObject({ email: her, confirmed: true });
    // The link is used up.
    const url = new URL(linkIn(mail)[1]);
    await request().get(url.pathname + url.search).expect(400);
  });

  it('confirms the account by its link (to the privacy center) and a log-in with its token, once; then log-in works with the real address', async () => {
    const token = await follow(lastMailTo('mina.madeup@example.test'));
    expect((await accountOf(ctx.app, 'mina.madeup@example.test')).confirmed).toBeFalsy();
    expect((await login('Mina.Madeup@example.test').expect(401)).body.error.details.code).toBe('EMAIL_UNVERIFIED');
    const first = await login('Mina.Madeup@example.test', PASSWORD, token).expect(200);
    expect(first.body.user).toMatchObject({ email: 'Mina.Madeup@example.test', confirmed: true });
    const url = new URL(linkIn(lastMailTo('mina.madeup@example.test'))[1]);
    await request().get(url.pathname + url.search).expect(400);

    const res = await login('Mina.Madeup@example.test').expect(200);
    expect(res.body.jwt).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ email: 'Mina.Madeup@example.test', confirmed: true });
  });

  it('answers a registration of a member\'s address exactly as a new one, changes nothing of her account and tells her by mail', async () => {
    const stored = await accountOf(ctx.app, 'mina.madeup@example.test');
    const before = ctx.smtp.received.length;
    const again = await register(person('Mina', { password: 'Strangers-passw0rd', name: 'Not Mina' })).expect(200);
    const fresh = await register(person('Newcomer')).expect(200);
    expect(again.body).toEqual({ user: { email: 'mina.madeup@example.test', confirmed: false } });
    expect(Object.keys(again.body.user)).toEqual(Object.keys(fresh.body.user));
    expect(again.headers['content-length']).toBe(String(Number(fresh.headers['content-length']) - 'newcomer'.length + 'mina'.length));
    expect(await account(stored.id)).toMatchObject({ password: stored.password, confirmed: stored.confirmed });
    await login('mina.madeup@example.test', 'Strangers-passw0rd').expect(400);
    await login('mina.madeup@example.test').expect(200);
    const mails = await delivered(before, 2);
    const told = mails.find((m) => addressOf(m) === 'mina.madeup@example.test')!;
    expect(told.subject).toContain('you already have a membership');
    expect(told.text).toContain(`${PUBLIC_URL}/privacy/`);
    expect(told.text).not.toContain('Not Mina');
    expect(linkIn(told)).toEqual([]);
  });
});

describe('POST /api/auth/send-email-confirmation', () => {
  it('answers 200 {email, sent} for every address and mails each one: a new link (Korean for a Korean member) only to an unconfirmed account', async () => {
    await register(person('Jae', { locale: 'ko' })).expect(200);
    const first = (await delivered(ctx.smtp.received.length, 1))[0];
    expect(first.subject).toContain('이메일 주소 확인');

    const before = ctx.smtp.received.length;
    const known = await resend('jae.madeup@example.test').expect(200);
    const unknown = await resend('nobody.madeup@example.test').expect(200);
    const confirmed = await resend('mina.madeup@example.test').expect(200);
    expect(known.body).toEqual({ email: 'jae.madeup@example.test', sent: true });
    expect(unknown.body).toEqual({ email: 'nobody.madeup@example.test', sent: true });
    expect(confirmed.body).toEqual({ email: 'mina.madeup@example.test', sent: true });
    const mails = await delivered(before, 3);
    expect(mails.map(addressOf)).toEqual(['jae.madeup@example.test', 'nobody.madeup@example.test', 'mina.madeup@example.test']);
    expect(mails.map((m) => linkIn(m).length > 0)).toEqual([true, false, false]);
    expect(mails[1].subject).toContain('about your request');
    expect(mails[2].subject).toContain('your address is already confirmed');

    // The new link replaces the old one.
    const old = new URL(linkIn(first)[1]);
    await request().get(old.pathname + old.search).expect(400);
    const token = await follow(mails[0]);
    await login('jae.madeup@example.test', PASSWORD, token).expect(200);
    expect((await accountOf(ctx.app, 'jae.madeup@example.test')).confirmed).toBeTruthy();
  });

  it("sends users-permissions' own confirmation mail to the real address too, never to the placeholder", async () => {
    await register(person('Ho')).expect(200);
    await drain();
    const before = ctx.smtp.received.length;
    await (ctx.app.strapi.plugin('users-permissions').service('user') as { sendConfirmationEmail(u: unknown): Promise<void> }).sendConfirmationEmail(await accountOf(ctx.app, 'ho.madeup@example.test'));
    const [mail] = await delivered(before, 1);
    expect(addressOf(mail)).toBe('ho.madeup@example.test');
    expect(ctx.smtp.received.map(addressOf).filter((a) => a.endsWith('members.invalid'))).toEqual([]);
  });

  it('refuses a burst for one address with 429 RATE_LIMITED and Retry-After, whoever asks', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await resend('burst.madeup@example.test'));
    expect(answers.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers[3].status).toBe(429);
    expect(answers[3].body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(answers[3].headers['retry-after'])).toBeGreaterThan(60);
    // Another spelling of the address is the same address.
    expect((await resend('Burst.Madeup@example.test')).status).toBe(429);
  });
});

describe('the retention sweep', () => {
  const retention = () =>
    ctx.app.strapi.plugin('privacy-guard').service('retention') as {
      run(): Promise<{ counts: Record<string, number> }>;
      preview(): Promise<{ counts: Record<string, number> }>;
    };
  afterEach(() => clock(ctx.app).reset());

  it('destroys accounts unconfirmed after 48 hours (profile and mail too, logged), keeps a younger one and a confirmed one, and nothing else of the address', async () => {
    await register(person('Late')).expect(200);
    const late = { body: { user: await accountOf(ctx.app, 'late.madeup@example.test') } };
    const kept = await registerMember(ctx.app, person('Kept'));
    const lateProfile = await knex()('member_profiles').where('subject_id', privacy(ctx.app.strapi).consent.subjectIdFor('late.madeup@example.test')).first();
    expect(await knex()('outbox_messages').where('related_document_id', lateProfile.document_id)).toHaveLength(1);
    const unconfirmed = Number((await knex()('up_users').where((w) => w.where('confirmed', false).orWhereNull('confirmed')).count({ n: '*' }))[0].n);
    expect(unconfirmed).toBeGreaterThanOrEqual(2); // Late's and the newcomer's

    clock(ctx.app).set(new Date(Date.now() + 47 * HOUR));
    expect((await retention().preview()).counts['unverified-account']).toBe(0);
    expect((await retention().run()).counts['unverified-account']).toBe(0);
    expect(await account(late.body.user.id)).toBeDefined();

    clock(ctx.app).set(new Date(Date.now() + 49 * HOUR));
    expect((await retention().preview()).counts['unverified-account']).toBe(unconfirmed);
    expect((await retention().run()).counts['unverified-account']).toBe(unconfirmed);
    expect(await account(late.body.user.id)).toBeUndefined();
    expect(await knex()('member_profiles').where('id', lateProfile.id)).toHaveLength(0);
    expect(await knex()('outbox_messages').where('related_document_id', lateProfile.document_id)).toHaveLength(0);
    const logged = await knex()('privacy_destruction_log').where({ rule: 'unverified-account', subject_id: lateProfile.subject_id });
    expect(logged.map((r) => r.category).sort()).toEqual(['member-account', 'member-profile', 'outbox-mail']);

    expect(await account(kept.user.id)).toBeDefined();
    await login('kept.madeup@example.test').expect(200);
    // The stranger's account went at her registration; hers, confirmed, and what she holds stay.
    const sora = privacy(ctx.app.strapi).consent.subjectIdFor('sora.madeup@example.test');
    expect(await knex()('member_profiles').where('subject_id', sora)).toHaveLength(1);
    await login('sora.madeup@example.test', 'Her-own-passw0rd').expect(200);
    expect(await knex()('consultations').where('subject_id', sora)).toHaveLength(1);
  });
});

describe('/api/members/me', () => {
  let jwt: string;
  beforeAll(async () => {
    jwt = (await registerMember(ctx.app, person('Yuna', { address: '12 Madeup-ro, Seoul' }))).jwt;
  });
  const me = () => request().get('/api/members/me').set('Authorization', `Bearer ${jwt}`);
  const update = (body: object) => request().put('/api/members/me').set('Authorization', `Bearer ${jwt}`).send(body);
  const raw = async () => knex()('member_profiles').where('subject_id', privacy(ctx.app.strapi).consent.subjectIdFor('yuna.madeup@example.test')).first();

  it('shows the member their own information', async () => {
    const res = await me().expect(200);
    expect(res.body.data).toMatchObject({ name: 'Yuna Madeup', email: 'yuna.madeup@example.test', birthDate: '1987-06-05', phone: '010-5555-0142', address: '12 Madeup-ro, Seoul', locale: 'en', restricted: false });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('changes it sealed at rest, logged as the person’s own change without the values', async () => {
    const res = await update({ name: 'Yuna Newname', phone: '010-5555-0999', locale: 'ko', gender: null }).expect(200);
    expect(res.body.data).toMatchObject({ name: 'Yuna Newname', phone: '010-5555-0999', locale: 'ko', gender: null, email: 'yuna.madeup@example.test' });
    expect((await me().expect(200)).body.data.name).toBe('Yuna Newname');
    const row = await raw();
    expect(row.name).toMatch(/^enc2:/);
    expect(row.phone).toMatch(/^enc2:/);
    expect(JSON.stringify(row)).not.toMatch(/Newname|0999/);
    expect(row.phone_hash).toBe(privacy(ctx.app.strapi).crypto.lookupHash('phone', '010-5555-0999'));
    const [entry] = await knex()('privacy_access_log').where({ subject_id: row.subject_id, action: 'change' });
    expect(entry).toMatchObject({ staff_id: null, staff_role: 'subject', content_type: 'api::member-profile.member-profile', target_document_id: row.document_id });
    expect(entry.reason).toContain('locale, name, phone');
    expect(JSON.stringify(entry)).not.toMatch(/Newname|0999/);
  });

  it('refuses a resident registration number, the address or birth date fields it may not change, and bad values, changing nothing', async () => {
    const before = await raw();
    const rrn = await update({ address: 'Seoul, RRN 900101-1234567' }).expect(422);
    expect(rrn.body.error.details).toEqual({ code: 'RRN_REFUSED', fields: ['address'] });
    for (const body of [{ email: 'other.madeup@example.test' }, { birthDate: '2015-01-01' }, {}, { phone: 'call me' }, { gender: 'unknown' }]) {
      expect((await update(body).expect(400)).body.error.details.code).toBe('VALIDATION');
    }
    expect(await raw()).toEqual(before);
  });

  it('refuses callers without a confirmed member JWT, whatever the spelling of the path', async () => {
    expect((await request().get('/api/members/me').expect(401)).body.error.details.code).toBe('UNAUTHENTICATED');
    await request().get('/api/members/me').set('Authorization', 'Bearer not-a-token').expect(401);
    await request().put('/api/MEMBERS/Me').send({ name: 'Nobody' }).expect(401);
    // A token for an account that was never confirmed (issued before verification existed) opens nothing.
    await register(person('Unsure')).expect(200);
    const token = (ctx.app.strapi.plugin('users-permissions').service('jwt') as { issue(p: object): string }).issue({ id: (await accountOf(ctx.app, 'unsure.madeup@example.test')).id });
    const res = await request().get('/api/members/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.error.details.code).toBe('EMAIL_UNVERIFIED');
  });

  it('refuses changes with 403 RESTRICTED while a correction is pending', async () => {
    await request().post('/api/privacy/corrections').set('Authorization', `Bearer ${jwt}`).send({ field: 'birthDate', value: '1987-06-15' }).expect(201);
    const res = await update({ name: 'Yuna Third' }).expect(403);
    expect(res.body.error.details.code).toBe('RESTRICTED');
    expect((await me().expect(200)).body.data).toMatchObject({ name: 'Yuna Newname', restricted: true });
  });
});

describe('POST /api/auth/change-password', () => {
  it('changes a member’s password, answering with the real address; the old password stops working', async () => {
    const { jwt, user } = await registerMember(ctx.app, person('Daeun'));
    const res = await request()
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ currentPassword: PASSWORD, password: 'Another-passw0rd', passwordConfirmation: 'Another-passw0rd' })
      .expect(200);
    expect(res.body.jwt).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ id: user.id, email: 'daeun.madeup@example.test' });
    await login('daeun.madeup@example.test').expect(400);
    await login('daeun.madeup@example.test', 'Another-passw0rd').expect(200);
  });
});

describe('the client limit', () => {
  it('refuses a burst of confirmation requests from one client, each for another address, with 429 RATE_LIMITED', async () => {
    let refused: { status: number; body: { error: { details: { code: string } } } } | undefined;
    for (let i = 0; i < 61 && !refused; i++) {
      const res = await resend(`client.burst${i}@example.test`);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused?.body.error.details.code).toBe('RATE_LIMITED');
  });
});
