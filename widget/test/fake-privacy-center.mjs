// The privacy center's part of the fake API (CONTRACT.md): proof of control by mail, privacy sessions, my-data,
// consents, corrections, withdrawal, and members who confirm their address before they log in.
// One address is known: jisoo@example.com, a patient who booked twice, asked a question, filed a complaint and
// wrote on the board. Every other address is unknown and is mailed all the same (no enumeration).
// Test-only paths: GET /fake/<session>/__mail lists the mail "sent" (links and codes, as the real mail carries them);
// POST /fake/<session>/__expire ends every privacy session of that fake session (30 minutes passed).
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const KNOWN = 'jisoo@example.com';
const MINUTES_30 = 30 * 6e4;
const token = (n = 43) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(Math.random() * 64)]).join('');
const hexToken = () => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
const shortCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[Math.floor(Math.random() * CODE_ALPHABET.length)]).join('');

const ok = (data, status = 200) => ({ status, body: { data } });
const fail = (status, name, message, details) => ({ status, body: { data: null, error: { status, name, message, details } } });
const invalid = (fields) => fail(400, 'ValidationError', 'Invalid body', { code: 'VALIDATION', errors: fields.map((path) => ({ path, message: 'Invalid' })), fields });
const needVerification = () => fail(401, 'UnauthorizedError', 'This needs proof of control of the address', { code: 'VERIFICATION_REQUIRED' });

export const membershipItems = [
  { key: 'membership_collection', required: true, title: { en: 'Collection and use of personal information for membership', ko: '회원가입을 위한 개인정보 수집·이용' }, purpose: { en: 'To run your membership', ko: '회원 관리' }, dataCategories: ['name', 'email', 'birth date'], retention: { en: 'Until you leave', ko: '탈퇴 시까지' }, refusalConsequence: { en: 'You cannot become a member; you can still book.', ko: '회원가입을 할 수 없습니다. 예약은 가능합니다.' } },
  { key: 'marketing_notices', required: false, title: { en: 'News and offers by email', ko: '이메일 소식 및 혜택 안내' }, purpose: { en: 'To send you news', ko: '소식 안내' }, dataCategories: ['email'], retention: { en: 'Until you unsubscribe', ko: '수신 거부 시까지' }, refusalConsequence: { en: 'Nothing else changes.', ko: '다른 영향은 없습니다.' } },
  { key: 'third_party_provision', required: false, title: { en: 'Provision to third parties', ko: '개인정보 제3자 제공' }, purpose: { en: 'Partner laboratories', ko: '협력 검사기관' }, dataCategories: ['name', 'phone'], retention: { en: 'Until the provision ends', ko: '제공 종료 시까지' }, refusalConsequence: { en: 'Nothing else changes.', ko: '다른 영향은 없습니다.' } },
];

const titles = {
  reservation_collection: { en: 'Collection and use of personal data', ko: '개인정보 수집·이용', channel: 'reservation', required: true },
  reservation_health: { en: 'Health information', ko: '건강 정보', channel: 'reservation', required: true },
  reservation_keep: { en: 'Keep my data after treatment', ko: '진료 후 정보 보관', channel: 'reservation', required: false },
  third_party_provision: { en: 'Provision to third parties', ko: '개인정보 제3자 제공', channel: 'reservation', required: false },
  membership_collection: { en: 'Collection and use of personal information for membership', ko: '회원가입을 위한 개인정보 수집·이용', channel: 'membership', required: true },
  marketing_notices: { en: 'News and offers by email', ko: '이메일 소식 및 혜택 안내', channel: 'membership', required: false },
};

function knownPatient() {
  const at = '2026-10-01T01:00:00.000Z';
  const patient = { name: 'Jisoo Kim', birthDate: '1990-05-20', gender: 'female', phone: '010-1234-5678', email: KNOWN };
  return {
    profile: null,
    reservations: [
      { reference: 'R-7001', status: 'confirmed', start: '2026-12-14T01:00:00.000Z', end: '2026-12-14T01:30:00.000Z', service: 'Skin consultation', practitioner: 'Dr. Mina Seo', patient, guardian: null, note: 'Allergic to penicillin', locale: 'en', restricted: false, keepUntil: null, createdAt: at },
      { reference: 'R-7002', status: 'completed', start: '2026-09-02T05:00:00.000Z', end: '2026-09-02T05:45:00.000Z', service: 'Laser toning', practitioner: 'Dr. Mina Seo', patient, guardian: null, note: null, locale: 'en', restricted: false, keepUntil: '2029-09-02T00:00:00.000Z', createdAt: at },
    ],
    consultations: [{ reference: 'Q-3001', status: 'answered', name: 'Jisoo Kim', email: KNOWN, phone: null, question: 'Can I wear make-up after laser toning?', answer: 'After 24 hours.', answeredAt: at, restricted: false, createdAt: at }],
    complaints: [{ reference: 'PC-1001', status: 'open', name: 'Jisoo Kim', email: KNOWN, message: 'I was called by a third party.', result: null, dueAt: '2026-10-11T01:00:00.000Z', resolvedAt: null, createdAt: at }],
    corrections: [],
    board: { posts: [{ id: 'bp1', title: 'Great care', body: 'Thank you.', category: 'review', displayName: 'Jisoo', status: 'published', answer: null, createdAt: at }], comments: [{ id: 'bc1', postId: 'bp9', body: 'Me too.', displayName: 'Jisoo', status: 'published', createdAt: at }] },
    decisions: { reservation_collection: true, reservation_health: true, reservation_keep: true, third_party_provision: true },
    ledger: [],
  };
}

