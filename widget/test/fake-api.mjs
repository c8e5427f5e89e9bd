// An in-memory fake of the Clinic CMS public contract for the widget tests (made-up clinic and people).
// It answers in the real server's shapes: every success `{ data }`, every refusal Strapi's error envelope
// with a stable `details.code`, ids as strings, manage tokens of 43 base64url characters.
// Paths: /api/... or /fake/<session>/api/..., where the session name may ask for trouble:
// "taken" (the first booking is refused with 409 and its time is gone), "offline" (the first booking never
// reaches the server), "lost" (the first booking is stored but its answer is lost with the connection), "bounce" (the first booking is refused: the email address
// bounces), "v3" (cookie items at policy version 3).
// GET /fake/<session>/__log lists what the session received (bodies and the headers that matter).
// The privacy center's routes (verification by mail, sessions, members) are in fake-privacy-center.mjs.
import { privacyCenter } from './fake-privacy-center.mjs';

const zone = 'Asia/Seoul';
const services = [
  { id: 'svc-skin', durationMinutes: 30, name: { en: 'Skin consultation', ko: '피부 상담' }, description: { en: 'A first look at your skin.', ko: '피부 상태를 처음 살펴봅니다.' }, practitioners: [{ id: 'pr-seo', name: 'Dr. Mina Seo' }, { id: 'pr-park', name: 'Dr. Jun Park' }] },
  { id: 'svc-laser', durationMinutes: 45, name: { en: 'Laser toning', ko: '레이저 토닝' }, description: { en: 'Evens out skin tone.', ko: '피부 톤을 고르게 합니다.' }, practitioners: [{ id: 'pr-seo', name: 'Dr. Mina Seo' }] },
];
const consentItems = {
  reservation: [
    { key: 'collection', required: true, title: { en: 'Collection and use of personal data', ko: '개인정보 수집·이용' }, purpose: { en: 'To book and remind you of your visit', ko: '예약 및 안내' }, dataCategories: ['name', 'birth date', 'phone', 'email'], retention: { en: 'Until the treatment is completed', ko: '진료 완료 시까지' }, refusalConsequence: { en: 'We cannot take the booking.', ko: '예약할 수 없습니다.' } },
    { key: 'health', required: true, title: { en: 'Health information', ko: '건강 정보' }, purpose: { en: 'To prepare your treatment', ko: '진료 준비' }, dataCategories: ['notes'], retention: { en: 'Until the treatment is completed', ko: '진료 완료 시까지' }, refusalConsequence: { en: 'We cannot take the booking.', ko: '예약할 수 없습니다.' } },
    { key: 'keep', required: false, title: { en: 'Keep my data after treatment', ko: '진료 후 정보 보관' }, purpose: { en: 'Faster booking next time', ko: '다음 예약을 빠르게' }, dataCategories: ['name', 'phone'], retention: { en: '3 years', ko: '3년' }, refusalConsequence: { en: 'Nothing changes for this booking.', ko: '이번 예약에는 영향이 없습니다.' } },
  ],
  cookie: [
    { key: 'necessary', required: true, title: { en: 'Necessary', ko: '필수' }, purpose: { en: 'Keeps the site working', ko: '사이트 운영' } },
    { key: 'analytics', required: false, title: { en: 'Analytics', ko: '분석' }, purpose: { en: 'Counts visits', ko: '방문 통계' } },
  ],
};
const policies = [
  { version: 1, effectiveDate: '2010-10-26', title: { en: 'Privacy policy', ko: '개인정보처리방침' }, introduction: null, sections: [{ heading: { en: 'What we collect', ko: '수집하는 항목' }, body: { en: 'Name, phone and email when you book.', ko: '예약할 때 이름, 전화번호, 이메일을 수집합니다.' } }] },
  { version: 2, effectiveDate: '2024-03-01', title: { en: 'Privacy policy', ko: '개인정보처리방침' }, introduction: { en: 'Seoul Skin Clinic protects the personal data of its patients.', ko: '서울피부과는 환자의 개인정보를 보호합니다.' }, sections: [{ heading: { en: 'What we collect', ko: '수집하는 항목' }, body: { en: 'Name, birth date, phone and email when you book.', ko: '예약할 때 이름, 생년월일, 전화번호, 이메일을 수집합니다.' } }, { heading: { en: 'How long we keep it', ko: '보유 기간' }, body: { en: 'Until your treatment is completed.', ko: '진료가 끝날 때까지 보관합니다.' } }] },
];
const officer = { name: 'Hana Lee', title: 'Privacy officer', phone: '+82 2-555-0100', email: 'privacy@clinic.example' };

