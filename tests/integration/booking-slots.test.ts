import { startStrapi, type TestApp } from '../helpers/strapi';
import { addPractitionerWithService, bookingBody, clock, setClinic } from '../helpers/booking-fixtures';

let app: TestApp;
let ids: { practitioner: string; service: string };
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000' });
  // A practitioner with short, hand-checkable hours; a 40-minute treatment with a 5-minute buffer on the clinic's 15-minute grid
  ids = await addPractitionerWithService(
    app,
    'slots-doctor',
    [
      { weekday: 'monday', opens: '09:00', closes: '11:00' },
      { weekday: 'tuesday', opens: '14:00', closes: '15:00' },
      { weekday: 'saturday', opens: '10:00', closes: '11:00' },
    ],
    { durationMinutes: 40, bufferMinutes: 5 },
  );
  clock(app).set(new Date('2027-03-07T03:00:00Z')); // Sunday 7 March 2027, 12:00 in Seoul
});
afterAll(async () => {
  await app?.stop();
});

const week = async () => {
  const res = await app.request().get(`/api/booking/slots?service=${ids.service}&from=2027-03-08&to=2027-03-14`).expect(200);
  return res.body.data as { timeZone: string; slots: Array<{ start: string; end: string; practitionerId: string }> };
};

describe('GET /api/booking/slots in a normal week (Asia/Seoul)', () => {
  it('matches the hand-computed table', async () => {
    const data = await week();
    expect(data.timeZone).toBe('Asia/Seoul');
    expect(data.slots.map((s) => [s.start, s.end])).toEqual([
      ['2027-03-08T09:00:00.000+09:00', '2027-03-08T09:40:00.000+09:00'],
      ['2027-03-08T09:15:00.000+09:00', '2027-03-08T09:55:00.000+09:00'],
      ['2027-03-08T09:30:00.000+09:00', '2027-03-08T10:10:00.000+09:00'],
      ['2027-03-08T09:45:00.000+09:00', '2027-03-08T10:25:00.000+09:00'],
      ['2027-03-08T10:00:00.000+09:00', '2027-03-08T10:40:00.000+09:00'],
      ['2027-03-08T10:15:00.000+09:00', '2027-03-08T10:55:00.000+09:00'],
      ['2027-03-09T14:00:00.000+09:00', '2027-03-09T14:40:00.000+09:00'],
      ['2027-03-09T14:15:00.000+09:00', '2027-03-09T14:55:00.000+09:00'],
      ['2027-03-13T10:00:00.000+09:00', '2027-03-13T10:40:00.000+09:00'],
      ['2027-03-13T10:15:00.000+09:00', '2027-03-13T10:55:00.000+09:00'],
    ]);
    expect(new Set(data.slots.map((s) => s.practitionerId))).toEqual(new Set([ids.practitioner]));
  });

  it('drops what a booking and its buffer cover, and what closures close', async () => {
    // Given a booking at Monday 09:30: [09:30, 10:15) with its buffer
    await app.request().post('/api/booking/reservations').send(bookingBody({ service: ids.service, start: '2027-03-08T09:30:00+09:00' })).expect(201);
    // and the practitioner on leave Tuesday, the whole clinic closed Saturday
    await app.strapi.documents('api::closure.closure').create({ data: { startDate: '2027-03-09', kind: 'leave', practitioner: ids.practitioner } } as never);
    await app.strapi.documents('api::closure.closure').create({ data: { startDate: '2027-03-12', endDate: '2027-03-13', kind: 'holiday' } } as never);
    // Then only Monday 10:15 is left: every earlier start would run into [09:30, 10:15)
    const data = await week();
    expect(data.slots.map((s) => s.start)).toEqual(['2027-03-08T10:15:00.000+09:00']);
  });

  it('offers nothing within the minimum notice or in the past', async () => {
    clock(app).set(new Date('2027-03-08T00:30:00Z')); // Monday 09:30: 2 hours' notice ends 11:30
    try {
      const res = await app.request().get(`/api/booking/slots?service=${ids.service}&from=2027-03-01&to=2027-03-08`).expect(200);
      expect(res.body.data.slots).toEqual([]);
    } finally {
      clock(app).set(new Date('2027-03-07T03:00:00Z'));
    }
  });
});

describe('GET /api/booking/slots after an editor changes the catalogue', () => {
  // Each instance keeps the catalogue between slot queries (src/api/booking/services/cached-catalog.ts): every change must show at once.
  const monday = async (service: string) => {
    const res = await app.request().get(`/api/booking/slots?service=${service}&from=2027-03-08&to=2027-03-08`);
    return { status: res.status, code: res.body.error?.details?.code, starts: (res.body.data?.slots ?? []).map((s: { start: string }) => s.start.slice(11, 16)) };
  };

  it('shows new hours, closures, clinic settings and a withdrawn treatment in the very next query', async () => {
    const { practitioner, service } = await addPractitionerWithService(app, 'hours-doctor', [{ weekday: 'monday', opens: '09:00', closes: '10:00' }], {
      durationMinutes: 30,
    });
    expect((await monday(service)).starts).toEqual(['09:00', '09:15', '09:30']);

    // When the practitioner's hours shrink
    await app.strapi.documents('api::practitioner.practitioner').update({
      documentId: practitioner,
      data: { weeklyHours: [{ weekday: 'monday', opens: '09:00', closes: '09:45' }] },
    } as never);
    expect((await monday(service)).starts).toEqual(['09:00', '09:15']);

    // When the clinic moves to a 30-minute grid, and back
    await setClinic(app, { slotStepMinutes: 30 });
    expect((await monday(service)).starts).toEqual(['09:00']);
    await setClinic(app, { slotStepMinutes: 15 });
    expect((await monday(service)).starts).toEqual(['09:00', '09:15']);

    // When the practitioner takes Monday off, and the leave is withdrawn
    const leave = (await app.strapi.documents('api::closure.closure').create({
      data: { startDate: '2027-03-08', kind: 'leave', practitioner },
    } as never)) as unknown as { documentId: string };
    expect((await monday(service)).starts).toEqual([]);
    await app.strapi.documents('api::closure.closure').delete({ documentId: leave.documentId } as never);
    expect((await monday(service)).starts).toEqual(['09:00', '09:15']);

    // When the treatment is withdrawn
    await app.strapi.documents('api::service.service').update({ documentId: service, locale: 'en', data: { active: false } } as never);
    expect(await monday(service)).toMatchObject({ status: 422, code: 'UNKNOWN_SERVICE' });
  });
});
