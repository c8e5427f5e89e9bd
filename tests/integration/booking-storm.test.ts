import { startStrapi, type TestApp } from '../helpers/strapi';
import { addPractitionerWithService, bookingBody, clock, demoCatalog } from '../helpers/booking-fixtures';

let app: TestApp;
let demo: Awaited<ReturnType<typeof demoCatalog>>;
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000' });
  clock(app).set(new Date('2027-03-07T03:00:00Z')); // Sunday 12:00 in Seoul
  demo = await demoCatalog(app);
});
afterAll(async () => {
  await app?.stop();
});

interface Live {
  startsAt: string;
  endsAt: string;
  state: string;
}

const post = (body: unknown) => app.request().post('/api/booking/reservations').send(body as object);

async function liveReservationsOf(practitioner: string) {
  return (await app.strapi.documents('api::reservation.reservation').findMany({
    filters: { practitioner: { documentId: practitioner }, state: { $in: ['confirmed', 'pending_guardian'] } },
  } as never)) as unknown as Live[];
}

describe('a storm of simultaneous bookings', () => {
  it('gives one slot to exactly one of 100 simultaneous requests; the rest get 409 SLOT_UNAVAILABLE', async () => {
    const body = (i: number) =>
      bookingBody({
        service: demo.service['first-consultation'],
        practitioner: demo.practitioner['hana-yoon'],
        start: '2027-03-09T11:00:00+09:00',
        patient: { name: `Storm Patient ${i}`, birthDate: '1985-01-01', phone: '+82 10-5555-0000', email: `storm${i}@example.com` },
      });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => post(body(i))));
    const ms = Date.now() - started;
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.details.code).toBe('SLOT_UNAVAILABLE');
    const live = await liveReservationsOf(demo.practitioner['hana-yoon']);
    expect(live.filter((r) => new Date(r.startsAt).toISOString() === '2027-03-09T02:00:00.000Z')).toHaveLength(1);
    process.stdout.write(`storm (one slot): 100 requests, 1 × 201, 99 × 409 in ${ms} ms\n`);
  });

  it('never lets overlapping unequal intervals (different lengths, odd starts) both in', async () => {
    // One practitioner, four treatments of different lengths and grids, one of them on a 5-minute grid
    const owl = await addPractitionerWithService(app, 'storm-doctor', [{ weekday: 'wednesday', opens: '09:00', closes: '13:00' }], {
      durationMinutes: 35,
      bufferMinutes: 0,
      slotStepMinutes: 5,
    });
    const more = await Promise.all(
      [
        { durationMinutes: 20, bufferMinutes: 10, slotStepMinutes: 15 },
        { durationMinutes: 50, bufferMinutes: 5, slotStepMinutes: 10 },
        { durationMinutes: 90, bufferMinutes: 15, slotStepMinutes: 30 },
      ].map(async (service, i) => {
        const created = (await app.strapi.documents('api::service.service').create({
          locale: 'en',
          data: { slug: `storm-treatment-${i}`, name: `Storm treatment ${i}`, ...service, practitioners: [owl.practitioner] },
        } as never)) as unknown as { documentId: string };
        return { id: created.documentId, ...service };
      }),
    );
    const services = [{ id: owl.service, durationMinutes: 35, bufferMinutes: 0, slotStepMinutes: 5 }, ...more];
    // 100 requests, each a random start on its treatment's grid within the morning
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const requests = Array.from({ length: 100 }, (_, i) => {
      const service = services[random(services.length)];
      const steps = Math.floor((240 - service.durationMinutes) / service.slotStepMinutes) + 1;
      const minutes = 9 * 60 + random(steps) * service.slotStepMinutes;
      const start = `2027-03-10T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+09:00`;
      return bookingBody({
        service: service.id,
        start,
        patient: { name: `Overlap Patient ${i}`, birthDate: '1980-05-05', phone: '+82 10-5555-0001', email: `overlap${i}@example.com` },
      });
    });
    const started = Date.now();
    const answers = await Promise.all(requests.map(post));
    const ms = Date.now() - started;
    const created = answers.filter((a) => a.status === 201);
    for (const a of answers.filter((x) => x.status !== 201)) expect([a.status, a.body.error.details.code]).toEqual([409, 'SLOT_UNAVAILABLE']);
    expect(created.length).toBeGreaterThan(1);

    // Then no two live reservations overlap, buffers included
    const bufferOf = new Map(services.map((s) => [s.durationMinutes, s.bufferMinutes]));
    const live = (await liveReservationsOf(owl.practitioner))
      .map((r) => {
        const start = new Date(r.startsAt).getTime();
        const end = new Date(r.endsAt).getTime();
        return { start, until: end + (bufferOf.get((end - start) / 60_000) ?? 0) * 60_000 };
      })
      .sort((a, b) => a.start - b.start);
    expect(live).toHaveLength(created.length);
    for (let i = 1; i < live.length; i++) expect(live[i].start).toBeGreaterThanOrEqual(live[i - 1].until);
    process.stdout.write(`storm (overlapping intervals): 100 requests, ${created.length} × 201, ${100 - created.length} × 409 in ${ms} ms\n`);
  });
});