const emptyPerson = () => ({ profile: null, reservations: [], consultations: [], complaints: [], corrections: [], board: { posts: [], comments: [] }, decisions: {}, ledger: [] });

function center(state) {
  if (state.center) return state.center;
  const people = new Map([[KNOWN, knownPatient()]]);
  for (const [key, granted] of Object.entries(people.get(KNOWN).decisions)) people.get(KNOWN).ledger.push(row(key, granted, 'reservation', 'reservation:doc1'));
  state.center = { people, verifications: [], sessions: new Map(), mail: [], asked: new Map(), members: new Map() };
  return state.center;
}

let seq = 100;
function row(itemKey, granted, channel, scope) {
  seq += 1;
  return { seq, itemKey, action: granted ? 'granted' : 'withdrawn', policyVersion: 2, channel, actor: 'self', scope, occurredAt: new Date(Date.UTC(2026, 9, 1, 1, 0, seq % 60)).toISOString(), textHash: `t${seq}`, hash: `h${seq}` };
}

const person = (c, email) => c.people.get(email) ?? (c.people.set(email, emptyPerson()), c.people.get(email));

/** Who the request speaks for: a privacy session, a confirmed member's JWT, or a manage token (handled elsewhere). */
function caller(c, headers) {
  const sessionToken = headers['x-privacy-session'];
  if (sessionToken) {
    const s = c.sessions.get(sessionToken);
    if (!s || s.revoked || s.expiresAt <= Date.now()) return { refusal: fail(401, 'UnauthorizedError', 'The privacy session has expired', { code: 'SESSION_EXPIRED' }) };
    return { email: s.email, via: 'privacy-session' };
  }
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  if (bearer) {
    const member = [...c.members.values()].find((m) => m.jwt === bearer);
    if (!member) return { refusal: fail(401, 'UnauthorizedError', 'Invalid token', { code: 'UNAUTHENTICATED' }) };
    return { email: member.email, via: 'member', member };
  }
  return undefined;
}

function verify(c, body) {
  if (!EMAIL.test(body?.email ?? '')) return invalid(['email']);
  const email = body.email.trim().toLowerCase();
  const asked = (c.asked.get(email) ?? []).filter((t) => t > Date.now() - 15 * 6e4);
  if (asked.length >= 3) return { ...fail(429, 'TooManyRequestsError', 'Too many requests', { code: 'RATE_LIMITED' }), headers: { 'Retry-After': '900' } };
  c.asked.set(email, [...asked, Date.now()]);
  const v = { email, token: token(), code: shortCode(), used: false, wrong: 0, expiresAt: Date.now() + MINUTES_30 };
  c.verifications.push(v);
  c.mail.push({ to: email, kind: 'privacy.verify', locale: body.locale ?? 'en', link: `/privacy/#verify=${v.token}`, token: v.token, code: `${v.code.slice(0, 4)}-${v.code.slice(4)}` });
  return ok({ status: 'sent' }, 202);
}

