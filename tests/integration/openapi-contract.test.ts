import fs from 'node:fs';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { useStrapiWithSmtp } from '../helpers/smtp';
import { contractChecker } from '../helpers/contract';
import { patient, requiredConsents, firstSlot } from '../helpers/booking';
import { MEMBERSHIP_CONSENTS, CONSULTATION_CONSENTS } from '../helpers/privacy';
import { accountOf } from '../helpers/members';
import { readVerifyMail } from '../helpers/privacy-rights';
import { APP_DIR } from '../helpers/strapi';
import { unsubscribeToken } from '../../src/api/service-notice/unsubscribe-token';

/**
 * The OpenAPI document cannot drift from the code: every route of the public contract is run
 * against a real Strapi (real database, real SMTP) in a success and a refusal, and every answer's
 * status and body are checked against the document the server serves at `/api/openapi.json`.
 */
const ctx = useStrapiWithSmtp();
let contract: ReturnType<typeof contractChecker>;
let doc: any;
const api = () => ctx.app.request();
const drain = () => (ctx.app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> }).drain();

async function mailTo(email: string, after: number): Promise<ParsedMail> {
  await drain();
  const until = Date.now() + 10_000;
  for (;;) {
    const found = ctx.smtp.received.slice(after).find((m) => JSON.stringify(m.to).includes(email));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  const res = await api().get('/api/openapi.json').expect(200);
  doc = res.body;
  contract = contractChecker(doc);
});

describe('the document', () => {
  it('is OpenAPI 3.1, cacheable, and the same as docs/openapi.json', async () => {
    const res = await api().get('/api/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(doc.openapi).toBe('3.1.0');
    const written = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'docs', 'openapi.json'), 'utf8'));
    // `npm run openapi` writes it (the build runs it); a stale copy fails here.
    expect(written).toEqual(doc);
  });

  it('lists every path of the README’s contract table', () => {
    const readme = fs.readFileSync(path.join(APP_DIR, 'README.md'), 'utf8');
    const cells = readme
      .split('\n')
      .filter((line) => /^\| `(GET|POST|PUT|DELETE)/.test(line))
      .map((line) => line.split(' | ')[0]);
    const listed = new Set<string>();
    for (const cell of cells) {
      let base = '';
      for (const [, p] of cell.matchAll(/(\/(?:api|fhir)\/[^\s`?[]+|…\/[a-z-]+)/g)) {
        const full = p.startsWith('…') ? base + p.slice(1) : p;
        if (!p.startsWith('…')) base = p;
        listed.add(decodeURIComponent(full).replace(/:([a-z]+)/gi, '{$1}'));
      }
    }
    expect(listed.size).toBeGreaterThan(25);
    // A README path matches a document path segment by segment; `{x}`, `:x` and `<x>.ics` are parameters.
    const isParam = (segment: string) => /^\{[^}]+\}$|^<[^>]+>/.test(segment);
    const same = (a: string, b: string) => {
      const [x, y] = [a.split('/'), b.split('/')];
      return x.length === y.length && x.every((s, i) => s === y[i] || (isParam(s) && isParam(y[i])));
    };
    const missing = [...listed].filter((p) => !Object.keys(doc.paths).some((q) => same(p, q)));
    expect(missing).toEqual([]);
  });

  it('declares every route’s credential, rate limit and refusal codes', () => {
    const reserve = doc.paths['/api/booking/reservations'].post;
    expect(reserve.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(reserve.responses['429'].headers['Retry-After']).toBeDefined();
    expect(reserve.responses['409'].content['application/json'].schema.properties.error.properties.details.properties.code.enum).toContain('SLOT_UNAVAILABLE');
    expect(doc.paths['/api/members/me'].get.security).toEqual([{ memberJwt: [] }]);
    expect(doc.components.securitySchemes.manageToken).toMatchObject({ in: 'header', name: 'X-Manage-Token' });
    expect(doc.components.securitySchemes.privacySession).toMatchObject({ in: 'header', name: 'X-Privacy-Session' });
  });
});

