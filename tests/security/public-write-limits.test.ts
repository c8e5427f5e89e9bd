import { startStrapi, type TestApp } from '../helpers/strapi';

/**
 * Every public write is rate limited per client, whatever address or token it names.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(async () => {
  await app?.stop();
});

const PUBLIC_WRITES: Array<['post' | 'put' | 'delete', string]> = [
  ['post', '/api/booking/reservations'],
  ['post', '/api/booking/manage/x/cancel'],
  ['post', '/api/booking/manage/x/reschedule'],
  ['post', '/api/booking/manage/x/guardian-confirm'],
  ['post', '/api/booking/manage/x/guardian-code'],
  ['post', '/api/consultations'],
  ['post', '/api/privacy/cookie-consents'],
  ['post', '/api/privacy/verify'],
  ['post', '/api/privacy/session'],
  ['delete', '/api/privacy/session'],
  ['post', '/api/privacy/consents'],
  ['post', '/api/privacy/corrections'],
  ['post', '/api/privacy/withdrawal'],
  ['post', '/api/privacy/complaints'],
  ['post', '/api/auth/local/register'],
  ['post', '/api/auth/forgot-password'],
  ['post', '/api/auth/reset-password'],
  ['post', '/api/auth/send-email-confirmation'],
  ['put', '/api/members/me'],
  ['post', '/api/board/posts'],
  ['post', '/api/board/posts/x/comments'],
  ['delete', '/api/board/posts/x'],
  ['post', '/api/notices/unsubscribe/x'],
];

describe('every public write is limited per client', () => {
  it.each(PUBLIC_WRITES)('%s %s answers 429 RATE_LIMITED with Retry-After in a burst, whatever its body names', async (method, path) => {
    let last: { status: number; body: { error?: { details?: { code?: string } } }; headers: Record<string, string> } | null = null;
    for (let i = 0; i < 5 && last?.status !== 429; i++) {
      last = await app.request()[method](path).send({ email: `burst${i}@example.test` });
    }
    expect(last?.status).toBe(429);
    expect(last?.body.error?.details?.code).toBe('RATE_LIMITED');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
  });
});