function openSession(c, body) {
  let v;
  if (typeof body?.token === 'string') v = c.verifications.find((x) => x.token === body.token);
  else if (EMAIL.test(body?.email ?? '') && typeof body?.code === 'string') {
    const email = body.email.trim().toLowerCase();
    const live = c.verifications.filter((x) => x.email === email && !x.used && x.expiresAt > Date.now()).at(-1);
    if (live && live.wrong >= 5) return fail(422, 'ValidationError', 'Too many wrong codes', { code: 'CODE_BURNED' });
    if (live && live.code !== body.code.toUpperCase().replace(/[^0-9A-Z]/g, '')) {
      live.wrong += 1;
      return live.wrong >= 5 ? fail(422, 'ValidationError', 'Too many wrong codes', { code: 'CODE_BURNED' }) : fail(422, 'ValidationError', 'Wrong code', { code: 'INVALID_CODE' });
    }
    v = live;
  } else return invalid(['token']);
  if (!v || v.used || v.expiresAt <= Date.now()) return fail(422, 'ValidationError', 'This link or code is not valid', { code: 'INVALID_CODE' });
  v.used = true;
  const session = token();
  const expiresAt = Date.now() + MINUTES_30;
  c.sessions.set(session, { email: v.email, expiresAt });
  return ok({ session, expiresAt: new Date(expiresAt).toISOString() }, 201);
}

function consentList(p, locale) {
  return Object.entries(p.decisions).map(([key, granted]) => {
    const last = p.ledger.filter((r) => r.itemKey === key).at(-1);
    return { key, channel: titles[key].channel, title: titles[key][locale] ?? titles[key].en, purpose: titles[key].en, required: titles[key].required, granted, scope: last?.scope ?? 'subject', occurredAt: last?.occurredAt ?? null };
  });
}

function receipts(p, email) {
  const channels = [...new Set(Object.keys(p.decisions).map((key) => titles[key].channel))];
  return channels.map((channel) => ({
    version: 'KI-CR-v1.1.0',
    jurisdiction: 'KR',
    consentTimestamp: 1790000000,
    collectionMethod: `web form, ${channel} channel`,
    consentReceiptID: `sub_${email.length}:${channel}`,
    language: 'en',
    piiPrincipalId: `sub_${email.length}`,
    piiControllers: [{ piiController: 'Seoul Skin Clinic', contact: 'Hana Lee, Privacy officer', address: '1 Clinic Road, Seoul', email: 'privacy@clinic.example', phone: '+82 2-555-0100', piiControllerUrl: 'https://clinic.example' }],
    policyUrl: 'https://clinic.example/api/privacy-policy?version=2',
    policyVersion: 2,
    services: [{ service: channel, purposes: Object.entries(p.decisions).filter(([key]) => titles[key].channel === channel).map(([key, granted]) => ({ purpose: titles[key].en, purposeCategory: [titles[key].en], consentType: 'EXPLICIT', consented: granted, consentedAt: '2026-10-01T01:00:00.000Z', policyVersionConsented: 2, piiCategory: ['name', 'phone'], primaryPurpose: titles[key].required, termination: 'Until the treatment is completed', thirdPartyDisclosure: key === 'third_party_provision' && granted, thirdPartyName: key === 'third_party_provision' && granted ? 'recipients in the provision register (see provisions)' : null })) }],
    sensitive: channel === 'reservation',
    spiCat: channel === 'reservation' ? ['notes'] : [],
  }));
}

function myData(p, who) {
  const profile = who.via === 'member' ? { ...who.member.profile, email: who.email, status: 'active', restricted: p.corrections.some((x) => x.status === 'pending'), createdAt: '2026-10-01T01:00:00.000Z' } : null;
  return {
    format: 'clinic-cms/my-data@1',
    generatedAt: new Date().toISOString(),
    subject: { subjectId: `sub_${who.email.length}`, identifiedBy: who.via },
    controller: { name: 'Seoul Skin Clinic', officer: { name: 'Hana Lee', title: 'Privacy officer', phone: '+82 2-555-0100', email: 'privacy@clinic.example' } },
    profile,
    reservations: p.reservations,
    consultations: p.consultations,
    complaints: p.complaints,
    corrections: p.corrections,
    consentReceipts: receipts(p, who.email),
    ledger: p.ledger,
    provisions: p.decisions.third_party_provision ? [{ recipient: 'Seoul Lab', purpose: 'Skin tests', dataItems: 'name, phone', period: '1 year', legalBasis: 'consent', startsAt: '2026-01-01T00:00:00.000Z', consentItemKey: 'third_party_provision', noticeSentAt: null }] : [],
    board: p.board,
  };
}

const CORRECTABLE = ['name', 'birthDate', 'gender', 'phone', 'email', 'address'];

function correct(p, body) {
  if (!CORRECTABLE.includes(body?.field) || typeof body?.value !== 'string' || !body.value.trim()) return invalid([CORRECTABLE.includes(body?.field) ? 'value' : 'field']);
  const correction = { reference: `K-${5000 + p.corrections.length + 1}`, field: body.field, value: body.value, reason: body.reason ?? null, status: 'pending', message: null, dueAt: '2026-12-31T00:00:00.000Z', resolvedAt: null };
  p.corrections.push(correction);
  for (const r of [...p.reservations, ...p.consultations]) r.restricted = true;
  return ok({ reference: correction.reference, field: correction.field, status: 'pending', restricted: true, dueAt: correction.dueAt }, 201);
}

