import { startStrapi, type TestApp } from '../helpers/strapi';
import { startSmtp, smtpEnv, type TestSmtp } from '../helpers/smtp';
import { adminToken } from '../helpers/admin';
import { privacy } from '../helpers/privacy';
import { registerMember } from '../helpers/members';
import type { ParsedMail } from 'mailparser';

/**
 * Notices of new services: staff compose in the Content Manager, preview the audience and send
 * from the admin; the audience is the consent ledger's state at send time (withdrawn, restricted
 * and under-14 people get nothing); each mail, read from a real SMTP server, carries a one-click
 * unsubscribe link and the RFC 8058 headers; unsubscribing is a ledger withdrawal through the
 * mail channel and the next notice skips that person.
 */
let app: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
  app = await startStrapi(smtpEnv(smtp));
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const NOTICE = 'api::service-notice.service-notice';
const PASSWORD = 'A-long-passw0rd';
const drain = () => (app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> }).drain();
const addressOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');

async function register(email: string, marketing: boolean, locale: 'en' | 'ko' = 'en') {
  const before = smtp.received.length;
  const { jwt } = await registerMember(app, {
    email,
    password: PASSWORD,
    birthDate: '1979-09-09',
    name: 'Made Up Member',
    locale,
    consents: { membership_collection: true, marketing_notices: marketing },
  });
  // The address confirmation goes out at once; it is not what these tests count.
  await drain();
  await smtp.waitFor(before + 1);
  for (let i = smtp.received.length - 1; i >= before; i--) if (smtp.received[i].text?.includes('/api/auth/email-confirmation?confirmation=')) smtp.received.splice(i, 1);
  return jwt;
}

const staff = {} as Record<'officer' | 'frontDesk', string>;
const asOfficer = (req: ReturnType<ReturnType<TestApp['request']>['get']>) => req.set('Authorization', `Bearer ${staff.officer}`);

