import { startStrapi, type TestApp } from '../helpers/strapi';
import { REQUIRED_CONSENTS, addPractitionerWithService, clock } from '../helpers/booking-fixtures';
import { freeSlots, readPublication } from '../helpers/fhir';

/**
 * A Slot published `free` must be one a booking would get right now: a directory sends people to
 * book it. The patients here are made up, and none of their values may reach any published file.
 */
const SATURDAY_NOON = new Date('2027-03-06T03:00:00Z'); // Saturday 6 March 2027, 12:00 in Seoul
const SUNDAY = '2027-03-07';

let app: TestApp;
let doctor: string;
let longService: string;
let shortService: string;

beforeAll(async () => {
  app = await startStrapi({ RATE_LIMIT_PER_MINUTE: '100000' });
  // The demo practitioners never work on Sunday: Sunday's slots are this practitioner's, two treatments of theirs.
  const added = await addPractitionerWithService(app, 'fhir-doctor', [{ weekday: 'sunday', opens: '09:00', closes: '10:30' }], {
    durationMinutes: 30,
    bufferMinutes: 0,
  });
  doctor = added.practitioner;
  longService = added.service;
  const short = (await app.strapi.documents('api::service.service').create({
    locale: 'en',
    data: { slug: 'fhir-doctor-check', name: 'fhir-doctor check', durationMinutes: 15, bufferMinutes: 0, practitioners: [doctor] },
  } as never)) as unknown as { documentId: string };
  shortService = short.documentId;
  clock(app).set(SATURDAY_NOON);
});
afterAll(async () => {
  await app?.stop();
});

const onSunday = async () => (await freeSlots(app)).filter((slot) => slot.start.startsWith(SUNDAY));
const startsOf = (slots: Array<{ start: string; service: string }>, service: string) =>
  slots.filter((slot) => slot.service === service).map((slot) => slot.start.slice(11, 16));

let patients = 0;
/** Books a published slot as a directory's visitor would, with the values its deep link carries. */
async function book(slot: { service: string; practitioner: string; linkStart: string }, patient: Record<string, unknown> = {}) {
  patients += 1;
  return app
    .request()
    .post('/api/booking/reservations')
    .send({
      service: slot.service,
      practitioner: slot.practitioner,
      start: slot.linkStart,
      patient: {
        name: `Made Up ${patients}`,
        birthDate: '1988-06-01',
        phone: `010-5555-${String(2000 + patients)}`,
        email: `fhir${patients}@example.test`,
        ...patient,
      },
      consents: REQUIRED_CONSENTS,
      locale: 'en',
    });
}
const cancel = (manageToken: string) => app.request().post(`/api/booking/manage/${manageToken}/cancel`).send({}).expect(200);

describe('free Slots of a day (Sunday, one practitioner, a 30- and a 15-minute treatment)', () => {
  it('are the times the practitioner can take', async () => {
    const sunday = await onSunday();
    expect(startsOf(sunday, longService)).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00']);
    expect(startsOf(sunday, shortService)).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00', '10:15']);
    expect(new Set(sunday.map((slot) => slot.practitioner))).toEqual(new Set([doctor]));
  });

  it('can each be booked (201), and then neither it nor any slot overlapping it is free; cancelling frees them again', async () => {
    const before = await onSunday();
    for (const slot of before) {
      const booked = await book(slot);
      expect(booked.status).toBe(201);
      expect(booked.body.data.start).toBe(slot.start);
      const after = await onSunday();
      const taken = after.find((s) => s.id === slot.id);
      expect(taken === undefined || taken.status === 'busy').toBe(true);
      const overlapping = after.filter((s) => s.status === 'free' && s.start < slot.end && slot.start < s.end);
      expect(overlapping).toEqual([]);
      await cancel(booked.body.data.manageToken);
      expect((await onSunday()).map((s) => s.id)).toEqual(before.map((s) => s.id));
    }
  });

  it('run out when booked one after another, every booking of a listed slot succeeding', async () => {
    const tokens: string[] = [];
    try {
      for (let left = await onSunday(); left.length > 0; left = await onSunday()) {
        const booked = await book(left[left.length - 1]);
        expect(booked.status).toBe(201);
        tokens.push(booked.body.data.manageToken);
        expect(tokens.length).toBeLessThanOrEqual(6);
      }
      // Nothing left to offer: the slot query agrees
      const res = await app.request().get(`/api/booking/slots?service=${shortService}&from=${SUNDAY}&to=${SUNDAY}`).expect(200);
      expect(res.body.data.slots).toEqual([]);
    } finally {
      for (const token of tokens) await cancel(token);
    }
    expect(await onSunday()).toHaveLength(11);
  });

  it('is not free while a child’s booking waits for the guardian’s code (the slot is held)', async () => {
    const [first] = await onSunday();
    const held = await app
      .request()
      .post('/api/booking/reservations')
      .send({
        service: first.service,
        practitioner: first.practitioner,
        start: first.linkStart,
        patient: { name: 'Made Up Child', birthDate: '2019-05-05', phone: '010-5555-3001', email: 'fhir-child@example.test' },
        guardian: { name: 'Made Up Guardian', phone: '010-5555-3002', email: 'fhir-guardian@example.test', relationship: 'Mother' },
        consents: REQUIRED_CONSENTS,
        locale: 'en',
      });
    expect(held.status).toBe(201);
    expect(held.body.data.status).toBe('pending_guardian');
    expect((await onSunday()).find((s) => s.id === first.id)).toBeUndefined();
    expect((await book(first)).status).toBe(409);
    await cancel(held.body.data.manageToken);
    expect((await onSunday()).find((s) => s.id === first.id)).toBeDefined();
  });
});