function setConsents(p, body, locale) {
  const consents = body?.consents;
  if (!consents || typeof consents !== 'object' || Object.values(consents).some((v) => typeof v !== 'boolean')) return invalid(['consents']);
  for (const key of Object.keys(consents)) {
    if (!titles[key]) return invalid([`consents.${key}`]);
    if (titles[key].required) return fail(422, 'ValidationError', 'Required consents are withdrawn by withdrawal', { code: 'NOT_ALLOWED', keys: [key] });
  }
  for (const [key, granted] of Object.entries(consents)) {
    p.decisions[key] = granted;
    p.ledger.push(row(key, granted, 'privacy-center', 'subject'));
  }
  return ok({ items: consentList(p, locale) });
}

function preview(p, who) {
  return ok({
    member: who.via === 'member',
    reservations: p.reservations.map(({ reference, start, service, status }) => ({ reference, start, service, status })),
    consultations: p.consultations.map(({ reference, createdAt }) => ({ reference, createdAt })),
    complaints: p.complaints.map(({ reference }) => ({ reference })),
    corrections: p.corrections.length,
    boardPosts: p.board.posts.length,
    boardComments: p.board.comments.length,
  });
}

function withdraw(c, p, who) {
  const categories = [
    { category: 'reservation', count: p.reservations.length },
    { category: 'consultation', count: p.consultations.length },
    { category: 'complaint', count: p.complaints.length },
    { category: 'board', count: p.board.posts.length + p.board.comments.length },
    ...(who.via === 'member' ? [{ category: 'member', count: 1 }] : []),
  ].filter((x) => x.count);
  c.people.set(who.email, emptyPerson());
  if (who.via === 'member') c.members.delete(who.email);
  return ok({ reference: 'DR-4001', destroyedAt: new Date().toISOString(), categories });
}

/** users-permissions answers outside the `{ data }` envelope: `{ jwt, user }`. */
const bare = (body, status = 200) => ({ status, body });
const age = (birthDate) => (Date.now() - Date.parse(birthDate)) / (365.25 * 864e5);

function register(c, body) {
  const allowed = ['username', 'email', 'password', 'birthDate', 'consents', 'name', 'phone', 'gender', 'address', 'locale'];
  const wrong = [
    ...Object.keys(body ?? {}).filter((key) => !allowed.includes(key)),
    ...(EMAIL.test(body?.email ?? '') ? [] : ['email']),
    ...(typeof body?.password === 'string' && body.password.length >= 8 ? [] : ['password']),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(body?.birthDate ?? '') ? [] : ['birthDate']),
    ...(body?.consents && typeof body.consents === 'object' ? [] : ['consents']),
    ...(body?.phone === undefined || /^\+?[0-9 ()-]{6,20}$/.test(body.phone) ? [] : ['phone']),
  ];
  if (wrong.length) return invalid(wrong);
  if (age(body.birthDate) < 14) return fail(422, 'ValidationError', 'Membership is not open to children under 14', { code: 'UNDER_14' });
  const missing = membershipItems.filter((i) => i.required && !body.consents[i.key]).map((i) => i.key);
  if (missing.length) return fail(422, 'ValidationError', 'Consent required', { code: 'CONSENT_REQUIRED', keys: missing });
  const email = body.email.toLowerCase();
  const member = { email, password: body.password, confirmed: false, confirmation: hexToken(), jwt: undefined, profile: { name: body.name ?? null, birthDate: body.birthDate, gender: body.gender ?? null, phone: body.phone ?? null, address: body.address ?? null, locale: body.locale ?? 'en' } };
  c.members.set(email, member);
  const p = person(c, email);
  for (const item of membershipItems) if (item.key in body.consents) p.decisions[item.key] = body.consents[item.key];
  c.mail.push({ to: email, kind: 'account.confirm-email', confirmation: member.confirmation, link: `/api/auth/email-confirmation?confirmation=${member.confirmation}` });
  return bare({ user: { email, confirmed: false } });
}

function login(c, body) {
  const member = c.members.get(String(body?.identifier ?? '').toLowerCase());
  if (!member || member.password !== body?.password) return fail(400, 'ValidationError', 'Invalid identifier or password', {});
  // The mailed link's token, sent with the right password, confirms the address (as the server does).
  if (!member.confirmed && body?.confirmation && body.confirmation === member.confirmation) member.confirmed = true;
  if (!member.confirmed) return fail(401, 'UnauthorizedError', 'Your account email is not confirmed', { code: 'EMAIL_UNVERIFIED' });
  member.jwt = token(120);
  return bare({ jwt: member.jwt, user: { id: 1, email: member.email, confirmed: true } });
}