async function compose(subject: string): Promise<string> {
  const res = await app
    .request()
    .post(`/content-manager/collection-types/${NOTICE}`)
    .set('Authorization', `Bearer ${staff.officer}`)
    .send({
      subjectEn: subject,
      bodyEn: `Dear member,\n\n${subject} starts next month.`,
      subjectKo: `${subject} (ko)`,
      bodyKo: `회원님께,\n\n다음 달에 ${subject}를 시작합니다.`,
    });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

async function sendAndRead(noticeId: string, expected: number): Promise<ParsedMail[]> {
  const before = smtp.received.length;
  const sent = await asOfficer(app.request().post(`/clinic-notices/${noticeId}/send`)).expect(202);
  expect(sent.body.data).toMatchObject({ total: expected, state: expected === 0 ? 'sent' : 'sending' });
  await drain();
  await smtp.waitFor(before + expected);
  return smtp.received.slice(before);
}

const grants = async (email: string) =>
  (await privacy(app.strapi).consent.state(privacy(app.strapi).consent.subjectIdFor(email))).marketing_notices;

beforeAll(async () => {
  staff.officer = await adminToken(app, 'clinic-privacy-officer');
  staff.frontDesk = await adminToken(app, 'clinic-front-desk');
  await register('ana.notice@example.test', true);
  await register('ben.notice@example.test', false);
  await register('eun.notice@example.test', true, 'ko');
  await register('cara.notice@example.test', true);
  // Cara withdraws the marketing consent at her next login, a minute before the send.
  await app
    .request()
    .post('/api/auth/local')
    .send({
      identifier: 'cara.notice@example.test',
      password: PASSWORD,
      consents: { membership_collection: true, marketing_notices: false },
    })
    .expect(200);
  // Dora asks for a correction: her data is restricted until staff resolve it.
  const dora = await register('dora.notice@example.test', true);
  await app
    .request()
    .post('/api/privacy/corrections')
    .set('Authorization', `Bearer ${dora}`)
    .send({ field: 'name', value: 'Dora Corrected' })
    .expect(201);
  // A child's profile with a marketing grant (written directly: membership itself refuses under 14).
  const consent = privacy(app.strapi).consent;
  const child = consent.subjectIdFor('child.notice@example.test');
  await consent.record({
    subjectId: child,
    channel: 'membership',
    consents: { membership_collection: true, marketing_notices: true },
    actor: 'guardian',
  });
  await app.strapi.documents('api::member-profile.member-profile').create({
    data: {
      subjectId: child,
      email: 'child.notice@example.test',
      birthDate: '2016-04-04',
      name: 'Made Up Child',
      locale: 'en',
      state: 'active',
    },
  } as never);
});

describe('notices of new services', () => {
  let first: string;

  it('are for the privacy officer only', async () => {
    first = await compose('Laser toning');
    await app.request().get(`/clinic-notices/${first}/preview`).expect(401);
    const frontDesk = await app.request().get(`/clinic-notices/${first}/preview`).set('Authorization', `Bearer ${staff.frontDesk}`);
    expect(frontDesk.status).toBe(403);
    const editor = await adminToken(app, 'strapi-editor');
    expect((await app.request().post(`/clinic-notices/${first}/send`).set('Authorization', `Bearer ${editor}`)).status).toBe(403);
  });

  it('previews the audience: consenting, unrestricted adult members only', async () => {
    const res = await asOfficer(app.request().get(`/clinic-notices/${first}/preview`)).expect(200);
    expect(res.body.data).toEqual({ id: first, state: 'draft', audience: 2 });
    const list = await asOfficer(app.request().get('/clinic-notices')).expect(200);
    expect(list.body.data[0]).toMatchObject({ id: first, subject: 'Laser toning', state: 'draft' });
  });

  it('reaches exactly those members, in their language, with a one-click unsubscribe link and the RFC 8058 headers', async () => {
    const mails = await sendAndRead(first, 2);
    expect(mails.map(addressOf).sort()).toEqual(['ana.notice@example.test', 'eun.notice@example.test']);
    const ana = mails.find((m) => addressOf(m) === 'ana.notice@example.test') as ParsedMail;
    const eun = mails.find((m) => addressOf(m) === 'eun.notice@example.test') as ParsedMail;
    expect(ana.subject).toContain('Laser toning');
    expect(ana.text).toContain('Laser toning starts next month.');
    expect(eun.subject).toContain('Laser toning (ko)');
    expect(eun.text).toContain('다음 달에');
    const link = header(ana, 'list-unsubscribe') as string;
    expect(link).toMatch(/^<http:\/\/[^>]+\/api\/notices\/unsubscribe\/[A-Za-z0-9_-]+>$/);
    expect(header(ana, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = link.slice(1, -1);
    expect(ana.text).toContain(url);
    const token = url.split('/').pop() as string;
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    for (const clue of ['ana', 'notice@', privacy(app.strapi).consent.subjectIdFor('ana.notice@example.test')]) {
      expect(token).not.toContain(clue);
      expect(decoded).not.toContain(clue);
    }

    const progress = await asOfficer(app.request().get(`/clinic-notices/${first}/progress`)).expect(200);
    expect(progress.body.data).toMatchObject({ state: 'sent', total: 2, sent: 2, pending: 0, failed: 0 });
    const again = await asOfficer(app.request().post(`/clinic-notices/${first}/send`)).expect(409);
    expect(again.body.error.details.code).toBe('ALREADY_SENT');
  });

  it('unsubscribes with the button on the link’s page, as a ledger withdrawal through the mail channel; the next notice skips that member', async () => {
    const ana = smtp.received.find((m) => addressOf(m) === 'ana.notice@example.test') as ParsedMail;
    const path = new URL((header(ana, 'list-unsubscribe') as string).slice(1, -1)).pathname;
    expect((await grants('ana.notice@example.test'))?.granted).toBe(true);
    const page = await app.request().post(path).type('form').send('confirm=yes').expect(200);
    expect(page.text).toContain('no more notices');
    const state = await grants('ana.notice@example.test');
    expect(state).toMatchObject({ granted: false, channel: 'mail' });
    await app.request().post(path).type('form').send('confirm=yes').expect(200);
    expect((await privacy(app.strapi).consent.verify()).ok).toBe(true);

    const second = await compose('Skin booster');
    expect((await asOfficer(app.request().get(`/clinic-notices/${second}/preview`)).expect(200)).body.data.audience).toBe(1);
    const mails = await sendAndRead(second, 1);
    expect(mails.map(addressOf)).toEqual(['eun.notice@example.test']);
  });

  it('accepts the one-click POST a mail client sends, and refuses a forged token', async () => {
    const eun = smtp.received.filter((m) => addressOf(m) === 'eun.notice@example.test').at(-1) as ParsedMail;
    const path = new URL((header(eun, 'list-unsubscribe') as string).slice(1, -1)).pathname;
    await app.request().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(await grants('eun.notice@example.test')).toMatchObject({ granted: false, channel: 'mail' });
    const forged = Buffer.from(
      JSON.stringify({ s: privacy(app.strapi).consent.subjectIdFor('ben.notice@example.test'), p: 'unsubscribe' }),
    ).toString('base64url');
    const res = await app.request().post(`/api/notices/unsubscribe/${forged}`).expect(404);
    expect(res.body.error.details.code).toBe('NOT_FOUND');
  });

  it('does not deliver a queued notice to someone who unsubscribed before it went out', async () => {
    await register('fay.notice@example.test', true);
    const third = await compose('Evening hours');
    const before = smtp.received.length;
    await asOfficer(app.request().post(`/clinic-notices/${third}/send`)).expect(202);
    const fay = privacy(app.strapi).consent.subjectIdFor('fay.notice@example.test');
    await privacy(app.strapi).consent.record({ subjectId: fay, channel: 'mail', consents: { marketing_notices: false }, actor: 'self' });
    await drain();
    expect(smtp.received.length).toBe(before);
    const progress = await asOfficer(app.request().get(`/clinic-notices/${third}/progress`)).expect(200);
    expect(progress.body.data).toMatchObject({ state: 'sent', total: 1, sent: 0, skipped: 1 });
  });

  it('resumes a send that stopped half-way once it has been quiet for a while, mailing nobody twice', async () => {
    await register('gus.notice@example.test', true);
    await register('hal.notice@example.test', true, 'ko');
    const fourth = await compose('Weekend clinic');
    // A send that queued its mails and then died before it finished (its total says one more was to come).
    await asOfficer(app.request().post(`/clinic-notices/${fourth}/send`)).expect(202);
    const queuedFirst = await app.strapi.db.connection('outbox_messages').where({ related_document_id: fourth }).count({ n: '*' });
    expect(Number(queuedFirst[0].n)).toBe(2);
    const stalled = { state: 'sending', total: 3, sendStartedAt: new Date(Date.now() - 60 * 60_000) };
    await app.strapi.db.query(NOTICE).updateMany({ where: { documentId: fourth }, data: stalled });

    const resumed = await asOfficer(app.request().post(`/clinic-notices/${fourth}/send`)).expect(202);
    expect(resumed.body.data).toMatchObject({ state: 'sending', total: 2 });
    const before = smtp.received.length;
    await drain();
    await smtp.waitFor(before + 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.slice(before).map(addressOf).sort()).toEqual(['gus.notice@example.test', 'hal.notice@example.test']);
    const progress = await asOfficer(app.request().get(`/clinic-notices/${fourth}/progress`)).expect(200);
    expect(progress.body.data).toMatchObject({ state: 'sent', total: 2, sent: 2 });
    // A send in progress (started just now) is not taken over.
    await app.strapi.db
      .query(NOTICE)
      .updateMany({ where: { documentId: fourth }, data: { state: 'sending', total: 3, sendStartedAt: new Date() } });
    expect((await asOfficer(app.request().post(`/clinic-notices/${fourth}/send`)).expect(409)).body.error.details.code).toBe(
      'ALREADY_SENT',
    );
  });
});

describe('the unsubscribe link needs an act', () => {
  const links = {} as Record<'ivy' | 'jay', string>;
  const ledgerRows = async () => (await privacy(app.strapi).consent.verify()).rows;
  const audience = async (id: string) => (await asOfficer(app.request().get(`/clinic-notices/${id}/preview`)).expect(200)).body.data.audience as number;
  let notice: string;

  beforeAll(async () => {
    await register('ivy.notice@example.test', true, 'ko');
    await register('jay.notice@example.test', true);
    notice = await compose('Night clinic');
    const before = smtp.received.length;
    await asOfficer(app.request().post(`/clinic-notices/${notice}/send`)).expect(202);
    await drain();
    const until = Date.now() + 10_000;
    for (const name of ['ivy', 'jay'] as const) {
      let mail: ParsedMail | undefined;
      while (!(mail = smtp.received.slice(before).find((m) => addressOf(m) === `${name}.notice@example.test`))) {
        if (Date.now() > until) throw new Error(`no notice to ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      links[name] = new URL((header(mail, 'list-unsubscribe') as string).slice(1, -1)).pathname;
    }
  });

  it('changes nothing when a mail scanner opens it (GET, HEAD): the person stays in the audience, no ledger row', async () => {
    const rows = await ledgerRows();
    const reached = await audience(notice);
    await app.request().get(links.ivy).expect(200);
    await app.request().head(links.ivy).expect(200);
    await app.request().get(`${links.ivy}?locale=en`).expect(200);
    expect(await grants('ivy.notice@example.test')).toMatchObject({ granted: true });
    expect(await ledgerRows()).toBe(rows);
    expect(await audience(notice)).toBe(reached);
  });

  it('shows a page with the choice and a real form in the mail’s language, never cached, with no script allowed', async () => {
    const page = await app.request().get(links.ivy).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toMatch(/script-src/);
    expect(page.text).toContain('<html lang="ko">');
    expect(page.text).toMatch(/<h1>[^<]+<\/h1>/);
    expect(page.text).toMatch(/<form method="post"><input type="hidden" name="confirm" value="yes"><button type="submit">수신 거부<\/button><\/form>/);
    expect(page.text).not.toContain('<script');
    const english = await app.request().get(`${links.ivy}?locale=en`).expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('>Unsubscribe</button>');
  });

  it('withdraws when the page’s form is posted, and says so on a done page', async () => {
    const done = await app.request().post(links.ivy).type('form').send('confirm=yes').expect(200);
    expect(done.headers['content-type']).toMatch(/^text\/html/);
    expect(done.text).toContain('수신 거부 완료');
    expect(done.text).not.toContain('<form');
    expect(await grants('ivy.notice@example.test')).toMatchObject({ granted: false, channel: 'mail' });
  });

  it('withdraws on the RFC 8058 one-click POST, answered as before', async () => {
    const res = await app.request().post(links.jay).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.body.data).toEqual({ unsubscribed: true, item: 'marketing_notices' });
    expect(await grants('jay.notice@example.test')).toMatchObject({ granted: false, channel: 'mail' });
  });

  it('answers a link that is not valid with a page saying so (404), changing nothing', async () => {
    await register('kim.notice@example.test', true);
    const rows = await ledgerRows();
    const forged = Buffer.from(
      JSON.stringify({ s: privacy(app.strapi).consent.subjectIdFor('kim.notice@example.test'), p: 'unsubscribe' }),
    ).toString('base64url');
    const real = links.jay.split('/').pop() as string;
    const altered = `${real.slice(0, 30)}${real[30] === 'A' ? 'B' : 'A'}${real.slice(31)}`;
    for (const token of [forged, 'not-a-token', altered]) {
      const page = await app.request().get(`/api/notices/unsubscribe/${token}`).expect(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('This link is not valid');
      expect(page.text).not.toContain('<form');
      const posted = await app.request().post(`/api/notices/unsubscribe/${token}`).type('form').send('confirm=yes').expect(404);
      expect(posted.text).toContain('This link is not valid');
    }
    expect(await grants('kim.notice@example.test')).toMatchObject({ granted: true });
    expect(await ledgerRows()).toBe(rows);
  });
});
