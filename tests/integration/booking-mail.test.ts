import ICAL from 'ical.js';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { bookingBody, clock, demoCatalog } from '../helpers/booking-fixtures';
import { adminToken } from '../helpers/admin';

let app: TestApp;
let smtp: TestSmtp;
let demo: Awaited<ReturnType<typeof demoCatalog>>;
beforeAll(async () => {
  smtp = await startSmtp();
  app = await startStrapi({
    OUTBOX_WORKER: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_IGNORE_TLS: 'true',
  });
  demo = await demoCatalog(app);
});
beforeEach(() => clock(app).set(new Date('2027-03-07T03:00:00Z'))); // Sunday 12:00 in Seoul
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const outbox = () => app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<{ sent: number; failed: number; skipped: number }> };
const book = (start: string, extra: Record<string, unknown> = {}) =>
  app.request().post('/api/booking/reservations').send(
    bookingBody({ service: demo.service['first-consultation'], practitioner: demo.practitioner['hana-yoon'], start, ...extra }),
  );

function invitationOf(mail: { attachments: Array<{ contentType: string; content: Buffer }> }) {
  const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!ics) throw new Error('no invitation attached');
  const calendar = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!) };
}

describe('booking mail through a real SMTP server', () => {
  it('delivers the confirmation with an invitation that parses to the booked instant, then leaves no envelope behind', async () => {
    const res = await book('2027-03-08T10:00:00+09:00').expect(201);
    expect(await outbox().drain()).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe(`Dodream Plastic Surgery: your reservation ${res.body.data.reference}`);
    expect((mail.to as { text: string }).text).toBe('minji.kim@example.com');
    expect(mail.text).toContain(`?manage=${res.body.data.manageToken}`);

    const { calendar, event } = invitationOf(mail as never);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-08T01:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-03-08T01:30:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('Asia/Seoul');
    expect(event.organizer).toContain('no-reply@dodream.example');

    const rows = (await app.strapi.documents('api::outbox-message.outbox-message').findMany({
      filters: { kind: 'booking.confirmation' },
    } as never)) as unknown as Array<{ status: string; envelope: string | null }>;
    expect(rows.map((r) => [r.status, r.envelope])).toEqual([['sent', null]]);
  });

  it('writes Korean mail for a Korean booking, and mails a reschedule and a cancellation', async () => {
    smtp.received.length = 0;
    const res = await book('2027-03-08T11:00:00+09:00', { locale: 'ko' }).expect(201);
    const token = res.body.data.manageToken;
    await app.request().post(`/api/booking/manage/${token}/reschedule`).send({ start: '2027-03-08T13:00:00+09:00' }).expect(200);
    await app.request().post(`/api/booking/manage/${token}/cancel`).send({}).expect(200);
    expect(await outbox().drain()).toMatchObject({ sent: 3, failed: 0 });
    const mails = await smtp.waitFor(3);
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/예약 .* 안내$/), expect.stringMatching(/일정 변경 안내$/), expect.stringMatching(/취소 안내$/)]),
    );
    const moved = mails.find((m) => /일정 변경/.test(m.subject ?? ''))!;
    expect(invitationOf(moved as never).event.startDate.toJSDate().toISOString()).toBe('2027-03-08T04:00:00.000Z');
    const cancelled = mails.find((m) => /취소/.test(m.subject ?? ''))!;
    expect(invitationOf(cancelled as never).calendar.getFirstPropertyValue('method')).toBe('CANCEL');
  });

  it('loses nothing while the mail server is down: bookings succeed, and every mail arrives once it is back', async () => {
    smtp.received.length = 0;
    await smtp.stop();
    const references: string[] = [];
    for (const start of ['2027-03-09T09:00:00+09:00', '2027-03-09T10:00:00+09:00', '2027-03-09T11:00:00+09:00']) {
      references.push((await book(start).expect(201)).body.data.reference);
    }
    expect(await outbox().drain()).toMatchObject({ sent: 0, failed: 3 });
    expect(await outbox().drain()).toMatchObject({ sent: 0, failed: 0 }); // backing off, nothing due yet

    await smtp.start();
    clock(app).advance(60_000);
    expect(await outbox().drain()).toMatchObject({ sent: 3, failed: 0 });
    const mails = await smtp.waitFor(3);
    expect(mails.map((m) => m.subject!.split(' ').at(-1)).sort()).toEqual([...references].sort());
  });

  it('reminds the day before at the reminder time, unless the reservation was cancelled', async () => {
    const kept = (await book('2027-03-10T09:00:00+09:00').expect(201)).body.data;
    const dropped = (await book('2027-03-10T10:00:00+09:00').expect(201)).body.data;
    await app.request().post(`/api/booking/manage/${dropped.manageToken}/cancel`).send({}).expect(200);
    clock(app).set(new Date('2027-03-08T02:00:00Z')); // reminders of earlier tests' bookings go out first
    await outbox().drain();
    smtp.received.length = 0;

    clock(app).set(new Date('2027-03-09T00:59:00Z')); // 09:59 on the day before in Seoul
    expect((await outbox().drain()).sent).toBe(0);
    clock(app).set(new Date('2027-03-09T01:00:00Z')); // 10:00
    const result = await outbox().drain();
    const mails = await smtp.waitFor(1);
    const reminders = mails.filter((m) => /reminder/.test(m.subject ?? ''));
    expect(reminders).toHaveLength(result.sent);
    expect(reminders.map((m) => m.text)).toEqual(expect.arrayContaining([expect.stringContaining(kept.reference)]));
    expect(mails.some((m) => m.text?.includes(dropped.reference))).toBe(false);
  });

  /**
   * iTIP (RFC 5546) for every kind of booking mail that carries a calendar part: the confirmation,
   * the guardian-confirmed confirmation, the reschedule (REQUEST, one UID, SEQUENCE up) and the
   * cancellation (CANCEL, STATUS:CANCELLED); the practitioner's calendar feed shows the same UID
   * with the same SEQUENCE, so a calendar holding both sees one event.
   */
  it("follows iTIP in every booking mail's calendar part, with the UID and SEQUENCE of the practitioner's feed", async () => {
    const officer = await adminToken(app, 'clinic-privacy-officer', 'officer.itip@staff.dodream.example');
    const created = await app
      .request()
      .post('/clinic-calendar-feeds')
      .set('Authorization', `Bearer ${officer}`)
      .send({ practitioner: demo.practitioner['hana-yoon'], label: 'iTIP check' })
      .expect(201);
    const feedPath = new URL(created.body.data.url).pathname;
    const feedEvent = async (uid: string) => {
      const res = await app.request().get(feedPath).buffer(true).parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => done(null, text));
      });
      expect(res.status).toBe(200);
      const calendar = new ICAL.Component(ICAL.parse(res.body as string));
      return calendar
        .getAllSubcomponents('vevent')
        .map((v) => new ICAL.Event(v))
        .find((e) => e.uid === uid);
    };
    const mailsTo = async (address: string, count: number) => {
      await outbox().drain();
      const until = Date.now() + 10_000;
      for (;;) {
        const found = smtp.received.filter((m) => (m.to as { text: string }).text === address);
        if (found.length >= count || Date.now() > until) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    const expectRequest = (mail: unknown) => {
      const { calendar, event } = invitationOf(mail as never);
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Seoul');
      expect(event.startDate.zone?.tzid).toBe('Asia/Seoul');
      expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
      return event;
    };
    smtp.received.length = 0;

    // An adult's booking: confirmation, reschedule, cancellation.
    const adult = 'itip.adult@example.com';
    const booked = (await book('2027-03-11T10:00:00+09:00', { patient: { name: 'Itip Adult', birthDate: '1985-01-20', phone: '+82 10-5555-4410', email: adult } }).expect(201)).body.data;
    const confirmation = expectRequest((await mailsTo(adult, 1))[0]);
    expect(confirmation.sequence).toBe(0);
    expect(await feedEvent(confirmation.uid)).toMatchObject({ sequence: 0 });

    await app.request().post(`/api/booking/manage/${booked.manageToken}/reschedule`).send({ start: '2027-03-11T15:00:00+09:00' }).expect(200);
    const rescheduled = expectRequest((await mailsTo(adult, 2))[1]);
    expect(rescheduled.uid).toBe(confirmation.uid);
    expect(rescheduled.sequence).toBeGreaterThan(confirmation.sequence);
    expect(rescheduled.startDate.toJSDate().toISOString()).toBe('2027-03-11T06:00:00.000Z');
    const moved = (await feedEvent(confirmation.uid))!;
    expect([moved.sequence, moved.startDate.toJSDate().toISOString()]).toEqual([rescheduled.sequence, '2027-03-11T06:00:00.000Z']);

    await app.request().post(`/api/booking/manage/${booked.manageToken}/cancel`).send({}).expect(200);
    const cancelMail = (await mailsTo(adult, 3))[2];
    const cancelled = invitationOf(cancelMail as never);
    expect(cancelled.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.calendar.getFirstSubcomponent('vtimezone')).not.toBeNull();
    expect(cancelled.event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.event.uid).toBe(confirmation.uid);
    expect(cancelled.event.sequence).toBeGreaterThan(rescheduled.sequence);
    expect(await feedEvent(confirmation.uid)).toBeUndefined();

    // A child's booking: confirmed once the guardian types the mailed code.
    const child = 'itip.child@example.com';
    const guardian = 'itip.guardian@example.com';
    const minor = (
      await book('2027-03-11T11:00:00+09:00', {
        patient: { name: 'Itip Child', birthDate: '2018-06-01', phone: '+82 10-5555-4420', email: child },
        guardian: { name: 'Itip Guardian', phone: '+82 10-5555-4421', email: guardian, relationship: 'Mother' },
      }).expect(201)
    ).body.data;
    expect(minor.status).toBe('pending_guardian');
    const [codeMail] = await mailsTo(guardian, 1);
    expect(codeMail.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(false);
    const code = /\b(\d{6})\b/.exec(codeMail.text ?? '')?.[1];
    const awaiting = (await mailsTo(child, 1)).filter((m) => m.attachments.some((a) => a.contentType.startsWith('text/calendar')));
    expect(awaiting).toHaveLength(1); // the booker's "received, awaiting the guardian" mail already carries the invitation
    await app.request().post(`/api/booking/manage/${minor.manageToken}/guardian-confirm`).send({ code }).expect(200);
    const childMails = await mailsTo(child, awaiting.length + 1);
    const guardianConfirmed = expectRequest(childMails.at(-1));
    for (const earlier of awaiting) {
      const event = expectRequest(earlier);
      expect(event.uid).toBe(guardianConfirmed.uid);
      expect(guardianConfirmed.sequence).toBeGreaterThan(event.sequence);
    }
    expect((await feedEvent(guardianConfirmed.uid))?.sequence).toBe(guardianConfirmed.sequence);
  });
});
