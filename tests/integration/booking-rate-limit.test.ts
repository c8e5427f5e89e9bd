import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(async () => {
  await app?.stop();
});

it('answers 429 RATE_LIMITED with Retry-After once a client address has made its writes for the minute', async () => {
  const write = () => app.request().post('/api/booking/reservations').send({});
  for (let i = 0; i < 3; i++) expect((await write()).status).toBe(400);
  const limited = await write().expect(429);
  expect(limited.body).toMatchObject({ data: null, error: { status: 429, details: { code: 'RATE_LIMITED' } } });
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  // Every public write counts, and reads are not limited
  expect((await app.request().post(`/api/booking/manage/${'a'.repeat(43)}/cancel`).send({})).status).toBe(429);
  await app.request().get('/api/booking/services').expect(200);
});

it('limits verification mails and code tries per client too, whatever the addresses', async () => {
  const verify = (n: number) => app.request().post('/api/privacy/verify').send({ email: `walker${n}.fictiva@example.test` });
  const answers = [];
  for (let n = 0; n < 4; n++) answers.push((await verify(n)).status);
  expect(answers.at(-1)).toBe(429);
  const guess = await app.request().post('/api/privacy/session').send({ email: 'walker0.fictiva@example.test', code: 'AAAA-AAAA' }).expect(429);
  expect(guess.body.error.details.code).toBe('RATE_LIMITED');
  expect(Number(guess.headers['retry-after'])).toBeGreaterThan(0);
});
