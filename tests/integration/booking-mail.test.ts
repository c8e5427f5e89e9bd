import ICAL from 'ical.js';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { bookingBody, clock, demoCatalog } from '../helpers/booking-fixtures';

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
});