function me(who, method, body) {
  const fields = ['name', 'phone', 'gender', 'address', 'locale'];
  if (method === 'PUT') {
    const unknown = Object.keys(body ?? {}).filter((key) => !fields.includes(key));
    if (unknown.length) return invalid(unknown);
    if (body.phone && !/^\+?[0-9 ()-]{6,20}$/.test(body.phone)) return invalid(['phone']);
    Object.assign(who.member.profile, body);
  }
  return ok({ email: who.email, ...who.member.profile });
}

/** The routes of the privacy center, or undefined when the request is not one of them. */
export function privacyCenter(state, method, path, query, body, headers) {
  const c = center(state);
  const locale = query.get('locale') ?? 'en';
  if (method === 'GET' && path === '/__mail') return ok(c.mail);
  if (method === 'POST' && path === '/__expire') {
    for (const s of c.sessions.values()) s.expiresAt = 0;
    return ok({ expired: c.sessions.size });
  }
  if (method === 'POST' && path === '/api/privacy/verify') return verify(c, body);
  if (method === 'POST' && path === '/api/privacy/session') return openSession(c, body);
  if (method === 'GET' && path === '/api/consent-items' && query.get('channel') === 'membership')
    return ok({ policyVersion: 2, items: membershipItems.map((i) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k, v && typeof v === 'object' && 'en' in v ? v[locale] ?? v.en : v]))) });
  if (method === 'POST' && path === '/api/auth/local/register') return register(c, body);
  if (method === 'POST' && path === '/api/auth/local') return login(c, body);
  if (method === 'POST' && path === '/api/auth/send-email-confirmation') return EMAIL.test(body?.email ?? '') ? bare({ email: body.email, sent: true }) : invalid(['email']);
  if (method === 'GET' && path === '/api/auth/email-confirmation') {
    const member = [...c.members.values()].find((m) => m.confirmation === query.get('confirmation'));
    if (!member || member.confirmed) return fail(400, 'ValidationError', 'Invalid token', {});
    return { status: 302, headers: { Location: `/privacy/#member-confirm=${member.confirmation}` }, body: '' };
  }
  const who = caller(c, headers);
  if (who?.refusal) return who.refusal;
  const subjectWide = ['/api/privacy/session', '/api/privacy/consents', '/api/members/me', '/api/auth/change-password'];
  const byCredential = ['/api/privacy/my-data', '/api/privacy/corrections', '/api/privacy/withdrawal'];
  // A manage token opens its own reservation (the older routes below answer it), never subject-wide things.
  if (!who) return subjectWide.includes(path) || (byCredential.includes(path) && !headers['x-manage-token']) ? needVerification() : undefined;
  const p = person(c, who.email);
  if (path === '/api/privacy/session' && who.via === 'privacy-session') {
    const token = headers['x-privacy-session'];
    if (method === 'GET') return ok({ expiresAt: new Date(c.sessions.get(token).expiresAt).toISOString() });
    if (method === 'DELETE') return (c.sessions.get(token).revoked = true), { status: 204, body: null };
  }
  if (method === 'GET' && path === '/api/privacy/my-data') return ok(myData(p, who));
  if (method === 'GET' && path === '/api/privacy/consents') return ok({ items: consentList(p, locale) });
  if (method === 'POST' && path === '/api/privacy/consents') return setConsents(p, body, locale);
  if (method === 'POST' && path === '/api/privacy/corrections') return correct(p, body);
  if (method === 'GET' && path === '/api/privacy/withdrawal') return preview(p, who);
  if (method === 'POST' && path === '/api/privacy/withdrawal') return withdraw(c, p, who);
  if (path === '/api/members/me' && who.via === 'member' && (method === 'GET' || method === 'PUT')) return me(who, method, body);
  if (method === 'POST' && path === '/api/auth/change-password' && who.via === 'member') {
    if (body?.currentPassword !== who.member.password) return fail(400, 'ValidationError', 'The provided current password is invalid', {});
    if (typeof body?.password !== 'string' || body.password.length < 8 || body.password !== body.passwordConfirmation) return invalid(['password']);
    who.member.password = body.password;
    who.member.jwt = token(120);
    return bare({ jwt: who.member.jwt, user: { id: 1, email: who.email } });
  }
  return subjectWide.includes(path) ? needVerification() : undefined;
}
