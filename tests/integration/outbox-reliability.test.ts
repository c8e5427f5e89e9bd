import type { ParsedMail } from 'mailparser';
import { useStrapiWithSmtp } from '../helpers/smtp';
import { clock } from '../helpers/booking-fixtures';
import { adminToken } from '../helpers/admin';
import { reviveGivenUpMail } from '../../src/api/outbox-message/revive';

/**
 * No mail is given up silently: an outage of days delays mail and loses none, only a refusal
 * by the mail server (or a week of failures) marks a message failed, the officer sees failing
 * and failed mail on the Overview and can resend it. Time is the plugin's clock, never a sleep.
 */
const ctx = useStrapiWithSmtp({ OUTBOX_WORKER: 'false' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = new Date('2027-05-03T00:00:00Z');

interface Row {
  document_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: unknown;
  envelope: string | null;
}
type DrainResult = { sent: number; failed: number; skipped: number };
const outbox = () =>
  ctx.app.strapi.service('api::outbox-message.outbox') as {
    enqueue(mail: Record<string, unknown>): Promise<string>;
    drain(): Promise<DrainResult>;
  };
const knex = () => ctx.app.strapi.db.connection;
const rows = (ids: string[]): Promise<Row[]> => knex()('outbox_messages').whereIn('document_id', ids).select('*');
const row = async (id: string) => (await rows([id]))[0];
/** A datetime column as read back: a Date (PostgreSQL), milliseconds (SQLite), or an ISO string. */
const at = (value: unknown) =>
  value instanceof Date
    ? value.getTime()
    : new Date(typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : String(value)).getTime();
const now = () => (ctx.app.strapi.plugin('privacy-guard').service('clock') as { now(): Date }).now().getTime();

let sequence = 0;
/** A mail as the app queues one (a made-up person), of a kind no guard holds back. */
const enqueue = (to: string) => {
  sequence += 1;
  return outbox().enqueue({
    kind: 'privacy.verify',
    to,
    locale: 'en',
    subject: `Your code ${sequence}`,
    text: `Code ${sequence}`,
    html: `<p>Code ${sequence}</p>`,
    subjectId: `subject-outbox-${sequence}`,
  });
};
const expectedId = (documentId: string) => `<${documentId}.outbox@dodream.example>`;
const byMessageId = (mails: ParsedMail[]) => {
  const counts = new Map<string, number>();
  for (const m of mails) counts.set(m.messageId ?? '', (counts.get(m.messageId ?? '') ?? 0) + 1);
  return counts;
};

/** Runs the outbox every `step` of injected time for `span`; returns how many drains ran (bounded). */
async function runOutbox(span: number, step: number, each?: () => Promise<void>) {
  let runs = 0;
  for (let elapsed = 0; elapsed < span && runs < 2000; elapsed += step, runs++) {
    clock(ctx.app).advance(step);
    await outbox().drain();
    if (each) await each();
  }
  return runs;
}

const officer = () => adminToken(ctx.app, 'clinic-privacy-officer', 'officer.outbox@staff.dodream.example');
const frontDesk = () => adminToken(ctx.app, 'clinic-front-desk', 'desk.outbox@staff.dodream.example');
const refusal = (res: { status: number; body: { error?: { details?: { code?: string } } } }) => [res.status, res.body.error?.details?.code];

const warnings: string[] = [];
beforeAll(() => {
  const log = ctx.app.strapi.log;
  const warn = log.warn.bind(log);
  log.warn = ((message: string, ...rest: unknown[]) => {
    warnings.push(String(message));
    return warn(message, ...rest);
  }) as typeof log.warn;
});

describe('the outbox through an SMTP outage', () => {
  const ids: string[] = [];

  it('keeps retrying, at most an hour apart, through 6 days of outage: nothing becomes failed', async () => {
    clock(ctx.app).set(T0);
    await ctx.smtp.stop();
    for (const to of ['ara.jung@example.com', 'ben.cho@example.com', 'chae.lim@example.com']) ids.push(await enqueue(to));
    expect(await outbox().drain()).toMatchObject({ sent: 0, failed: 3 });

    // Past the old rule's 10 attempts (about 3 hours, given up as dead): still waiting.
    let longestWait = 0;
    const checkGaps = async () => {
      for (const r of await rows(ids)) longestWait = Math.max(longestWait, at(r.next_attempt_at) - now());
    };
    await runOutbox(5 * HOUR, 10 * MINUTE, checkGaps);
    for (const r of await rows(ids)) {
      expect(r.status).toBe('pending');
      expect(r.attempts).toBeGreaterThan(10);
      expect(r.envelope).not.toBeNull();
    }
    await runOutbox(6 * DAY - 5 * HOUR, 20 * MINUTE, checkGaps);
    const after = await rows(ids);
    expect(after.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(Math.min(...after.map((r) => r.attempts))).toBeGreaterThan(6 * 24 - 10);
    expect(longestWait).toBeLessThanOrEqual(HOUR);
    expect(ctx.smtp.received).toHaveLength(0);
  });

  it('delivers every mail exactly once, by Message-ID, when the server is back', async () => {
    await ctx.smtp.start();
    await runOutbox(2 * HOUR, 20 * MINUTE);
    const mails = await ctx.smtp.waitFor(3);
    expect(byMessageId(mails)).toEqual(new Map(ids.map((id) => [expectedId(id), 1])));
    expect((await rows(ids)).map((r) => [r.status, r.envelope])).toEqual([
      ['sent', null],
      ['sent', null],
      ['sent', null],
    ]);
    await runOutbox(HOUR, 20 * MINUTE);
    expect(ctx.smtp.received).toHaveLength(3);
  });

  it('re-sends a mail the server accepted before the status was written under the same Message-ID', async () => {
    ctx.smtp.received.length = 0;
    const email = ctx.app.strapi.plugin('email') as unknown as { provider: { send(o: unknown): Promise<unknown> } };
    const send = email.provider.send;
    // The process "dies" after the server's 250 and before the row says sent: the row stays pending.
    email.provider.send = async (options: unknown) => {
      await send(options);
      email.provider.send = send;
      throw new Error('crashed after the mail server accepted');
    };
    const id = await enqueue('dana.yoo@example.com');
    expect(await outbox().drain()).toMatchObject({ sent: 0, failed: 1 });
    await runOutbox(2 * MINUTE, MINUTE);
    const mails = await ctx.smtp.waitFor(2);
    expect(mails.map((m) => m.messageId)).toEqual([expectedId(id), expectedId(id)]);
    expect((await row(id)).status).toBe('sent');
  });

  it('marks a message refused with a 550 for its recipient failed at once, with a reason naming no one; a 450 is retried', async () => {
    ctx.smtp.received.length = 0;
    warnings.length = 0;
    ctx.smtp.refuse.set('gone.away@example.com', 550);
    ctx.smtp.refuse.set('full.box@example.com', 450);
    const gone = await enqueue('gone.away@example.com');
    const busy = await enqueue('full.box@example.com');
    const fine = await enqueue('eun.seo@example.com');
    await outbox().drain();

    const refused = await row(gone);
    expect(refused.status).toBe('failed');
    expect(refused.last_error).toMatch(/^refused by the mail server \(EENVELOPE 550 5\.1\.1 at RCPT TO\)$/);
    expect(refused.envelope).not.toBeNull(); // kept for a resend
    expect((await row(busy)).status).toBe('pending');
    expect((await row(busy)).last_error).toMatch(/temporary failure .*450/);
    expect((await row(fine)).status).toBe('sent');
    expect((await ctx.smtp.waitFor(1)).map((m) => m.messageId)).toEqual([expectedId(fine)]);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join('\n')).not.toMatch(/@example\.com|gone\.away|full\.box/);

    // The refused one is not tried again; the busy one goes once its mailbox takes mail.
    ctx.smtp.refuse.delete('full.box@example.com');
    await runOutbox(HOUR, 10 * MINUTE);
    expect((await row(busy)).status).toBe('sent');
    expect((await row(gone)).attempts).toBe(1);
  });

  const expired: string[] = [];
  it('marks a message failed after 7 days of temporary failures, not before, with the reason', async () => {
    await ctx.smtp.stop();
    const start = now();
    expired.push(await enqueue('fern.ahn@example.com'));
    await outbox().drain();
    await runOutbox(7 * DAY - 2 * HOUR, HOUR);
    expect((await row(expired[0])).status).toBe('pending');
    await runOutbox(3 * HOUR, 30 * MINUTE);
    const given = await row(expired[0]);
    expect(given.status).toBe('failed');
    expect(given.last_error).toMatch(/^not delivered in 7 days of retries; last: temporary failure \(E[A-Z]+/);
    expect(now() - start).toBeGreaterThanOrEqual(7 * DAY);
  });

  it("lists failing and failed mail on the officer's Overview: count, kind, age, reason, and nothing of the person", async () => {
    const failing = await enqueue('gil.han@example.com');
    await outbox().drain(); // the server is still down: failing
    const token = await officer();
    const res = await ctx.app.request().get('/privacy-guard/overview').set('Authorization', `Bearer ${token}`).expect(200);
    const mail = res.body.data.mail;
    expect(mail.failing).toBe(1);
    expect(mail.failed).toBe(2);
    const listed = new Map(mail.items.map((i: { id: string }) => [i.id, i]));
    expect(listed.get(failing)).toMatchObject({
      state: 'failing',
      kind: 'privacy.verify',
      attempts: 1,
      reason: expect.stringMatching(/^temporary failure/),
    });
    expect(listed.get(expired[0])).toMatchObject({
      state: 'failed',
      kind: 'privacy.verify',
      reason: expect.stringMatching(/7 days/),
      nextAttemptAt: null,
    });
    expect((listed.get(expired[0]) as { ageMinutes: number }).ageMinutes).toBeGreaterThanOrEqual(7 * 24 * 60);
    expect(mail.items[0].state).toBe('failed');
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.com|Your code/);
  });

  it('resends a failed message when the officer asks (logged as the officer’s act), and it is delivered', async () => {
    await ctx.smtp.start();
    ctx.smtp.received.length = 0;
    const token = await officer();
    const id = expired[0];
    const res = await ctx.app
      .request()
      .post(`/privacy-guard/outbox/${id}/resend`)
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(200);
    expect(res.body.data).toEqual({ id, status: 'pending' });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
    await outbox().drain();
    expect((await ctx.smtp.waitFor(1)).filter((m) => m.messageId === expectedId(id))).toHaveLength(1);
    expect((await row(id)).status).toBe('sent');

    const officerId = (await ctx.app.strapi.service('admin::user').findOneByEmail('officer.outbox@staff.dodream.example')).id;
    const logged = await knex()('privacy_access_log')
      .where({ target_document_id: id })
      .select('staff_id', 'staff_role', 'action', 'content_type', 'reason');
    expect(logged).toEqual([
      {
        staff_id: officerId,
        staff_role: 'clinic-privacy-officer',
        action: 'change',
        content_type: 'api::outbox-message.outbox-message',
        reason: 'failed mail resent',
      },
    ]);
  });

  it('refuses a resend to anyone without the permission, of anything not failed, and of bad ids, changing nothing', async () => {
    const token = await officer();
    const desk = await frontDesk();
    const refusedId = (await knex()('outbox_messages').where({ status: 'failed' }).first('document_id')).document_id as string;
    const sentId = (await knex()('outbox_messages').where({ status: 'sent' }).first('document_id')).document_id as string;
    const post = (path: string, auth?: string, body: object = {}) => {
      const req = ctx.app.request().post(path);
      if (auth) req.set('Authorization', `Bearer ${auth}`);
      return req.send(body);
    };

    expect((await post(`/privacy-guard/outbox/${refusedId}/resend`)).status).toBe(401);
    expect(refusal(await post(`/privacy-guard/outbox/${refusedId}/resend`, desk))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await post(`/privacy-guard/OUTBOX/${refusedId}/Resend`, desk))).toEqual([403, 'FORBIDDEN']);
    expect(refusal(await post(`/privacy-guard/outbox/${sentId}/resend`, token))).toEqual([409, 'MAIL_NOT_FAILED']);
    expect(refusal(await post('/privacy-guard/outbox/nosuchmessage0000000000/resend', token))).toEqual([404, 'NOT_FOUND']);
    expect(refusal(await post('/privacy-guard/outbox/bad%20id!/resend', token))).toEqual([400, 'VALIDATION']);
    expect(refusal(await post(`/privacy-guard/outbox/${refusedId}/resend`, token, { status: 'sent' }))).toEqual([400, 'VALIDATION']);
    expect((await row(refusedId)).status).toBe('failed');
    expect((await row(sentId)).status).toBe('sent');

    // Two officers clicking at once: one resend, one refusal.
    const both = await Promise.all([
      post(`/privacy-guard/outbox/${refusedId}/resend`, token),
      post(`/privacy-guard/outbox/${refusedId}/resend`, token),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    // Still refused by the server: failed again at once, not retried for a week.
    await outbox().drain();
    expect((await row(refusedId)).status).toBe('failed');
  });

  it('on start, retries mail given up by the old rule (dead) if younger than 7 days and marks older mail failed', async () => {
    ctx.smtp.received.length = 0;
    const young = await enqueue('hana.moon@example.com');
    const old = await enqueue('ian.baek@example.com');
    const current = new Date(now());
    await knex()('outbox_messages')
      .where({ document_id: young })
      .update({ status: 'dead', attempts: 10, last_error: 'ECONNECTION', created_at: new Date(current.getTime() - 2 * DAY) });
    await knex()('outbox_messages')
      .where({ document_id: old })
      .update({ status: 'dead', attempts: 10, last_error: 'ECONNECTION', created_at: new Date(current.getTime() - 8 * DAY) });

    await reviveGivenUpMail(ctx.app.strapi);
    expect((await row(young)).status).toBe('pending');
    expect(await row(old)).toMatchObject({ status: 'failed', last_error: 'given up under the old 10-attempt rule; last: ECONNECTION' });
    expect(Number((await knex()('outbox_messages').where({ status: 'dead' }).count({ n: '*' }))[0].n)).toBe(0);

    await outbox().drain();
    expect((await ctx.smtp.waitFor(1)).map((m) => m.messageId)).toEqual([expectedId(young)]);
    // The window of a revived message counts from when it was queued: it does not get 7 more days.
    await ctx.smtp.stop();
    const again = await enqueue('jin.oh@example.com');
    await knex()('outbox_messages')
      .where({ document_id: again })
      .update({ status: 'dead', created_at: new Date(current.getTime() - 7 * DAY + HOUR) });
    await reviveGivenUpMail(ctx.app.strapi);
    await runOutbox(2 * HOUR, 30 * MINUTE);
    expect((await row(again)).status).toBe('failed');
    await ctx.smtp.start();
  });
});
