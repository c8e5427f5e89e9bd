import fc from 'fast-check';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { databaseChecksum } from '../helpers/db-checksum';

/**
 * Property: whatever a client sends to a public route — wrong types, missing and extra
 * fields, huge strings and arrays, deep nesting, unicode edge cases, SQL and script fragments,
 * `__proto__` keys, bad dates and zones, wrong content types — the answer is never a 5xx, a
 * refusal keeps its stable code, nothing stored changes, and the server stays responsive.
 * FUZZ_RUNS sets the total number of payloads (CI runs 10,000; a developer's `npm test` fewer).
 */
const TOTAL = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 10000 : 600));

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '1000000' });
});
afterAll(async () => {
  await app?.stop();
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE reservations; --',
    '<script>alert(1)</script>',
    '\u0000',
    '\uD800',
    '🙂'.repeat(500),
    'a'.repeat(20000),
    '2026-02-30',
    '2026-13-01T25:61:00+14:00',
    'Mars/Olympus_Mons',
    'NaN',
    '-1',
    '1e309',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '%00',
    '９０１２３４-１２３４５６７',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: nasty,
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'patient', 'consents', 'start')), tie('node'), { maxKeys: 6 }),
})).node;

const deep = fc.integer({ min: 50, max: 2000 }).map((depth) => {
  let nested: unknown = 'x';
  for (let i = 0; i < depth; i += 1) nested = { a: nested };
  return nested;
});

const bodies = fc.oneof(
  { weight: 5, arbitrary: value },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.array(fc.string(), { minLength: 1000, maxLength: 3000 }) },
  { weight: 1, arbitrary: fc.record({ __proto__: fc.constant({ admin: true }), constructor: fc.constant({ prototype: { polluted: true } }) }) },
);

type Route = { method: 'get' | 'post' | 'put' | 'delete'; path: string };
/** Every public route of the contract; ones not built yet answer 404/405, which is still no 5xx. */
const ROUTES: Route[] = [
  { method: 'get', path: '/api/clinic' },
  { method: 'get', path: '/api/privacy-policy' },
  { method: 'get', path: '/api/consent-items' },
  { method: 'get', path: '/api/booking/services' },
  { method: 'get', path: '/api/booking/slots' },
  { method: 'post', path: '/api/booking/reservations' },
  { method: 'get', path: '/api/booking/manage/:token' },
  { method: 'post', path: '/api/booking/manage/:token/cancel' },
  { method: 'post', path: '/api/booking/manage/:token/reschedule' },
  { method: 'post', path: '/api/booking/manage/:token/guardian-confirm' },
  { method: 'post', path: '/api/booking/manage/:token/guardian-code' },
  { method: 'post', path: '/api/consultations' },
  { method: 'post', path: '/api/auth/forgot-password' },
  { method: 'post', path: '/api/auth/reset-password' },
  { method: 'post', path: '/api/privacy/verify' },
  { method: 'post', path: '/api/privacy/session' },
  { method: 'get', path: '/api/privacy/session' },
  { method: 'delete', path: '/api/privacy/session' },
  { method: 'get', path: '/api/privacy/my-data' },
  { method: 'get', path: '/api/privacy/consents' },
  { method: 'post', path: '/api/privacy/consents' },
  { method: 'get', path: '/api/privacy/withdrawal' },
  { method: 'post', path: '/api/privacy/corrections' },
  { method: 'post', path: '/api/privacy/withdrawal' },
  { method: 'post', path: '/api/privacy/complaints' },
  { method: 'post', path: '/api/privacy/cookie-consents' },
  { method: 'post', path: '/api/auth/local/register' },
  { method: 'post', path: '/api/auth/send-email-confirmation' },
  { method: 'get', path: '/api/auth/email-confirmation' },
  { method: 'get', path: '/api/members/me' },
  { method: 'put', path: '/api/members/me' },
  { method: 'get', path: '/api/board/posts' },
  { method: 'get', path: '/api/board/posts/:token' },
  { method: 'post', path: '/api/board/posts' },
  { method: 'post', path: '/api/board/posts/:token/comments' },
  { method: 'delete', path: '/api/board/posts/:token' },
  { method: 'delete', path: '/api/board/comments/:token' },
  { method: 'get', path: '/api/notices/unsubscribe/:token' },
  { method: 'post', path: '/api/notices/unsubscribe/:token' },
];

const queryString = fc
  .dictionary(fc.constantFrom('locale', 'channel', 'version', 'service', 'from', 'to', 'practitioner', 'page', 'pageSize', 'category', '__proto__', 'populate', 'filters[id]', 'x'), nasty.map(String), { maxKeys: 5 })
  .map((q) => new URLSearchParams(q as Record<string, string>).toString());

const contentTypes = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '');

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  token: fc.oneof(fc.string({ minLength: 1 }).map(encodeURIComponent), fc.constant('a'.repeat(120))),
  query: queryString,
  body: bodies,
  raw: fc.option(fc.oneof(fc.string(), fc.constant('{"a":'), fc.constant('{"__proto__":{"x":1}}'), fc.constant('[1,2,')), { nil: undefined }),
  contentType: contentTypes,
  auth: fc.option(fc.oneof(fc.constant('Bearer '), fc.string().map((s) => `Bearer ${s}`)), { nil: undefined }),
});

const CODED_STATUSES = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429]);

describe('bad input at volume', () => {
  it(`answers ${TOTAL} generated requests without a 5xx, with stable codes, changing nothing`, async () => {
    const before = await databaseChecksum(app.strapi);
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, token, query, body, raw, contentType, auth }) => {
        const url = route.path.replace(':token', token) + (query ? `?${query}` : '');
        let req = app.request()[route.method](url).timeout(15000);
        if (auth) req = req.set('Authorization', auth);
        if (route.method !== 'get') {
          if (contentType) req = req.set('Content-Type', contentType);
          req = req.send(raw ?? (contentType === 'application/json' ? JSON.stringify(body) : String(JSON.stringify(body))));
        }
        const res = await req;
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (res.status >= 500) throw new Error(`${res.status} for ${route.method.toUpperCase()} ${url.slice(0, 200)} (${contentType || 'no content type'})`);
        if (res.status >= 400 && res.body?.error && CODED_STATUSES.has(res.status) && route.path.startsWith('/api/') && !route.path.startsWith('/api/auth')) {
          const code = res.body.error.details?.code;
          if (res.status !== 404 && res.status !== 405 && res.status !== 401 && res.status !== 403 && res.status !== 413 && typeof code !== 'string') {
            throw new Error(`${res.status} without details.code for ${route.method.toUpperCase()} ${url.slice(0, 200)}`);
          }
        }
      }),
      { numRuns: TOTAL, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2147483647), endOnFailure: true },
    );
    expect(await databaseChecksum(app.strapi)).toEqual(before);
    const alive = await app.request().get('/api/clinic').timeout(5000);
    expect(alive.status).toBe(200);
    console.info(`bad-input statuses: ${JSON.stringify(Object.fromEntries(seen))}`);
    // Not a speed check: the full count takes about a minute on a quiet machine and several on a shared one.
  }, Math.max(120_000, TOTAL * 50));
});
