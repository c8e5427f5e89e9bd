import { startStrapi, type TestApp } from '../helpers/strapi';
import { addPractitionerWithService, bookingBody, clock, setClinic } from '../helpers/booking-fixtures';

let app: TestApp;
let ids: { practitioner: string; service: string };
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000' });
  await setClinic(app, { timeZone: 'America/New_York' });
  // Night hours that straddle both transitions, hourly one-hour treatments
  ids = await addPractitionerWithService(
    app,
    'night-owl',
    [
      { weekday: 'sunday', opens: '00:00', closes: '05:00' },
      { weekday: 'monday', opens: '09:00', closes: '10:00' },
      { weekday: 'friday', opens: '09:00', closes: '10:00' },
    ],
    { durationMinutes: 60, bufferMinutes: 0, slotStepMinutes: 60 },
  );
});
afterAll(async () => {
  await app?.stop();
});

const slots = async (from: string, to: string) => {
  const res = await app.request().get(`/api/booking/slots?service=${ids.service}&from=${from}&to=${to}`).expect(200);
  expect(res.body.data.timeZone).toBe('America/New_York');
  return res.body.data.slots as Array<{ start: string; end: string }>;
};

describe('slots in America/New_York across daylight-saving changes', () => {
  it('spring forward (8 March 2026): four real hours between 00:00 and 05:00, offsets change at 02:00', async () => {
    clock(app).set(new Date('2026-03-01T17:00:00Z'));
    expect((await slots('2026-03-06', '2026-03-09')).map((s) => [s.start, s.end])).toEqual([
      ['2026-03-06T09:00:00.000-05:00', '2026-03-06T10:00:00.000-05:00'],
      ['2026-03-08T00:00:00.000-05:00', '2026-03-08T01:00:00.000-05:00'],
      ['2026-03-08T01:00:00.000-05:00', '2026-03-08T03:00:00.000-04:00'],
      ['2026-03-08T03:00:00.000-04:00', '2026-03-08T04:00:00.000-04:00'],
      ['2026-03-08T04:00:00.000-04:00', '2026-03-08T05:00:00.000-04:00'],
      ['2026-03-09T09:00:00.000-04:00', '2026-03-09T10:00:00.000-04:00'],
    ]);
  });

  it('books 03:00 EDT at the right instant and takes exactly that hour away', async () => {
    clock(app).set(new Date('2026-03-01T17:00:00Z'));
    const res = await app.request().post('/api/booking/reservations').send(bookingBody({ service: ids.service, start: '2026-03-08T07:00:00Z' })).expect(201);
    expect(res.body.data.start).toBe('2026-03-08T03:00:00.000-04:00');
    const stored = (await app.strapi.documents('api::reservation.reservation').findFirst({ filters: { reference: res.body.data.reference } } as never)) as unknown as {
      startsAt: string;
    };
    expect(new Date(stored.startsAt).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect((await slots('2026-03-08', '2026-03-08')).map((s) => s.start)).toEqual([
      '2026-03-08T00:00:00.000-05:00',
      '2026-03-08T01:00:00.000-05:00',
      '2026-03-08T04:00:00.000-04:00',
    ]);
  });

  it('fall back (1 November 2026): six real hours, 01:00 offered twice with its two offsets', async () => {
    clock(app).set(new Date('2026-10-25T16:00:00Z'));
    expect((await slots('2026-10-30', '2026-11-02')).map((s) => s.start)).toEqual([
      '2026-10-30T09:00:00.000-04:00',
      '2026-11-01T00:00:00.000-04:00',
      '2026-11-01T01:00:00.000-04:00',
      '2026-11-01T01:00:00.000-05:00',
      '2026-11-01T02:00:00.000-05:00',
      '2026-11-01T03:00:00.000-05:00',
      '2026-11-01T04:00:00.000-05:00',
      '2026-11-02T09:00:00.000-05:00',
    ]);
    // Booking the second 01:00 (EST) leaves the first (EDT) free
    await app.request().post('/api/booking/reservations').send(bookingBody({ service: ids.service, start: '2026-11-01T01:00:00-05:00' })).expect(201);
    const after = (await slots('2026-11-01', '2026-11-01')).map((s) => s.start);
    expect(after).toContain('2026-11-01T01:00:00.000-04:00');
    expect(after).not.toContain('2026-11-01T01:00:00.000-05:00');
  });
});