describe('every route answers what the document says', () => {
  it('clinic, policy and consent items', async () => {
    contract.check('getClinic', await api().get('/api/clinic'), 200);
    contract.check('getClinic', await api().get('/api/clinic?locale=fr'), 400);
    contract.check('getPrivacyPolicy', await api().get('/api/privacy-policy?locale=ko'), 200);
    contract.check('getPrivacyPolicy', await api().get('/api/privacy-policy?version=999'), 404);
    contract.check('listConsentItems', await api().get('/api/consent-items?channel=cookie'), 200);
    contract.check('listConsentItems', await api().get('/api/consent-items'), 400);
  });

  it('booking, manage link and guardian code', async () => {
    contract.check('listServices', await api().get('/api/booking/services'), 200);
    contract.check('listServices', await api().get('/api/booking/services?x=1'), 400);
    const { service, slot } = await firstSlot((url) => api().get(url));
    const day = slot.start.slice(0, 10);
    contract.check('listSlots', await api().get(`/api/booking/slots?service=${service.id}&from=${day}&to=${day}`), 200);
    contract.check('listSlots', await api().get(`/api/booking/slots?service=${service.id}&from=${day}&to=2020-01-01`), 400);
    contract.check('listSlots', await api().get(`/api/booking/slots?service=nosuchservice1&from=${day}&to=${day}`), 422);

    const body = { service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: patient(901), consents: requiredConsents, locale: 'en' };
    const created = contract.check('createReservation', await api().post('/api/booking/reservations').set('Idempotency-Key', 'contract-1').send(body), 201);
    contract.check('createReservation', await api().post('/api/booking/reservations').send({ ...body, patient: patient(902) }), 409);
    contract.check('createReservation', await api().post('/api/booking/reservations').send({ ...body, consents: {} }), 422);
    contract.check('createReservation', await api().post('/api/booking/reservations').send({ ...body, extra: 1 }), 400);
    const token = created.data.manageToken as string;

    contract.check('viewReservation', await api().get(`/api/booking/manage/${token}`), 200);
    contract.check('viewReservation', await api().get(`/api/booking/manage/${'x'.repeat(43)}`), 404);
    const slots = (await api().get(`/api/booking/slots?service=${service.id}&from=${day}&to=${day}&practitioner=${slot.practitionerId}`)).body.data.slots as Array<{ start: string }>;
    const other = slots.find((s) => s.start !== slot.start) as { start: string };
    contract.check('rescheduleReservation', await api().post(`/api/booking/manage/${token}/reschedule`).send({ start: other.start.replace(/T(\d\d):(\d\d)/, (_, h: string) => `T${h}:07`) }), 422);
    contract.check('rescheduleReservation', await api().post(`/api/booking/manage/${token}/reschedule`).send({ start: other.start }), 200);
    contract.check('resendGuardianCode', await api().post(`/api/booking/manage/${token}/guardian-code`).send({}), 409);
    contract.check('cancelReservation', await api().post(`/api/booking/manage/${token}/cancel`).send({}), 200);
    contract.check('cancelReservation', await api().post(`/api/booking/manage/${'y'.repeat(43)}/cancel`).send({}), 404);

    // A child's reservation waits for the guardian's code.
    const childSlot = slots.find((s) => s.start !== slot.start && s.start !== other.start) as { start: string };
    const guardianEmail = 'guardian.contract@example.test';
    const before = ctx.smtp.received.length;
    const child = contract.check(
      'createReservation',
      await api()
        .post('/api/booking/reservations')
        .send({
          ...body,
          start: childSlot.start,
          patient: { ...patient(903), birthDate: `${new Date().getFullYear() - 9}-06-01` },
          guardian: { name: 'Test Guardian', phone: '010-5555-0298', email: guardianEmail, relationship: 'Mother' },
        }),
      201,
    );
    const childToken = child.data.manageToken as string;
    contract.check('resendGuardianCode', await api().post(`/api/booking/manage/${childToken}/guardian-code`).send({}), 202);
    const mail = await mailTo(guardianEmail, before + 1);
    const codes = [...ctx.smtp.received.slice(before)].filter((m) => JSON.stringify(m.to).includes(guardianEmail));
    const code = /\b(\d{6})\b/.exec(codes[codes.length - 1]?.text ?? mail.text ?? '')?.[1] as string;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    contract.check('confirmByGuardian', await api().post(`/api/booking/manage/${childToken}/guardian-confirm`).send({ code: wrong }), 422);
    contract.check('confirmByGuardian', await api().post(`/api/booking/manage/${childToken}/guardian-confirm`).send({ code }), 200);
  });

  it('consultations', async () => {
    const ask = { name: 'Test Asker', email: 'asker.contract@example.test', question: 'Is laser toning painful?', consents: CONSULTATION_CONSENTS, locale: 'en' };
    contract.check('askConsultation', await api().post('/api/consultations').send(ask), 201);
    contract.check('askConsultation', await api().post('/api/consultations').send({ ...ask, consents: {} }), 422);
  });

  it('member accounts, the member’s own information and the board', async () => {
    const email = 'member.contract@example.test';
    const password = 'Contract-Passw0rd!';
    const register = { email, password, birthDate: '1991-02-03', name: 'Test Member', consents: { ...MEMBERSHIP_CONSENTS, marketing_notices: true, board_posting: true }, locale: 'en' };
    contract.check('registerMember', await api().post('/api/auth/local/register').send({ ...register, email: 'child.contract@example.test', birthDate: `${new Date().getFullYear() - 10}-01-01` }), 422);
    contract.check('registerMember', await api().post('/api/auth/local/register').send(register), 200);
    contract.check('resendConfirmation', await api().post('/api/auth/send-email-confirmation').send({ email }), 200);
    contract.check('resendConfirmation', await api().post('/api/auth/send-email-confirmation').send({}), 400);
    contract.check('logIn', await api().post('/api/auth/local').send({ identifier: email, password }), 401);
    const token = (await accountOf(ctx.app, email)).confirmation_token as string;
    contract.check('logIn', await api().post('/api/auth/local').send({ identifier: email, password: 'wrong-password-1', confirmation: token }), 400);
    let jwt = contract.check('logIn', await api().post('/api/auth/local').send({ identifier: email, password, confirmation: token }), 200).jwt as string;
    const { id: userId } = await accountOf(ctx.app, email);
    const bearer = () => ({ Authorization: `Bearer ${jwt}` });

    contract.check('getMember', await api().get('/api/members/me').set(bearer()), 200);
    contract.check('getMember', await api().get('/api/members/me'), 401);
    contract.check('updateMember', await api().put('/api/members/me').set(bearer()).send({ phone: '010-5555-0177' }), 200);
    contract.check('updateMember', await api().put('/api/members/me').set(bearer()).send({}), 400);

    // The board: write, staff publish, comment, delete.
    contract.check('listBoardPosts', await api().get('/api/board/posts?pageSize=10'), 200);
    contract.check('listBoardPosts', await api().get('/api/board/posts?pageSize=100000'), 400);
    contract.check('createBoardPost', await api().post('/api/board/posts').send({ title: 'Hello', body: 'A first post' }), 401);
    const post = contract.check('createBoardPost', await api().post('/api/board/posts').set(bearer()).send({ title: 'Hello', body: 'A first post' }), 201);
    await ctx.app.strapi.documents('api::board.board-post').update({ documentId: post.data.id, data: { state: 'published' } } as never);
    contract.check('getBoardPost', await api().get(`/api/board/posts/${post.data.id}`), 200);
    contract.check('getBoardPost', await api().get('/api/board/posts/nosuchpost0000'), 404);
    const comment = contract.check('createBoardComment', await api().post(`/api/board/posts/${post.data.id}/comments`).set(bearer()).send({ body: 'Thanks' }), 201);
    contract.check('createBoardComment', await api().post('/api/board/posts/nosuchpost0000/comments').set(bearer()).send({ body: 'Thanks' }), 404);
    contract.check('deleteBoardComment', await api().delete(`/api/board/comments/${comment.data.id}`).set(bearer()), 200);
    contract.check('deleteBoardComment', await api().delete(`/api/board/comments/${comment.data.id}`).set(bearer()), 404);
    contract.check('deleteBoardPost', await api().delete(`/api/board/posts/${post.data.id}`).set(bearer()), 200);
    contract.check('deleteBoardPost', await api().delete(`/api/board/posts/${post.data.id}`).set(bearer()), 404);

    // The unsubscribe link of a notice, as the mail carries it.
    const profile = (await ctx.app.strapi.db.query('api::member-profile.member-profile').findOne({ where: { user: { id: userId } }, select: ['subjectId'] })) as { subjectId: string };
    const link = unsubscribeToken.create(ctx.app.strapi, profile.subjectId, 'en');
    contract.check('unsubscribePage', await api().get(`/api/notices/unsubscribe/${link}`), 200);
    contract.check('unsubscribePage', await api().get(`/api/notices/unsubscribe/${'z'.repeat(40)}`), 404);
    contract.check('unsubscribe', await api().post(`/api/notices/unsubscribe/${link}`).type('form').send({ 'List-Unsubscribe': 'One-Click' }), 200);
    contract.check('unsubscribe', await api().post(`/api/notices/unsubscribe/${'z'.repeat(40)}`).type('form').send({ 'List-Unsubscribe': 'One-Click' }), 404);

    // Passwords: change, forget, reset.
    const changed = contract.check('changePassword', await api().post('/api/auth/change-password').set(bearer()).send({ currentPassword: password, password: 'Contract-Passw0rd-2', passwordConfirmation: 'Contract-Passw0rd-2' }), 200);
    jwt = changed.jwt;
    contract.check('changePassword', await api().post('/api/auth/change-password').set(bearer()).send({ currentPassword: 'not-it-at-all', password: 'Contract-Passw0rd-3', passwordConfirmation: 'Contract-Passw0rd-3' }), 400);
    contract.check('forgotPassword', await api().post('/api/auth/forgot-password').send({ email }), 200);
    contract.check('forgotPassword', await api().post('/api/auth/forgot-password').send({ email: 'not an address' }), 400);
    const account = (await ctx.app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: userId }, select: ['resetPasswordToken'] })) as { resetPasswordToken: string };
    contract.check('resetPassword', await api().post('/api/auth/reset-password').send({ code: 'wrong', password: 'Contract-Passw0rd-4', passwordConfirmation: 'Contract-Passw0rd-4' }), 400);
    contract.check('resetPassword', await api().post('/api/auth/reset-password').send({ code: account.resetPasswordToken, password: 'Contract-Passw0rd-4', passwordConfirmation: 'Contract-Passw0rd-4' }), 200);
  });

  it('privacy: proof of control, the rights, consent, complaints and cookies', async () => {
    const email = 'privacy.contract@example.test';
    const { service, slot } = await firstSlot((url) => api().get(url), 1);
    const booked = await api()
      .post('/api/booking/reservations')
      .send({ service: service.id, start: slot.start, patient: { ...patient(904), email }, consents: requiredConsents, locale: 'en' })
      .expect(201);
    contract.check('verifyAddress', await api().post('/api/privacy/verify').send({ email }), 202);
    contract.check('verifyAddress', await api().post('/api/privacy/verify').send({ email: 'not an address' }), 400);
    contract.check('openPrivacySession', await api().post('/api/privacy/session').send({ token: 'not-a-token-at-all' }), 422);
    contract.check('openPrivacySession', await api().post('/api/privacy/session').send({}), 400);
    const rows = (await ctx.app.strapi.documents('api::outbox-message.outbox-message').findMany({ filters: { kind: 'privacy.verify' }, sort: 'id:desc' } as never)) as unknown as Array<{
      envelope: string | null;
    }>;
    const mail = rows.map((r) => (r.envelope ? (JSON.parse(r.envelope) as { to: string; text: string }) : null)).find((m) => m?.to === email);
    const opened = contract.check('openPrivacySession', await api().post('/api/privacy/session').send({ token: readVerifyMail(mail?.text ?? '').token }), 201);
    const h = { 'X-Privacy-Session': opened.data.session as string };
    contract.check('showPrivacySession', await api().get('/api/privacy/session').set(h), 200);
    contract.check('showPrivacySession', await api().get('/api/privacy/session'), 401);
    contract.check('exportMyData', await api().get('/api/privacy/my-data').set(h), 200);
    contract.check('exportMyData', await api().get('/api/privacy/my-data').set({ 'X-Manage-Token': booked.body.data.manageToken }), 200);
    contract.check('exportMyData', await api().get('/api/privacy/my-data'), 401);
    contract.check('listMyConsents', await api().get('/api/privacy/consents').set(h), 200);
    contract.check('listMyConsents', await api().get('/api/privacy/consents').set({ 'X-Privacy-Session': 'expired-or-made-up' }), 401);
    contract.check('changeMyConsents', await api().post('/api/privacy/consents').set(h).send({ consents: { marketing_notices: true } }), 200);
    contract.check('changeMyConsents', await api().post('/api/privacy/consents').set(h).send({ consents: {} }), 400);
    contract.check('changeMyConsents', await api().post('/api/privacy/consents').set(h).send({ consents: { reservation_collection: false } }), 422);
    contract.check('previewWithdrawal', await api().get('/api/privacy/withdrawal').set(h), 200);
    contract.check('previewWithdrawal', await api().get('/api/privacy/withdrawal'), 401);
    contract.check('requestCorrection', await api().post('/api/privacy/corrections').set(h).send({ field: 'phone', value: '010-5555-0190' }), 201);
    contract.check('requestCorrection', await api().post('/api/privacy/corrections').set(h).send({ field: 'shoeSize', value: '42' }), 400);

    contract.check('fileComplaint', await api().post('/api/privacy/complaints').send({ email, message: 'My data was shown to someone else.' }), 201);
    contract.check('fileComplaint', await api().post('/api/privacy/complaints').send({ email }), 400);
    const policyVersion = (await api().get('/api/consent-items?channel=cookie')).body.data.policyVersion as number;
    const consentId = '6f1f3c1e-8d2b-4a57-9d0e-3b8c2a1f4e5d';
    contract.check('recordCookieConsent', await api().post('/api/privacy/cookie-consents').send({ consentId, categories: { necessary: true, analytics: false, marketing: false }, policyVersion }), 201);
    contract.check('recordCookieConsent', await api().post('/api/privacy/cookie-consents').send({ consentId: 'x', categories: {}, policyVersion }), 400);

    contract.check('withdraw', await api().post('/api/privacy/withdrawal').send({}), 401);
    contract.check('withdraw', await api().post('/api/privacy/withdrawal').set(h).send({}), 200);
    contract.check('closePrivacySession', await api().delete('/api/privacy/session').set(h), 204);
    contract.check('closePrivacySession', await api().delete('/api/privacy/session'), 401);
  });

  it('the calendar feed and SMART Scheduling Links', async () => {
    const practitioner = (await ctx.app.strapi.db.query('api::practitioner.practitioner').findOne({ select: ['documentId'] })) as { documentId: string };
    const feeds = ctx.app.strapi.service('api::calendar-feed.calendar-feed') as { create(p: unknown, label: string, staff: number | null): Promise<{ token: string }> };
    const { token } = await feeds.create(practitioner.documentId, 'Contract test', null);
    contract.check('calendarFeed', await api().get(`/api/calendar/feeds/${token}.ics`), 200);
    contract.check('calendarFeed', await api().get(`/api/calendar/feeds/${'q'.repeat(43)}.ics`), 404);
    contract.check('bulkPublish', await api().get('/fhir/$bulk-publish'), 200);
    contract.check('bulkPublish', await api().get('/fhir/$bulk-publish').set('Accept', 'text/html'), 406);
    for (const [id, file] of [['bulkLocations', 'locations'], ['bulkSchedules', 'schedules'], ['bulkSlots', 'slots']]) {
      contract.check(id, await api().get(`/fhir/${file}.ndjson`), 200);
      contract.check(id, await api().get(`/fhir/${file}.ndjson`).set('Accept', 'text/html'), 406);
    }
  });

  it('covered every operation of the document with a success and a refusal', () => {
    const uncovered = [...contract.operations.keys()].filter((id) => {
      const statuses = [...(contract.seen.get(id) ?? [])];
      return !statuses.some((s) => s < 300) || !statuses.some((s) => s >= 400);
    });
    expect(uncovered).toEqual([]);
  });
});