describe('Slots and the booking rules', () => {
  it('leave with a closure of the clinic or the practitioner’s leave, and come back when it is withdrawn', async () => {
    const closure = (await app.strapi.documents('api::closure.closure').create({
      data: { startDate: '2027-03-09', kind: 'closure', reason: 'Test closure' },
    } as never)) as unknown as { documentId: string };
    const leave = (await app.strapi.documents('api::closure.closure').create({
      data: { startDate: SUNDAY, kind: 'leave', practitioner: doctor },
    } as never)) as unknown as { documentId: string };
    try {
      const slots = await freeSlots(app);
      expect(slots.filter((slot) => slot.start.startsWith('2027-03-09'))).toEqual([]);
      expect(slots.filter((slot) => slot.start.startsWith(SUNDAY))).toEqual([]);
      expect(slots.filter((slot) => slot.start.startsWith('2027-03-10')).length).toBeGreaterThan(0);
    } finally {
      await app.strapi.documents('api::closure.closure').delete({ documentId: closure.documentId } as never);
      await app.strapi.documents('api::closure.closure').delete({ documentId: leave.documentId } as never);
    }
    const slots = await freeSlots(app);
    expect(slots.filter((slot) => slot.start.startsWith('2027-03-09')).length).toBeGreaterThan(0);
    expect(slots.filter((slot) => slot.start.startsWith(SUNDAY))).toHaveLength(11);
  });

  it('start no sooner than the minimum notice (2 hours) and never in the past', async () => {
    clock(app).set(new Date('2027-03-06T22:45:00Z')); // Sunday 07:45 in Seoul
    try {
      const sunday = await onSunday();
      expect(startsOf(sunday, longService)).toEqual(['09:45', '10:00']);
      clock(app).set(new Date('2027-03-07T01:00:00Z')); // Sunday 10:00
      expect(await onSunday()).toEqual([]);
      const { manifest } = await readPublication(app);
      expect(manifest.transactionTime).toBe('2027-03-07T01:00:00.000Z');
    } finally {
      clock(app).set(SATURDAY_NOON);
    }
  });
});

describe('nothing personal in any published file', () => {
  const PATIENT = {
    name: 'Seoyeon Fhirprobe',
    birthDate: '1979-11-23',
    gender: 'Fhirgender',
    phone: '+82 10-5555-0177',
    email: 'seoyeon.fhirprobe@example.test',
  };
  const NOTE = 'Fhirprobe note: allergic to penicillin';
  const CHILD = { name: 'Jiho Fhirchild', birthDate: '2018-02-14', phone: '010-5555-0186', email: 'jiho.fhirchild@example.test' };
  const GUARDIAN = { name: 'Eunji Fhirparent', phone: '010-5555-0187', email: 'eunji.fhirparent@example.test', relationship: 'Fhirmother' };

  it('holds none of a booked patient’s or a guardian’s values, nor a reference, token or record id', async () => {
    const monday = (await freeSlots(app)).filter((slot) => slot.start.startsWith('2027-03-08'));
    const adult = await app
      .request()
      .post('/api/booking/reservations')
      .send({
        service: monday[0].service,
        practitioner: monday[0].practitioner,
        start: monday[0].linkStart,
        patient: PATIENT,
        note: NOTE,
        consents: REQUIRED_CONSENTS,
        locale: 'en',
      })
      .expect(201);
    const last = monday[monday.length - 1];
    const child = await app
      .request()
      .post('/api/booking/reservations')
      .send({
        service: last.service,
        practitioner: last.practitioner,
        start: last.linkStart,
        patient: CHILD,
        guardian: GUARDIAN,
        consents: REQUIRED_CONSENTS,
        locale: 'ko',
      })
      .expect(201);
    const records = (await app.strapi.db.query('api::reservation.reservation').findMany({ select: ['documentId', 'id'] })) as Array<{
      documentId: string;
    }>;
    expect(records.length).toBeGreaterThanOrEqual(2);

    const { all } = await readPublication(app);
    const values = [
      ...Object.values(PATIENT),
      NOTE,
      ...Object.values(CHILD),
      ...Object.values(GUARDIAN),
      ...[PATIENT.phone, CHILD.phone, GUARDIAN.phone].map((phone) => phone.replace(/\D/g, '')),
      ...[PATIENT.phone, CHILD.phone, GUARDIAN.phone].map((phone) => phone.replace(/\D/g, '').slice(-8)),
      ...[PATIENT.name, CHILD.name, GUARDIAN.name].flatMap((name) => name.split(' ')),
      ...[PATIENT.email, CHILD.email, GUARDIAN.email].map((email) => email.split('@')[0]),
      'Fhirprobe',
      adult.body.data.reference,
      adult.body.data.manageToken,
      child.body.data.reference,
      child.body.data.manageToken,
      ...records.map((record) => record.documentId),
    ];
    const text = all.toLowerCase();
    for (const value of values) expect({ value, found: text.includes(String(value).toLowerCase()) }).toEqual({ value, found: false });
    // The booked times are simply not offered any more
    const after = await freeSlots(app);
    expect(after.find((slot) => slot.id === monday[0].id)).toBeUndefined();
    expect(after.find((slot) => slot.id === last.id)).toBeUndefined();
  });
});