const local = (value, locale) => (value && typeof value === 'object' && !Array.isArray(value) && 'en' in value ? value[locale] ?? value.en : value);
const localize = (object, locale) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? localize(x, locale) : x)) : local(v, locale)]));
const seoulDate = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(date);
const addDays = (key, n) => new Date(Date.parse(`${key}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
const plusMinutes = (iso, minutes) => new Date(Date.parse(iso) + minutes * 6e4 + 9 * 36e5).toISOString().replace(/\.000Z$/, '+09:00');
const newToken = () => Array.from({ length: 43 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(Math.random() * 64)]).join('');

const sessions = new Map();
function session(name) {
  if (!sessions.has(name)) sessions.set(name, { booked: new Set(), reservations: new Map(), log: [], failures: { taken: name.includes('taken'), offline: name.includes('offline'), lost: name.includes('lost'), bounce: name.includes('bounce') } });
  return sessions.get(name);
}

const ok = (data, status = 200) => ({ status, body: { data } });
const fail = (status, name, message, details) => ({ status, body: { data: null, error: { status, name, message, details } } });
const invalid = (errors) => fail(400, 'ValidationError', `${errors.length} error(s)`, { code: 'VALIDATION', errors, fields: errors.map((e) => e.path) });

function slots(state, query) {
  const from = query.get('from') ?? seoulDate(new Date());
  const to = query.get('to') ?? addDays(from, 13);
  const list = [];
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (new Date(`${day}T12:00:00Z`).getUTCDay() === 0) continue;
    for (const time of ['10:00', '11:30', '15:00']) {
      const start = `${day}T${time}:00+09:00`;
      if (!state.booked.has(start)) list.push({ start, end: plusMinutes(start, 30), practitionerId: 'pr-seo' });
    }
  }
  return { timeZone: zone, slots: list };
}

/** The checks of the real controller's schema that a widget could get wrong. */
function validateReservation(body) {
  const errors = [];
  const need = (ok, path, message) => ok || errors.push({ path, message });
  const p = body?.patient ?? {};
  const phone = /^\+?[0-9][0-9 ()-]{5,24}$/;
  const email = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  need(services.some((s) => s.id === body?.service), 'service', 'Not an id');
  need(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}$/.test(body?.start ?? ''), 'start', 'Use ISO 8601 with an offset');
  need(typeof p.name === 'string' && p.name.trim(), 'patient.name', 'Name is required');
  need(/^\d{4}-\d{2}-\d{2}$/.test(p.birthDate ?? ''), 'patient.birthDate', 'Use a real date written YYYY-MM-DD');
  need(phone.test(p.phone ?? ''), 'patient.phone', 'Not a phone number');
  need(email.test(p.email ?? ''), 'patient.email', 'Invalid email address');
  for (const key of Object.keys(p)) need(['name', 'birthDate', 'gender', 'phone', 'email'].includes(key), `patient.${key}`, 'Unrecognized key');
  for (const [key, value] of Object.entries(body?.consents ?? {})) need(/^[a-z][a-z0-9_]*$/.test(key) && typeof value === 'boolean', `consents.${key}`, 'Expected boolean');
  if (body?.guardian) {
    need(body.guardian.name?.trim(), 'guardian.name', 'Required');
    need(phone.test(body.guardian.phone ?? ''), 'guardian.phone', 'Not a phone number');
    need(email.test(body.guardian.email ?? ''), 'guardian.email', 'Invalid email address');
    need(body.guardian.relationship?.trim(), 'guardian.relationship', 'Required');
  }
  return errors;
}

function reserve(state, body, key) {
  const seen = key && state.reservations.get(state.keys?.get(key));
  if (seen) return ok(seen.public, 201);
  if (state.failures.taken) {
    state.failures.taken = false;
    state.booked.add(body.start);
    return fail(409, 'ConflictError', 'This time is not available; please choose another', { code: 'SLOT_UNAVAILABLE' });
  }
  if (state.failures.bounce) {
    state.failures.bounce = false;
    return invalid([{ path: 'patient.email', message: 'Mail to this address bounces' }]);
  }
  const errors = validateReservation(body);
  if (errors.length) return invalid(errors);
  const missing = consentItems.reservation.filter((i) => i.required && !body.consents?.[i.key]).map((i) => i.key);
  if (missing.length) return fail(422, 'ValidationError', 'Consent required', { code: 'CONSENT_REQUIRED', keys: missing });
  const age = (Date.now() - Date.parse(body.patient.birthDate)) / (365.25 * 864e5);
  if (age < 14 && !body.guardian) return fail(422, 'ValidationError', 'Guardian required', { code: 'GUARDIAN_REQUIRED' });
  if (state.booked.has(body.start)) return fail(409, 'ConflictError', 'This time is not available; please choose another', { code: 'SLOT_UNAVAILABLE' });
  state.booked.add(body.start);
  const service = services.find((s) => s.id === body.service);
  const practitioner = service.practitioners.find((p) => p.id === (body.practitioner ?? 'pr-seo'));
  const token = newToken();
  const result = {
    reference: `CL-${state.reservations.size + 1001}`,
    manageToken: token,
    status: age < 14 ? 'pending_guardian' : 'confirmed',
    start: body.start,
    end: plusMinutes(body.start, service.durationMinutes),
    timeZone: zone,
    service: { id: service.id, name: local(service.name, body.locale) },
    practitioner: { id: practitioner.id, name: practitioner.name },
  };
  state.reservations.set(token, { public: result, patient: body.patient });
  if (key) (state.keys ??= new Map()).set(key, token);
  return ok(result, 201);
}

function masked(r) {
  const { manageToken, ...rest } = r.public;
  const p = r.patient;
  return { ...rest, patient: { name: `${p.name[0]}**`, email: `${p.email[0]}***@${p.email.split('@')[1]}`, phone: `***-${p.phone.slice(-4)}` } };
}

function manage(state, method, token, action, body) {
  const r = state.reservations.get(token);
  if (!r) return fail(404, 'NotFoundError', 'No reservation behind this link', { code: 'NOT_FOUND' });
  if (method === 'POST' && action === 'cancel') {
    if (Object.keys(body ?? {}).length) return invalid([{ path: Object.keys(body)[0], message: 'Unrecognized key' }]);
    state.booked.delete(r.public.start);
    r.public = { ...r.public, status: 'cancelled' };
  }
  if (method === 'POST' && action === 'reschedule') {
    if (state.booked.has(body?.start)) return fail(409, 'ConflictError', 'This time is not available; please choose another', { code: 'SLOT_UNAVAILABLE' });
    state.booked.delete(r.public.start);
    state.booked.add(body.start);
    r.public = { ...r.public, start: body.start, end: plusMinutes(body.start, 30) };
  }
  return ok(masked(r));
}

function privacy(state, method, path, body, headers) {
  const r = state.reservations.get(headers['x-manage-token'] ?? '');
  if (!r) return fail(401, 'UnauthorizedError', 'Sign in or use your manage link', { code: 'UNAUTHORIZED' });
  if (method === 'GET' && path === '/api/privacy/my-data') return ok({ reservations: [masked(r)], consents: [] });
  if (method === 'POST' && path === '/api/privacy/corrections') {
    if (!['name', 'birthDate', 'phone', 'email'].includes(body?.field) || !body?.value) return invalid([{ path: 'value', message: 'Required' }]);
    return ok({ status: 'pending' }, 201);
  }
  if (method === 'POST' && path === '/api/privacy/withdrawal') {
    state.reservations.delete(headers['x-manage-token']);
    return ok({ reference: 'DR-3001', destroyedAt: new Date().toISOString() });
  }
  return undefined;
}

/** Twelve published posts, newest first; the third has the clinic's answer. */
const boardPosts = Array.from({ length: 12 }, (_, i) => ({
  id: `post${String(12 - i).padStart(8, '0')}`,
  title: { en: `Post number ${12 - i}`, ko: `게시글 ${12 - i}번` },
  body: { en: `What I thought of treatment ${12 - i}.`, ko: `${12 - i}번 시술 후기입니다.` },
  category: i % 2 ? 'question' : 'review',
  displayName: `Reader ${12 - i}`,
  createdAt: new Date(Date.UTC(2026, 9, 12 - i, 3)).toISOString(),
  answer: i === 2 ? { body: { en: 'Thank you, we are glad.', ko: '감사합니다.' }, answeredAt: new Date(Date.UTC(2026, 9, 11, 3)).toISOString() } : null,
  commentCount: i === 0 ? 2 : 0,
}));

function boardPage(query, locale) {
  const page = Number(query.get('page') ?? 1);
  const pageSize = Number(query.get('pageSize') ?? 10);
  const list = boardPosts.filter((p) => !query.get('category') || p.category === query.get('category'));
  const data = list.slice((page - 1) * pageSize, page * pageSize).map((p) => ({ ...localize(p, locale), answer: p.answer && { body: local(p.answer.body, locale), answeredAt: p.answer.answeredAt } }));
  return { status: 200, body: { data, meta: { pagination: { page, pageSize, pageCount: Math.ceil(list.length / pageSize), total: list.length } } } };
}

function route(state, name, method, path, query, body, headers) {
  const centre = privacyCenter(state, method, path, query, body, headers);
  if (centre) return centre;
  if (method === 'GET' && path === '/api/board/posts') return boardPage(query, query.get('locale') ?? 'en');
  const locale = query.get('locale') ?? 'en';
  if (method === 'GET' && path === '/api/clinic') return ok({ name: 'Seoul Skin Clinic', timeZone: zone, locales: ['ko', 'en'], officer });
  if (method === 'GET' && path === '/api/booking/services') return ok(services.map((s) => localize(s, locale)));
  if (method === 'GET' && path === '/api/booking/slots') return ok(slots(state, query));
  if (method === 'GET' && path === '/api/consent-items') {
    const channel = query.get('channel');
    return ok({ policyVersion: channel === 'cookie' && name.includes('v3') ? 3 : 2, items: consentItems[channel].map((i) => localize(i, locale)) });
  }
  if (method === 'GET' && path === '/api/privacy-policy') {
    const version = Number(query.get('version') ?? 2);
    const p = policies.find((x) => x.version === version);
    if (!p) return fail(404, 'NotFoundError', 'No such version', { code: 'NOT_FOUND' });
    const history = policies.map((x) => ({ version: x.version, effectiveDate: x.effectiveDate, title: local(x.title, locale), status: x.version === 2 ? 'in_effect' : 'superseded' })).reverse();
    return ok({ ...localize(p, locale), status: version === 2 ? 'in_effect' : 'superseded', officer, history, upcoming: null });
  }
  if (method === 'POST' && path === '/api/booking/reservations') return reserve(state, body, headers['idempotency-key']);
  const link = path.match(/^\/api\/booking\/manage\/([A-Za-z0-9_-]+)(?:\/(cancel|reschedule))?$/);
  if (link) return manage(state, method, link[1], link[2], body);
  if (method === 'POST' && path === '/api/privacy/cookie-consents') {
    const ok201 = typeof body?.consentId === 'string' && /^[0-9a-f-]{36}$/.test(body.consentId) && Number.isInteger(body.policyVersion) && body.categories && typeof body.categories === 'object';
    if (!ok201) return invalid([{ path: 'policyVersion', message: 'Expected number' }]);
    return ok({ consentId: body.consentId, categories: body.categories, policyVersion: body.policyVersion }, 201);
  }
  if (method === 'POST' && path === '/api/privacy/complaints') return body?.email && body?.message ? ok({ reference: 'PC-2001' }, 201) : invalid([{ path: 'message', message: 'Required' }]);
  if (path.startsWith('/api/privacy/')) return privacy(state, method, path, body, headers) ?? fail(404, 'NotFoundError', 'Not found', { code: 'NOT_FOUND' });
  return fail(404, 'NotFoundError', 'Not found', { code: 'NOT_FOUND' });
}

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

/**
 * Loses the connection halfway through the answer. A few bytes go out first: Chromium silently resends a request
 * whose reused connection closed before any answer, which would hide the failure from the widget.
 */
function dropConnection(ctx) {
  ctx.respond = false;
  ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
  ctx.res.write('{"da');
  setTimeout(() => ctx.res.destroy(), 20);
}

/** Koa middleware for @web/test-runner. */
export function fakeApi() {
  return async (ctx, next) => {
    const match = ctx.path.match(/^(?:\/fake\/([^/]+))?(\/api\/.*|\/__log|\/__mail|\/__expire)$/);
    if (!match) return next();
    const name = match[1] ?? 'default';
    const state = session(name);
    const [, , path] = match;
    if (path === '/__log') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ data: state.log });
      return;
    }
    const body = ['POST', 'PUT', 'DELETE'].includes(ctx.method) ? await readBody(ctx.req) : undefined;
    const booking = ctx.method === 'POST' && path === '/api/booking/reservations';
    state.log.push({ method: ctx.method, path, query: ctx.querystring, body, idempotencyKey: ctx.headers['idempotency-key'], manageToken: ctx.headers['x-manage-token'], privacySession: ctx.headers['x-privacy-session'], authorization: ctx.headers.authorization });
    if (booking && state.failures.offline) {
      state.failures.offline = false;
      return dropConnection(ctx);
    }
    const answer = route(state, name, ctx.method, path, new URLSearchParams(ctx.querystring), body, ctx.headers);
    if (booking && state.failures.lost) {
      // The server stored the booking, then the connection dropped before the answer arrived.
      state.failures.lost = false;
      return dropConnection(ctx);
    }
    ctx.status = answer.status;
    if (answer.headers) ctx.set(answer.headers);
    if (answer.status === 204 || answer.status === 302) return;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(answer.body);
  };
}
