import { startStrapi, type TestApp } from '../helpers/strapi';
import { bookingBody, clock, demoCatalog } from '../helpers/booking-fixtures';
import { isTakenReference } from '../../src/api/booking/services/reservations';

let app: TestApp;
let demo: Awaited<ReturnType<typeof demoCatalog>>;
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await demoCatalog(app);
});
beforeEach(() => clock(app).set(new Date('2027-03-07T03:00:00Z'))); // Sunday 7 March 2027, 12:00 in Seoul
afterAll(async () => {
  await app?.stop();
});

const consultation = () => ({ service: demo.service['first-consultation'], practitioner: demo.practitioner['hana-yoon'] });
const book = (body: unknown, key?: string) => {
  const req = app.request().post('/api/booking/reservations');
  if (key) req.set('Idempotency-Key', key);
  return req.send(body as object);
};
const count = () => app.strapi.documents('api::reservation.reservation').count({} as never);
const refusal = (res: { status: number; body: { error?: { details?: { code?: string } } } }) => [res.status, res.body.error?.details?.code];

describe('POST /api/booking/reservations', () => {
  it('never lets two reservations share a reference: the database refuses a copy, and booking knows the refusal to draw again', async () => {
    const res = await book(bookingBody({ ...consultation(), start: '2027-03-11T16:00:00+09:00' })).expect(201);
    const knex = app.strapi.db.connection;
    const row = await knex('reservations').where('reference', res.body.data.reference).first();
    const { id: _id, ...copy } = row;
    const error = await knex('reservations')
      .insert({ ...copy, document_id: 'copyofreferencetest00000' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).not.toBeNull();
    expect(isTakenReference(error)).toBe(true);
    expect(Number((await knex('reservations').where('reference', res.body.data.reference).count({ n: '*' }))[0].n)).toBe(1);
  });

  it('books, answers the SPEC shape, and stores the manage token only as a hash', async () => {
    const res = await book(bookingBody({ ...consultation(), start: '2027-03-08T14:00:00+09:00' })).expect(201);
    expect(res.body.data).toMatchObject({
      reference: expect.stringMatching(/^R-[A-Z2-9]{4}-[A-Z2-9]{4}$/),
      manageToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      status: 'confirmed',
      start: '2027-03-08T14:00:00.000+09:00',
      end: '2027-03-08T14:30:00.000+09:00',
      service: { id: demo.service['first-consultation'], name: 'First consultation' },
      practitioner: { id: demo.practitioner['hana-yoon'], name: 'Dr. Hana Yoon' },
    });
    const stored = (await app.strapi.documents('api::reservation.reservation').findFirst({
      filters: { reference: res.body.data.reference },
    } as never)) as unknown as { manageTokenHash: string };
    expect(stored.manageTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(res.body.data.manageToken);
  });

  it('announces the booking to webhooks (entry.create) with its public fields and nothing personal', async () => {
    const announced: Array<{ uid: string; entry: Record<string, unknown> }> = [];
    const listener = (event: { uid: string; entry: Record<string, unknown> }) => void announced.push(event);
    app.strapi.eventHub.on('entry.create', listener);
    try {
      const res = await book(bookingBody({ ...consultation(), start: '2027-03-08T11:00:00+09:00' })).expect(201);
      const event = announced.find((e) => e.uid === 'api::reservation.reservation');
      expect(event?.entry).toMatchObject({ reference: res.body.data.reference, state: 'confirmed', documentId: expect.any(String) });
      const text = JSON.stringify(event?.entry);
      for (const secret of ['Minji', 'minji.kim', '5555', 'subjectId', 'manageTokenHash', res.body.data.manageToken])
        expect(text).not.toContain(secret);
    } finally {
      app.strapi.eventHub.off('entry.create', listener);
    }
  });

  it('picks a free practitioner when none is named', async () => {
    const body = bookingBody({ service: demo.service['first-consultation'], start: '2027-03-08T15:00:00+09:00' });
    const first = await book(body).expect(201);
    const second = await book(body).expect(201);
    expect(first.body.data.practitioner.id).not.toBe(second.body.data.practitioner.id);
    expect(refusal(await book(body))).toEqual([409, 'SLOT_UNAVAILABLE']);
  });

  it('answers a repeat with the same Idempotency-Key with the first answer and books nothing more', async () => {
    const body = bookingBody({ ...consultation(), start: '2027-03-08T16:00:00+09:00' });
    const first = await book(body, 'retry-key-1').expect(201);
    const before = await count();
    const retries = await Promise.all([1, 2, 3].map(() => book(body, 'retry-key-1')));
    for (const retry of retries) expect([retry.status, retry.body]).toEqual([201, first.body]);
    expect(await count()).toBe(before);
    // The stored first answer holds the manage token: encrypted at rest like any personal field.
    const stored = await app.strapi.db.connection('idempotency_records').select('response');
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) {
      expect(row.response).toMatch(/^enc2:/);
      expect(row.response).not.toContain(first.body.data.manageToken);
    }
    const other = await book({ ...body, note: 'a different request' }, 'retry-key-1');
    expect(refusal(other)).toEqual([422, 'IDEMPOTENCY_CONFLICT']);
  });

  it('books a child under 14 only with a guardian, and then waits for the guardian', async () => {
    const child = { name: 'Jiho Park', birthDate: '2015-06-01', phone: '+82 10-5555-7777', email: 'jiho.parent@example.com' };
    const without = await book(bookingBody({ ...consultation(), start: '2027-03-08T17:00:00+09:00', patient: child }));
    expect(refusal(without)).toEqual([422, 'GUARDIAN_REQUIRED']);
    const guardian = { name: 'Soyeon Park', phone: '+82 10-5555-7778', email: 'soyeon.park@example.com', relationship: 'mother' };
    const withGuardian = await book(
      bookingBody({ ...consultation(), start: '2027-03-08T17:00:00+09:00', patient: child, guardian }),
    ).expect(201);
    expect(withGuardian.body.data.status).toBe('pending_guardian');
  });
});

describe('refusals, each with its code, changing nothing', () => {
  const cases: Array<
    [
      string,
      () => Promise<{ status: number; body: { error?: { details?: { code?: string; fields?: string[]; keys?: string[] } } } }>,
      number,
      string,
    ]
  > = [
    [
      'a missing field',
      () => book({ ...bookingBody({ ...consultation(), start: '2027-03-08T10:00:00+09:00' }), patient: undefined }),
      400,
      'VALIDATION',
    ],
    [
      'an extra field',
      () => book({ ...bookingBody({ ...consultation(), start: '2027-03-08T10:00:00+09:00' }), price: 0 }),
      400,
      'VALIDATION',
    ],
    [
      'a bad email and a start without offset',
      () =>
        book(
          bookingBody({
            ...consultation(),
            start: '2027-03-08T10:00:00',
            patient: { name: 'A B', birthDate: '1990-01-01', phone: '+82 10-5555-1234', email: 'not-an-email' },
          }),
        ),
      400,
      'VALIDATION',
    ],
    [
      'malformed JSON',
      () => app.request().post('/api/booking/reservations').set('Content-Type', 'application/json').send('{"service": "x",'),
      400,
      'VALIDATION',
    ],
    [
      'an unknown consent key',
      () =>
        book(
          bookingBody({
            ...consultation(),
            start: '2027-03-08T10:00:00+09:00',
            consents: { reservation_collection: true, reservation_health: true, sell_my_data: true },
          }),
        ),
      400,
      'VALIDATION',
    ],
    [
      'an unknown service',
      () => book(bookingBody({ service: 'nosuchservice000000000000', start: '2027-03-08T10:00:00+09:00' })),
      422,
      'UNKNOWN_SERVICE',
    ],
    [
      'a practitioner who does not give the treatment',
      () => book(bookingBody({ ...consultation(), practitioner: demo.practitioner['sora-lim'], start: '2027-03-08T10:00:00+09:00' })),
      422,
      'UNKNOWN_PRACTITIONER',
    ],
    ['a start between grid lines', () => book(bookingBody({ ...consultation(), start: '2027-03-08T10:07:00+09:00' })), 422, 'OFF_GRID'],
    [
      'a start outside working hours',
      () => book(bookingBody({ ...consultation(), start: '2027-03-08T20:00:00+09:00' })),
      409,
      'SLOT_UNAVAILABLE',
    ],
    [
      'a start within the minimum notice',
      () => book(bookingBody({ ...consultation(), start: '2027-03-07T13:00:00+09:00' })),
      422,
      'TOO_LATE',
    ],
    [
      'a start past the horizon',
      () => book(bookingBody({ ...consultation(), start: '2027-06-07T10:00:00+09:00' })),
      422,
      'OUTSIDE_HORIZON',
    ],
    [
      'a missing required consent',
      () => book(bookingBody({ ...consultation(), start: '2027-03-08T10:00:00+09:00', consents: { reservation_collection: true } })),
      422,
      'CONSENT_REQUIRED',
    ],
    [
      'a reversed range',
      () => app.request().get(`/api/booking/slots?service=${demo.service['first-consultation']}&from=2027-03-10&to=2027-03-08`),
      400,
      'RANGE_REVERSED',
    ],
    [
      'a range longer than the horizon',
      () => app.request().get(`/api/booking/slots?service=${demo.service['first-consultation']}&from=2027-03-08&to=2027-06-30`),
      400,
      'RANGE_TOO_LONG',
    ],
    [
      'a range wholly past the horizon',
      () => app.request().get(`/api/booking/slots?service=${demo.service['first-consultation']}&from=2027-06-01&to=2027-06-02`),
      422,
      'OUTSIDE_HORIZON',
    ],
    [
      'an impossible date',
      () => app.request().get(`/api/booking/slots?service=${demo.service['first-consultation']}&from=2027-02-30&to=2027-03-02`),
      400,
      'VALIDATION',
    ],
    [
      'slots of an unknown service',
      () => app.request().get('/api/booking/slots?service=nosuchservice000000000000&from=2027-03-08&to=2027-03-09'),
      422,
      'UNKNOWN_SERVICE',
    ],
  ];

  it.each(cases)('%s', async (_name, call, status, code) => {
    const before = await count();
    const res = await call();
    expect(refusal(res)).toEqual([status, code]);
    expect(res.body).toMatchObject({ data: null, error: { status } });
    expect(await count()).toBe(before);
  });

  it('names the fields of a VALIDATION refusal, extra ones included', async () => {
    const res = await book({ ...bookingBody({ ...consultation(), start: '2027-03-08T10:00:00' }), price: 0 }).expect(400);
    expect(res.body.error.details.fields).toEqual(expect.arrayContaining(['start']));
    expect(JSON.stringify(res.body.error.details)).toContain('price');
    const consent = await book(
      bookingBody({ ...consultation(), start: '2027-03-08T10:00:00+09:00', consents: { reservation_collection: true } }),
    ).expect(422);
    expect(consent.body.error.details.keys).toEqual(['reservation_health']);
  });
});

describe('the manage link', () => {
  const create = async (start: string) =>
    (
      await book(
        bookingBody({
          ...consultation(),
          start,
          patient: { name: 'Kim Minji', birthDate: '1992-09-09', phone: '010-5555-1234', email: 'jane@example.example' },
        }),
      ).expect(201)
    ).body.data;

  it('shows the reservation with personal data masked, and a wrong token is a plain 404', async () => {
    const created = await create('2027-03-09T09:00:00+09:00');
    const view = await app.request().get(`/api/booking/manage/${created.manageToken}`).expect(200);
    expect(view.body.data).toMatchObject({
      reference: created.reference,
      status: 'confirmed',
      start: '2027-03-09T09:00:00.000+09:00',
      patient: { name: 'K** M****', email: 'j***@e***.example', phone: '***-****-1234' },
    });
    const korean = await app.request().get(`/api/booking/manage/${created.manageToken}?locale=ko`).expect(200);
    expect(korean.body.data.service.name).toBe('첫 상담');
    for (const token of ['x'.repeat(43), 'short', created.manageToken.slice(0, -1) + (created.manageToken.endsWith('A') ? 'B' : 'A')]) {
      const res = await app.request().get(`/api/booking/manage/${token}`);
      expect(refusal(res)).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('reschedules to a free time, freeing the old one, and refuses a taken one', async () => {
    const created = await create('2027-03-09T10:00:00+09:00');
    const moved = await app
      .request()
      .post(`/api/booking/manage/${created.manageToken}/reschedule`)
      .send({ start: '2027-03-09T11:00:00+09:00' })
      .expect(200);
    expect(moved.body.data.start).toBe('2027-03-09T11:00:00.000+09:00');
    await book(bookingBody({ ...consultation(), start: '2027-03-09T10:00:00+09:00' })).expect(201);
    const other = await create('2027-03-09T12:00:00+09:00');
    const clash = await app
      .request()
      .post(`/api/booking/manage/${other.manageToken}/reschedule`)
      .send({ start: '2027-03-09T11:15:00+09:00' });
    expect(refusal(clash)).toEqual([409, 'SLOT_UNAVAILABLE']);
    // Moving within its own time (overlapping itself) is fine
    await app
      .request()
      .post(`/api/booking/manage/${created.manageToken}/reschedule`)
      .send({ start: '2027-03-09T11:15:00+09:00' })
      .expect(200);
    const bad = await app.request().post(`/api/booking/manage/${created.manageToken}/reschedule`).send({ start: 'tomorrow' });
    expect(refusal(bad)).toEqual([400, 'VALIDATION']);
  });

  it('cancels, which frees the time at once, and refuses changes within the minimum notice', async () => {
    const created = await create('2027-03-09T14:00:00+09:00');
    const cancelled = await app.request().post(`/api/booking/manage/${created.manageToken}/cancel`).send({}).expect(200);
    expect(cancelled.body.data.status).toBe('cancelled');
    await book(bookingBody({ ...consultation(), start: '2027-03-09T14:00:00+09:00' })).expect(201);

    const soon = await create('2027-03-09T15:00:00+09:00');
    clock(app).set(new Date('2027-03-09T05:30:00Z')); // 14:30 in Seoul: 30 minutes before
    expect(refusal(await app.request().post(`/api/booking/manage/${soon.manageToken}/cancel`).send({}))).toEqual([422, 'TOO_LATE']);
    expect(
      refusal(await app.request().post(`/api/booking/manage/${soon.manageToken}/reschedule`).send({ start: '2027-03-10T09:00:00+09:00' })),
    ).toEqual([422, 'TOO_LATE']);
  });
});
