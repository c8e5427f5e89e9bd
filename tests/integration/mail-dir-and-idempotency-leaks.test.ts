import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { bookingBody, clock, demoCatalog } from '../helpers/booking-fixtures';

/**
 * Leaks of issue 15 item 9: mail written to MAIL_DIR (no SMTP server set) is readable by the
 * server's user only; a mail finished while an erasure runs is erased too; idempotency records
 * (which hold a booking's first answer, its manage token among it) go after 24 hours.
 */
let app: TestApp;
let mailDir: string;
let demo: Awaited<ReturnType<typeof demoCatalog>>;
beforeAll(async () => {
  mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-mail-'));
  fs.rmSync(mailDir, { recursive: true });
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000', MAIL_DIR: mailDir });
  demo = await demoCatalog(app);
});
beforeEach(() => clock(app).set(new Date('2027-03-07T03:00:00Z')));
afterAll(async () => {
  await app?.stop();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

type DrainResult = { sent: number; failed: number; skipped: number };
const outbox = () =>
  app.strapi.service('api::outbox-message.outbox') as {
    enqueue(mail: Record<string, unknown>): Promise<string>;
    drain(): Promise<DrainResult>;
  };
const erasure = () =>
  app.strapi.plugin('privacy-guard').service('erasure') as {
    eraseSubject(input: { subjectId: string; rule: 'withdrawal'; performedBy: string; actor: 'self' }): Promise<unknown>;
  };
const emlOf = (id: string) => path.join(mailDir, `${id}.eml`);
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const enqueue = (subjectId: string) =>
  outbox().enqueue({
    kind: 'privacy.verify',
    to: 'kyra.nam@example.com',
    locale: 'en',
    subject: 'Your code',
    text: 'Code 2345-6789',
    html: '<p>Code 2345-6789</p>',
    subjectId,
  });

describe('mail written to MAIL_DIR', () => {
  it('is readable by the server’s user only: files 0600 in a 0700 folder, also a folder made before', async () => {
    const id = await enqueue('subject-mode-1');
    expect(await outbox().drain()).toMatchObject({ sent: 1 });
    expect(fs.readFileSync(emlOf(id), 'utf8')).toContain('kyra.nam@example.com');
    expect(mode(emlOf(id))).toBe(0o600);
    expect(mode(mailDir)).toBe(0o700);

    fs.chmodSync(mailDir, 0o755);
    const next = await enqueue('subject-mode-2');
    await outbox().drain();
    expect(mode(emlOf(next))).toBe(0o600);
    expect(mode(mailDir)).toBe(0o700);
  });

  it('is erased with the person when the erasure runs while the mail is being sent', async () => {
    const subjectId = 'subject-erased-mid-send';
    const id = await enqueue(subjectId);
    const email = app.strapi.plugin('email') as unknown as { provider: { send(o: unknown): Promise<unknown> } };
    const send = email.provider.send;
    // The erasure commits after the mail was rendered and before the outbox writes its copy and marks it sent.
    email.provider.send = async (options: unknown) => {
      const info = await send(options);
      email.provider.send = send;
      await erasure().eraseSubject({ subjectId, rule: 'withdrawal', performedBy: 'test', actor: 'self' });
      return info;
    };
    expect(await outbox().drain()).toMatchObject({ sent: 0 });
    expect(await app.strapi.db.connection('outbox_messages').where({ document_id: id }).first()).toBeUndefined();
    expect(fs.existsSync(emlOf(id))).toBe(false);
    expect(fs.readdirSync(mailDir).some((f) => fs.readFileSync(path.join(mailDir, f), 'utf8').includes(id))).toBe(false);
  });

  it('is erased with the person after it was sent (the copy goes with the row)', async () => {
    const subjectId = 'subject-erased-after';
    const id = await enqueue(subjectId);
    await outbox().drain();
    expect(fs.existsSync(emlOf(id))).toBe(true);
    await erasure().eraseSubject({ subjectId, rule: 'withdrawal', performedBy: 'test', actor: 'self' });
    expect(fs.existsSync(emlOf(id))).toBe(false);
  });
});

describe('idempotency records', () => {
  const book = (key: string) =>
    app
      .request()
      .post('/api/booking/reservations')
      .set('Idempotency-Key', key)
      .send(
        bookingBody({
          service: demo.service['first-consultation'],
          practitioner: demo.practitioner['hana-yoon'],
          start: '2027-03-09T10:00:00+09:00',
        }),
      );
  const records = () => app.strapi.db.connection('idempotency_records').select('id');
  const sweep = () => (app.strapi.service('api::idempotency-record.idempotency') as { sweepExpired(): Promise<number> }).sweepExpired();

  it('are kept for 24 hours and then deleted by the sweep, and a key that comes back after that is a new request', async () => {
    const first = await book('expiry-key-1').expect(201);
    expect(await records()).toHaveLength(1);
    clock(app).advance(23 * 3600_000);
    expect(await sweep()).toBe(0);
    expect((await book('expiry-key-1').expect(201)).body).toEqual(first.body);

    clock(app).advance(3600_000 + 60_000);
    expect(await sweep()).toBe(1);
    expect(await records()).toHaveLength(0);
    // The slot is still taken by the first booking: the same key now books anew, and is refused as a new request would be.
    const again = await book('expiry-key-1');
    expect([again.status, again.body.error?.details?.code]).toEqual([409, 'SLOT_UNAVAILABLE']);
  });

  it('that expired are not replayed even before a sweep removes them', async () => {
    const body = bookingBody({
      service: demo.service['first-consultation'],
      practitioner: demo.practitioner['hana-yoon'],
      start: '2027-03-10T10:00:00+09:00',
    });
    const first = await app.request().post('/api/booking/reservations').set('Idempotency-Key', 'expiry-key-2').send(body).expect(201);
    clock(app).advance(24 * 3600_000 + 60_000);
    const later = await app.request().post('/api/booking/reservations').set('Idempotency-Key', 'expiry-key-2').send(body);
    expect(later.body).not.toEqual(first.body);
    expect(later.status).toBe(409);
  });
});
