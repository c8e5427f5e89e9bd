import crypto from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { useStrapiWithSmtp } from '../helpers/smtp';
import { firstSlot, requiredConsents } from '../helpers/booking';

/**
 * A child's reservation waits for the 6-digit code mailed to the guardian. The code must not be
 * walkable: stored as a keyed hash bound to the reservation, five wrong tries burn it (whatever
 * the pace), the booker may ask for a new one three times, and every try is in the access log.
 */
const ctx = useStrapiWithSmtp();

const UID = 'api::reservation.reservation';
const drain = () => (ctx.app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> }).drain();
const child = { name: 'Test Child', birthDate: `${new Date().getFullYear() - 9}-06-01`, phone: '010-5555-0299', email: 'child.code@example.test' };
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

interface Booked {
  token: string;
  reference: string;
  documentId: string;
  code: string;
  guardianEmail: string;
}

async function mailTo(email: string, after: number): Promise<ParsedMail> {
  const until = Date.now() + 10_000;
  for (;;) {
    const found = ctx.smtp.received.slice(after).find((m) => JSON.stringify(m.to).includes(email));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const codeIn = (mail: ParsedMail) => /\b(\d{6})\b/.exec(mail.text ?? '')?.[1] as string;

let booked = 0;
async function bookChild(): Promise<Booked> {
  booked += 1;
  const guardianEmail = `guardian.${booked}@example.test`;
  const { service, slot } = await firstSlot((url) => ctx.app.request().get(url));
  const before = ctx.smtp.received.length;
  const res = await ctx.app
    .request()
    .post('/api/booking/reservations')
    .send({
      service: service.id,
      start: slot.start,
      patient: child,
      guardian: { name: 'Test Guardian', phone: '010-5555-0298', email: guardianEmail, relationship: 'Father' },
      consents: requiredConsents,
      locale: 'en',
    })
    .expect(201);
  expect(res.body.data.status).toBe('pending_guardian');
  await drain();
  const code = codeIn(await mailTo(guardianEmail, before));
  expect(code).toMatch(/^\d{6}$/);
  const row = (await ctx.app.strapi.db.query(UID).findOne({ where: { reference: res.body.data.reference }, select: ['documentId'] })) as {
    documentId: string;
  };
  return { token: res.body.data.manageToken, reference: res.body.data.reference, documentId: row.documentId, code, guardianEmail };
}

const confirm = (token: string, code: string) => ctx.app.request().post(`/api/booking/manage/${token}/guardian-confirm`).send({ code });
const resend = (token: string) => ctx.app.request().post(`/api/booking/manage/${token}/guardian-code`).send({});
/** The i-th code that is not the right one. */
const wrong = (code: string, i: number) => String((Number(code) + i) % 1_000_000).padStart(6, '0');
const status = async (token: string) => (await ctx.app.request().get(`/api/booking/manage/${token}`).expect(200)).body.data.status;
const storedHash = async (documentId: string) =>
  ((await ctx.app.strapi.db.query(UID).findOne({ where: { documentId }, select: ['guardianCodeHash'] })) as { guardianCodeHash: string })
    .guardianCodeHash;
const logRows = (documentId: string) =>
  ctx.app.strapi.db.connection('privacy_access_log').where({ target_document_id: documentId }).orderBy('seq', 'asc').select('*') as Promise<
    Array<Record<string, unknown>>
  >;

describe('a guardian code', () => {
  it('is stored as a keyed hash bound to the reservation: plain SHA-256 of its reference and code does not match, recomputing needs the key', async () => {
    const r = await bookChild();
    const stored = await storedHash(r.documentId);
    for (const plain of [`guardian:${r.reference}:${r.code}`, `${r.reference}:${r.code}`, `${r.documentId}:${r.code}`, r.code]) {
      expect(stored).not.toBe(sha256(plain));
    }
    const hmac = (key: Buffer) => crypto.createHmac('sha256', key).update(`secret:guardian-code:${r.documentId}:${r.code}`).digest('hex');
    expect(stored).toBe(hmac(Buffer.from(process.env.PRIVACY_INDEX_KEY as string, 'base64')));
    expect(stored).not.toBe(hmac(crypto.randomBytes(32)));
  });

  it('survives four wrong tries, each saying how many are left, and the right code then confirms', async () => {
    const r = await bookChild();
    for (let i = 1; i <= 4; i += 1) {
      const res = await confirm(r.token, wrong(r.code, i));
      expect(res.status).toBe(422);
      expect(res.body.error.details).toMatchObject({ code: 'INVALID_CODE', triesLeft: 5 - i });
    }
    const ok = await confirm(r.token, r.code).expect(200);
    expect(ok.body.data.status).toBe('confirmed');
  });

  it('is burned by the fifth wrong try: 422 CODE_BURNED from then on, also for the right code, and the reservation stays pending', async () => {
    const r = await bookChild();
    for (let i = 1; i <= 4; i += 1) await confirm(r.token, wrong(r.code, i)).expect(422);
    const fifth = await confirm(r.token, wrong(r.code, 5));
    expect(fifth.status).toBe(422);
    expect(fifth.body.error.details).toMatchObject({ code: 'CODE_BURNED', triesLeft: 0 });
    const right = await confirm(r.token, r.code);
    expect(right.status).toBe(422);
    expect(right.body.error.details.code).toBe('CODE_BURNED');
    expect(await status(r.token)).toBe('pending_guardian');
  });

  it('gets no more than five tries from a burst of parallel guesses, whatever the spelling of the path', async () => {
    const r = await bookChild();
    const spellings = [
      `/api/booking/manage/${r.token}/guardian-confirm`,
      `/api/BOOKING/manage/${r.token}/Guardian-Confirm`,
      `/api/booking/manage/${r.token}/guardian-confirm/`,
    ];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.app
          .request()
          .post(spellings[i % spellings.length])
          .send({ code: wrong(r.code, i + 1) }),
      ),
    );
    const codes = answers.map((a) => a.body.error?.details?.code);
    expect(codes.filter((c) => c === 'INVALID_CODE')).toHaveLength(4);
    expect(codes.filter((c) => c === 'CODE_BURNED')).toHaveLength(16);
    expect((await confirm(r.token, r.code)).body.error.details.code).toBe('CODE_BURNED');
    expect(await status(r.token)).toBe('pending_guardian');
  });

  it('can be mailed again to the guardian: the new code (read from SMTP) confirms, with fresh tries, and the old one no longer does', async () => {
    const r = await bookChild();
    for (let i = 1; i <= 5; i += 1) await confirm(r.token, wrong(r.code, i)).expect(422);
    const before = ctx.smtp.received.length;
    const sent = await resend(r.token).expect(202);
    expect(sent.body.data).toEqual({ status: 'sent', resendsLeft: 2 });
    await drain();
    const mail = await mailTo(r.guardianEmail, before);
    expect(mail.subject).toContain(r.reference);
    const fresh = codeIn(mail);
    expect(fresh).toMatch(/^\d{6}$/);
    if (fresh !== r.code) {
      const old = await confirm(r.token, r.code);
      expect(old.body.error.details).toMatchObject({ code: 'INVALID_CODE', triesLeft: 4 });
    }
    const ok = await confirm(r.token, fresh).expect(200);
    expect(ok.body.data.status).toBe('confirmed');
    expect((await resend(r.token)).status).toBe(409);
  });

  it('is mailed again at most three times: the fourth ask is 422 RESEND_LIMIT, also in a burst, and only the last code is mailed', async () => {
    const r = await bookChild();
    const before = ctx.smtp.received.length;
    const answers = await Promise.all(Array.from({ length: 8 }, () => resend(r.token)));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 422).map((a) => a.body.error.details)).toEqual(
      Array.from({ length: 5 }, () => ({ code: 'RESEND_LIMIT', resendsLeft: 0 })),
    );
    expect(answers.filter((a) => a.status === 202).map((a) => a.body.data.resendsLeft).sort()).toEqual([0, 1, 2]);
    const fourth = await resend(r.token);
    expect(fourth.status).toBe(422);
    expect(fourth.body.error.details.code).toBe('RESEND_LIMIT');
    // Each new code replaces the one before, and a queued mail with a replaced code is not sent: one mail, with the code that works.
    await drain();
    const mail = await mailTo(r.guardianEmail, before);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ctx.smtp.received.slice(before).filter((m) => JSON.stringify(m.to).includes(r.guardianEmail))).toHaveLength(1);
    expect((await confirm(r.token, codeIn(mail)).expect(200)).body.data.status).toBe('confirmed');
  });

  it('never confirms another reservation', async () => {
    const a = await bookChild();
    const b = await bookChild();
    if (a.code === b.code) return expect(await storedHash(a.documentId)).not.toBe(await storedHash(b.documentId));
    const res = await confirm(b.token, a.code);
    expect(res.status).toBe(422);
    expect(res.body.error.details.code).toBe('INVALID_CODE');
    expect(await status(b.token)).toBe('pending_guardian');
    expect(await status(a.token)).toBe('pending_guardian');
  });

  it('leaves one access-log row per try and resend, as the person’s own act, none holding a code', async () => {
    const r = await bookChild();
    await confirm(r.token, wrong(r.code, 1)).expect(422);
    await confirm(r.token, wrong(r.code, 2)).expect(422);
    const before = ctx.smtp.received.length;
    await resend(r.token).expect(202);
    await drain();
    const fresh = codeIn(await mailTo(r.guardianEmail, before));
    await confirm(r.token, wrong(fresh, 1)).expect(422);
    await confirm(r.token, fresh).expect(200);

    const rows = await logRows(r.documentId);
    expect(rows.map((row) => [row.action, row.reason])).toEqual([
      ['login_failed', 'guardian code wrong: 4 tries left'],
      ['login_failed', 'guardian code wrong: 3 tries left'],
      ['change', 'guardian code resent: 1 of 3'],
      ['login_failed', 'guardian code wrong: 4 tries left'],
      ['change', 'guardian code right: confirmed'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ staff_id: null, staff_role: 'subject', content_type: UID });
      expect(row.subject_id).toMatch(/^sub_/);
    }
    const everything = JSON.stringify(await ctx.app.strapi.db.connection('privacy_access_log').select('*'));
    for (const code of [r.code, fresh, wrong(r.code, 1), wrong(fresh, 1)]) expect(everything).not.toContain(code);
    const verified = await ctx.app.strapi.plugin('privacy-guard').service('access-log').verify();
    expect(verified.ok).toBe(true);
  });

  it('is asked for again only through the reservation’s own manage link, and not after the 48 hours', async () => {
    await resend('x'.repeat(43)).expect(404);
    const r = await bookChild();
    const clock = ctx.app.strapi.plugin('privacy-guard').service('clock') as { advance(ms: number): void; reset(): void };
    clock.advance(49 * 3600 * 1000);
    try {
      const late = await resend(r.token);
      expect(late.status).toBe(409);
      expect(late.body.error.details.code).toBe('NOT_ALLOWED');
    } finally {
      clock.reset();
    }
    const { service, slot } = await firstSlot((url) => ctx.app.request().get(url));
    const adult = await ctx.app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, start: slot.start, patient: { ...child, birthDate: '1980-01-01', email: 'adult.code@example.test' }, consents: requiredConsents })
      .expect(201);
    expect((await resend(adult.body.data.manageToken)).status).toBe(409);
  });
});
