import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { bookFirstFree, clock, demoCatalog, sessionFor, type Person } from '../helpers/privacy-rights';
import { accountOf, registerMember } from '../helpers/members';
import { adminToken } from '../helpers/admin';
import { usesPostgres } from '../helpers/database';
import { CONSULTATION_CONSENTS, MEMBERSHIP_CONSENTS, privacy } from '../helpers/privacy';

const MAIL_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-rights-mail-'));
let app: TestApp;
let officer: string;
let catalog: Awaited<ReturnType<typeof demoCatalog>>;

beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000', MAIL_DIR });
  officer = await adminToken(app, 'strapi-super-admin');
  catalog = await demoCatalog(app);
});
afterAll(async () => {
  await app?.stop();
  fs.rmSync(MAIL_DIR, { recursive: true, force: true });
});
beforeEach(() => clock(app).set(new Date('2027-03-01T00:00:00Z')));

const book = (person: Person, consents: Record<string, boolean> = {}) => bookFirstFree(app, catalog, person, consents);

const register = (person: Person, password = 'A-long-passw0rd') =>
  registerMember(app, { email: person.email, password, birthDate: '1985-02-14', name: person.name, phone: person.phone, consents: MEMBERSHIP_CONSENTS });

const ask = (person: Person) =>
  app
    .request()
    .post('/api/consultations')
    .send({ name: person.name, email: person.email, question: 'Is a second opinion possible?', consents: CONSULTATION_CONSENTS })
    .expect(201);

const complain = (person: Person, message = 'I was mailed about a treatment I never booked.') =>
  app.request().post('/api/privacy/complaints').send({ email: person.email, name: person.name, message }).expect(201);

/** Opens an outbox row's (encrypted) envelope. */
async function envelopeOf(row: { document_id: string }) {
  const opened = (await app.strapi
    .documents('api::outbox-message.outbox-message')
    .findOne({ documentId: row.document_id } as never)) as unknown as { envelope: string };
  return JSON.parse(opened.envelope) as { to: string; subject: string; text: string };
}

/**
 * Which of the needles the database still holds: on SQLite the bytes of the file and its
 * write-ahead log (free pages included), on PostgreSQL every row of every table.
 */
async function traces(needles: string[]): Promise<string[]> {
  const knex = app.strapi.db.connection;
  if (usesPostgres()) {
    const tables: string[] = (await knex.raw(`select tablename from pg_tables where schemaname = current_schema()`)).rows.map(
      (r: { tablename: string }) => r.tablename,
    );
    let dump = '';
    for (const table of tables) dump += JSON.stringify(await knex(table).select('*'));
    return needles.filter((n) => dump.includes(n));
  }
  const file = process.env.DATABASE_FILENAME as string;
  const bytes = Buffer.concat(['', '-wal'].filter((s) => fs.existsSync(file + s)).map((s) => fs.readFileSync(file + s)));
  return needles
    .filter((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')))
    .map((n) => n.slice(0, 24));
}

describe('GET /api/privacy/my-data', () => {
  it('gives a member everything held on them: profile, reservations, consultations, complaints, receipts, ledger', async () => {
    const person = { name: 'Dahye Fakename', email: 'dahye.fakename@example.test', phone: '010-5555-0301' };
    const { jwt } = await register(person);
    await book(person);
    await ask(person);
    await complain(person);

    const res = await app.request().get('/api/privacy/my-data').set('Authorization', `Bearer ${jwt}`).expect(200);
    const data = res.body.data;
    expect(res.headers['cache-control']).toBe('no-store');
    expect(data.format).toBe('clinic-cms/my-data@1');
    expect(data.subject).toEqual({ subjectId: privacy(app.strapi).consent.subjectIdFor(person.email), identifiedBy: 'member' });
    expect(data.profile).toMatchObject({
      name: person.name,
      email: person.email,
      phone: person.phone,
      birthDate: '1985-02-14',
      status: 'active',
      restricted: false,
    });
    expect(data.reservations).toHaveLength(1);
    expect(data.reservations[0]).toMatchObject({
      status: 'confirmed',
      service: expect.any(String),
      patient: { name: person.name, email: person.email, phone: person.phone },
    });
    expect(data.consultations).toEqual([
      expect.objectContaining({ name: person.name, question: 'Is a second opinion possible?', status: 'open' }),
    ]);
    expect(data.complaints).toEqual([
      expect.objectContaining({ email: person.email, status: 'open', message: expect.stringContaining('never booked') }),
    ]);
    const services = data.consentReceipts.map((r: { services: Array<{ service: string }> }) => r.services[0].service).sort();
    expect(services).toEqual(['consultation', 'membership', 'reservation']);
    const receipt = data.consentReceipts.find((r: { services: Array<{ service: string }> }) => r.services[0].service === 'membership');
    expect(receipt).toMatchObject({
      version: 'KI-CR-v1.1.0',
      piiPrincipalId: data.subject.subjectId,
      piiControllers: [expect.objectContaining({ piiController: expect.any(String), contact: expect.any(String) })],
      policyUrl: expect.stringContaining('/api/privacy-policy?version=1'),
      policyVersion: 1,
      collectionMethod: expect.any(String),
      consentTimestamp: expect.any(Number),
    });
    expect(receipt.services[0].purposes[0]).toMatchObject({
      consented: true,
      piiCategory: expect.arrayContaining(['Name']),
      termination: expect.any(String),
    });
    expect(data.ledger.map((r: { itemKey: string }) => r.itemKey)).toEqual(
      expect.arrayContaining(['membership_collection', 'reservation_collection', 'reservation_health', 'consultation_collection']),
    );
    expect(data.provisions).toEqual([]);
  });

  it('gives a booking-only patient that one reservation by X-Manage-Token, without any member profile or consent history', async () => {
    const person = { name: 'Yerin Inventa', email: 'yerin.inventa@example.test', phone: '010-5555-0302' };
    const { manageToken } = await book(person);
    const res = await app.request().get('/api/privacy/my-data').set('X-Manage-Token', manageToken).expect(200);
    expect(res.body.data.subject.identifiedBy).toBe('manage-token');
    expect(res.body.data.profile).toBeNull();
    expect(res.body.data.reservations).toEqual([
      expect.objectContaining({ patient: expect.objectContaining({ name: person.name, phone: person.phone }) }),
    ]);
    // The consent history of the address needs a privacy session; the reservation keeps the receipt of its own consents.
    const documentId = (await app.strapi.db.connection('reservations').where('reference', res.body.data.reservations[0].reference).first()).document_id;
    expect(res.body.data.consentReceipts.map((r: { scope: string }) => r.scope)).toEqual([`reservation:${documentId}`]);

    // The officer's Requests page lists the access request, answered the same day, in the chained access log.
    const history = await app.request().get('/privacy-guard/requests/history').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(history.body.data.accessRequests[0]).toMatchObject({
      subjectId: res.body.data.subject.subjectId,
      via: 'manage-token',
      answeredWithinDays: 0,
    });
    expect(JSON.stringify(history.body.data)).not.toContain(person.email);
    const chain = await app.request().get('/privacy-guard/access-log/verify').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(chain.body.data.ok).toBe(true);
  });

  it('gives a booking-only patient with a privacy session every reservation held on the address, with the receipts', async () => {
    const person = { name: 'Nabi Inventa', email: 'nabi.inventa@example.test', phone: '010-5555-0307' };
    const first = await book(person);
    const second = await book(person);
    const session = await sessionFor(app, person.email);
    const res = await app.request().get('/api/privacy/my-data').set('X-Privacy-Session', session).expect(200);
    expect(res.body.data.subject.identifiedBy).toBe('privacy-session');
    expect(res.body.data.profile).toBeNull();
    expect(res.body.data.reservations.map((r: { reference: string }) => r.reference).sort()).toEqual([first.reference, second.reference].sort());
    // One receipt per booking: each booking's consents bind that booking (they came without proof of control).
    const scopes = res.body.data.consentReceipts.map((r: { scope: string }) => r.scope);
    expect(scopes).toHaveLength(2);
    for (const scope of scopes) expect(scope).toMatch(/^reservation:/);
  });

  it('refuses callers who are not identified', async () => {
    expect((await app.request().get('/api/privacy/my-data').expect(401)).body.error.details.code).toBe('VERIFICATION_REQUIRED');
    expect(
      (await app.request().get('/api/privacy/my-data').set('Authorization', 'Bearer nonsense').expect(401)).body.error.details.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (await app.request().get('/api/privacy/my-data').set('X-Manage-Token', 'A'.repeat(43)).expect(404)).body.error.details.code,
    ).toBe('NOT_FOUND');
  });
});

describe('corrections and restriction', () => {
  it('restricts the data while a correction is pending (no reminder, no third-party export), then applies it, lifts it and mails the outcome', async () => {
    const person = { name: 'Hyunwoo Notreal', email: 'hyunwoo.notreal@example.test', phone: '010-5555-0303' };
    const { manageToken, reference } = await book(person, { third_party_provision: true });
    const provision = (await app.strapi.db.query('plugin::privacy-guard.provision').create({
      data: {
        recipient: 'Partner Pharmacy (made up)',
        purpose: 'Aftercare',
        dataItems: ['Name', 'Phone number'],
        period: '1 year',
        legalBasis: 'consent',
        startsAt: new Date('2027-01-01T00:00:00Z'),
        consentItemKey: 'third_party_provision',
        active: true,
      },
    })) as { id: number };
    const rights = app.strapi.plugin('privacy-guard').service('rights') as {
      thirdPartyExport(id: number): Promise<{ records: Array<{ reference: string }>; withheldRestricted: number }>;
    };
    expect((await rights.thirdPartyExport(provision.id)).records.map((r) => r.reference)).toContain(reference);

    const bad = await app
      .request()
      .post('/api/privacy/corrections')
      .set('X-Manage-Token', manageToken)
      .send({ field: 'shoeSize', value: '' })
      .expect(400);
    expect(bad.body.error.details).toMatchObject({ code: 'VALIDATION', fields: expect.arrayContaining(['field', 'value']) });
    const asked = await app
      .request()
      .post('/api/privacy/corrections')
      .set('X-Manage-Token', manageToken)
      .send({ field: 'phone', value: '010-5555-0909', reason: 'New number' })
      .expect(201);
    expect(asked.body.data).toMatchObject({ reference: expect.stringMatching(/^K-/), status: 'pending', restricted: true });
    const stored = await app.strapi.db.connection('privacy_corrections').where('reference', asked.body.data.reference).first();
    expect(stored.value).toMatch(/^enc2:/);
    const reservation = await app.strapi.db.connection('reservations').where('reference', reference).first();
    expect(Boolean(reservation.restricted)).toBe(true);

    const exported = await rights.thirdPartyExport(provision.id);
    expect(exported.records.map((r) => r.reference)).not.toContain(reference);
    expect(exported.withheldRestricted).toBe(1);

    clock(app).set(new Date('2027-03-01T01:30:00Z')); // past 10:00 in Seoul, the reminder's time
    const outbox = app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> };
    await outbox.drain();
    const reminder = await app.strapi.db
      .connection('outbox_messages')
      .where({ kind: 'booking.reminder', related_document_id: reservation.document_id })
      .first();
    expect(reminder.status).toBe('skipped');

    const list = await app.request().get('/privacy-guard/corrections?status=pending').set('Authorization', `Bearer ${officer}`).expect(200);
    const pending = list.body.data.find((c: { reference: string }) => c.reference === asked.body.data.reference);
    expect(pending).toMatchObject({ field: 'phone', value: '010-5555-0909', reason: 'New number' });
    await app.request().post(`/privacy-guard/corrections/${pending.id}/resolve`).send({ outcome: 'applied', message: 'Done.' }).expect(401);
    const resolved = await app
      .request()
      .post(`/privacy-guard/corrections/${pending.id}/resolve`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ outcome: 'applied', message: 'Your new number is on file.' })
      .expect(200);
    expect(resolved.body.data).toMatchObject({ status: 'applied', restricted: false });
    await app
      .request()
      .post(`/privacy-guard/corrections/${pending.id}/resolve`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ outcome: 'rejected', message: 'x' })
      .expect(409);

    const after = (await app.strapi
      .documents('api::reservation.reservation')
      .findOne({ documentId: reservation.document_id } as never)) as unknown as Record<string, unknown>;
    expect(after).toMatchObject({ restricted: false, patientPhone: '010-5555-0909' });
    expect((await rights.thirdPartyExport(provision.id)).records.map((r) => r.reference)).toContain(reference);
    const mail = await app.strapi.db
      .connection('outbox_messages')
      .where({ kind: 'privacy.correction-outcome', related_document_id: pending.id })
      .first();
    const envelope = await envelopeOf(mail);
    expect(envelope.to).toBe(person.email);
    expect(envelope.text).toContain('Your new number is on file.');

    // The reminder skipped while restricted goes out now that the restriction lifted (the visit is still ahead), once.
    await outbox.drain();
    const reminders = await app.strapi.db
      .connection('outbox_messages')
      .where({ kind: 'booking.reminder', related_document_id: reservation.document_id })
      .orderBy('id');
    expect(reminders.map((m) => m.status)).toEqual(['skipped', 'sent']);
    await (app.strapi.service('api::booking.manage') as { refreshReminders(subjectId: string): Promise<number> }).refreshReminders(
      reservation.subject_id,
    );
    const [{ n }] = await app.strapi.db
      .connection('outbox_messages')
      .where({ kind: 'booking.reminder', related_document_id: reservation.document_id })
      .count({ n: '*' });
    expect(Number(n)).toBe(2);
  });
});

describe('POST /api/privacy/withdrawal', () => {
  it('destroys everything of a member at once, leaves no trace in the database files, and the account can no longer log in', async () => {
    const person = { name: 'Taeyang Madeupson', email: 'taeyang.madeupson@example.test', phone: '010-5555-0404' };
    const { jwt, user } = await register(person);
    const { reference } = await book(person);
    await ask(person);
    await complain(person, 'Please tell me who saw my file, Taeyang Madeupson.');
    await app
      .request()
      .post('/api/privacy/corrections')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ field: 'name', value: 'Taeyang Madeupson-Lee' })
      .expect(201);
    const outbox = app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> };
    await outbox.drain(); // the confirmation and the consultation receipt go out and leave copies in MAIL_DIR
    const subjectId = privacy(app.strapi).consent.subjectIdFor(person.email);
    const knex = app.strapi.db.connection;
    const envelopes: string[] = [];
    for (const [table, columns] of Object.entries({
      member_profiles: ['name', 'email', 'phone'],
      reservations: ['patient_name', 'patient_email'],
      consultations: ['name', 'question'],
      complaints: ['email', 'message'],
      privacy_corrections: ['value'],
    })) {
      for (const row of await knex(table).where('subject_id', subjectId)) for (const c of columns) if (row[c]) envelopes.push(row[c]);
    }
    expect(envelopes.length).toBeGreaterThanOrEqual(10);
    const mailFiles = () => fs.readdirSync(MAIL_DIR).filter((f) => fs.readFileSync(path.join(MAIL_DIR, f), 'utf8').includes(person.email));
    expect(mailFiles().length).toBeGreaterThan(0);
    const reservationRow = await knex('reservations').where('reference', reference).first();
    expect(await knex('booking_slot_cells').where('reservation_document_id', reservationRow.document_id)).not.toHaveLength(0);

    const needles = [person.name, person.email, person.phone, 'Madeupson', ...envelopes];
    expect((await traces(needles)).length).toBeGreaterThan(0); // the scan does see what is stored

    const { seq: lastBefore } = (await knex('privacy_consent_ledger').max({ seq: 'seq' }).first()) as { seq: number };
    const res = await app.request().post('/api/privacy/withdrawal').set('Authorization', `Bearer ${jwt}`).send({}).expect(200);
    expect(res.body.data).toEqual({
      reference: expect.stringMatching(/^D-/),
      destroyedAt: '2027-03-01T00:00:00.000Z',
      categories: expect.any(Array),
    });
    const categories = Object.fromEntries(res.body.data.categories.map((c: { category: string; count: number }) => [c.category, c.count]));
    expect(categories).toMatchObject({
      reservation: 1,
      consultation: 1,
      'member-profile': 1,
      'member-account': 1,
      'complaint-personal-fields': 1,
      'correction-request': 1,
    });
    expect(categories['outbox-mail']).toBeGreaterThan(0);

    await app.request().post('/api/auth/local').send({ identifier: person.email, password: 'A-long-passw0rd' }).expect(400);
    expect(
      (await app.request().get('/api/privacy/my-data').set('Authorization', `Bearer ${jwt}`).expect(401)).body.error.details.code,
    ).toBe('UNAUTHENTICATED');
    expect(await knex('up_users').where('id', user.id)).toHaveLength(0);
    expect(await knex('booking_slot_cells').where('reservation_document_id', reservationRow.document_id)).toHaveLength(0);
    expect(await knex('outbox_messages').where('subject_id', subjectId)).toHaveLength(0);
    expect(mailFiles()).toHaveLength(0);

    const ledger = await knex('privacy_consent_ledger').where('subject_id', subjectId).orderBy('seq');
    // The withdrawal withdraws every standing grant (refusals made while booking are rows of their own, from before).
    expect(
      ledger
        .filter((r) => r.action === 'withdrawn' && r.seq > lastBefore)
        .map((r) => r.item_key)
        .sort(),
    ).toEqual(
      ['consultation_collection', 'consultation_health', 'membership_collection', 'reservation_collection', 'reservation_health'].sort(),
    );
    expect((await privacy(app.strapi).consent.verify()).ok).toBe(true);
    const log = await knex('privacy_destruction_log').where('subject_id', subjectId);
    expect(log.every((row) => String(row.performed_by).startsWith('self:D-'))).toBe(true);

    expect(await traces(needles)).toEqual([]);
  });

  it('erases the reservation of a manage token, and only it, and answers a destruction receipt', async () => {
    const person = { name: 'Sumin Pretendson', email: 'sumin.pretendson@example.test', phone: '010-5555-0505' };
    const { manageToken } = await book(person);
    const other = await book(person);
    const res = await app.request().post('/api/privacy/withdrawal').set('X-Manage-Token', manageToken).send({}).expect(200);
    expect(res.body.data.categories).toEqual(expect.arrayContaining([{ category: 'reservation', count: 1 }]));
    await app.request().get(`/api/booking/manage/${other.manageToken}`).expect(200);
    await app.request().get('/api/privacy/my-data').set('X-Manage-Token', manageToken).expect(404);
    await app.request().get(`/api/booking/manage/${manageToken}`).expect(404);
    const stats = await app.strapi.db.connection('privacy_statistics').where({ metric: 'reservation.confirmed', day: '2027-03-02' });
    expect(stats.reduce((n, s) => n + Number(s.count), 0)).toBeGreaterThanOrEqual(1);
  });

  it('erases every reservation of a booking-only patient through a privacy session, and the session ends', async () => {
    const person = { name: 'Jiho Pretendson', email: 'jiho.pretendson@example.test', phone: '010-5555-0506' };
    const first = await book(person);
    const second = await book(person);
    const session = await sessionFor(app, person.email);
    const res = await app.request().post('/api/privacy/withdrawal').set('X-Privacy-Session', session).send({}).expect(200);
    expect(res.body.data.categories).toEqual(expect.arrayContaining([{ category: 'reservation', count: 2 }]));
    for (const token of [first.manageToken, second.manageToken]) await app.request().get(`/api/booking/manage/${token}`).expect(404);
    expect((await app.request().get('/api/privacy/my-data').set('X-Privacy-Session', session).expect(401)).body.error.details.code).toBe('SESSION_EXPIRED');
  });
});

describe('expulsion', () => {
  it("lets staff expel a member: the data goes at once, logged as staff's act, and the account cannot log in", async () => {
    const person = { name: 'Woojin Unreal', email: 'woojin.unreal@example.test', phone: '010-5555-0606' };
    const { user } = await register(person);
    await book(person);
    await app.request().post(`/privacy-guard/members/${user.id}/expel`).send({}).expect(401);
    const res = await app
      .request()
      .post(`/privacy-guard/members/${user.id}/expel`)
      .set('Authorization', `Bearer ${officer}`)
      .send({})
      .expect(200);
    expect(res.body.data.categories).toEqual(
      expect.arrayContaining([
        { category: 'member-account', count: 1 },
        { category: 'reservation', count: 1 },
      ]),
    );
    await app.request().post('/api/auth/local').send({ identifier: person.email, password: 'A-long-passw0rd' }).expect(400);
    const subjectId = privacy(app.strapi).consent.subjectIdFor(person.email);
    const log = await app.strapi.db.connection('privacy_destruction_log').where({ subject_id: subjectId, rule: 'expulsion' });
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((row) => /^admin:\d+:D-/.test(row.performed_by))).toBe(true);
    const withdrawn = await app.strapi.db
      .connection('privacy_consent_ledger')
      .where({ subject_id: subjectId, action: 'withdrawn', actor: 'staff' });
    expect(withdrawn.map((r) => r.item_key)).toContain('membership_collection');
    await app.request().post(`/privacy-guard/members/${user.id}/expel`).set('Authorization', `Bearer ${officer}`).send({}).expect(404);
  });

  it("expels an account nobody confirmed alone: what the address's owner holds stays (anyone can register with any address)", async () => {
    const owner = { name: 'Dain Unreal', email: 'dain.unreal@example.test', phone: '010-5555-0607' };
    const booked = await book(owner);
    await app
      .request()
      .post('/api/auth/local/register')
      .send({ email: owner.email, password: 'Strangers-passw0rd', birthDate: '1990-01-01', name: 'Not Dain', consents: MEMBERSHIP_CONSENTS })
      .expect(200);
    const stranger = await accountOf(app, owner.email);
    const res = await app.request().post(`/privacy-guard/members/${stranger.id}/expel`).set('Authorization', `Bearer ${officer}`).send({}).expect(200);
    expect(res.body.data.categories).toEqual(expect.arrayContaining([{ category: 'member-account', count: 1 }]));
    expect(res.body.data.categories.map((c: { category: string }) => c.category)).not.toContain('reservation');
    await app.request().get(`/api/booking/manage/${booked.manageToken}`).expect(200);
    const logged = await app.strapi.db.connection('privacy_destruction_log').where({ rule: 'staff-deletion', subject_id: privacy(app.strapi).consent.subjectIdFor(owner.email) });
    expect(logged.map((r) => r.category).sort()).toEqual(expect.arrayContaining(['member-account', 'member-profile']));
  });
});

describe('complaints', () => {
  it("takes a complaint from anyone, and mails the officer's result when it is resolved", async () => {
    const bad = await app.request().post('/api/privacy/complaints').send({ email: 'not-an-email', message: '' }).expect(400);
    expect(bad.body.error.details).toMatchObject({ code: 'VALIDATION', fields: expect.arrayContaining(['email', 'message']) });
    const res = await app
      .request()
      .post('/api/privacy/complaints')
      .send({ email: 'jaeho.imaginary@example.test', message: 'Who can see my phone number?', locale: 'ko' })
      .expect(201);
    expect(res.body).toEqual({ data: { reference: expect.stringMatching(/^C-[0-9A-Z]{8}$/) } });
    const row = await app.strapi.db.connection('complaints').where('reference', res.body.data.reference).first();
    expect(row.email).toMatch(/^enc2:/);
    expect(row.message).toMatch(/^enc2:/);
    expect(new Date(Number(row.due_at) || row.due_at).toISOString()).toBe('2027-03-11T00:00:00.000Z');

    await app
      .request()
      .post(`/privacy-guard/complaints/${row.document_id}/resolve`)
      .set('Authorization', `Bearer ${officer}`)
      .send({})
      .expect(400);
    const done = await app
      .request()
      .post(`/privacy-guard/complaints/${row.document_id}/resolve`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ result: 'Only the front desk and your practitioner can.' })
      .expect(200);
    expect(done.body.data).toMatchObject({ status: 'resolved', mailed: true });
    const mail = await app.strapi.db
      .connection('outbox_messages')
      .where({ kind: 'privacy.complaint-result', related_document_id: row.document_id })
      .first();
    const envelope = await envelopeOf(mail);
    expect(envelope).toMatchObject({ to: 'jaeho.imaginary@example.test' });
    expect(envelope.text).toContain('Only the front desk and your practitioner can.');
    expect(envelope.subject).toContain(res.body.data.reference);
    await app
      .request()
      .post(`/privacy-guard/complaints/${row.document_id}/resolve`)
      .set('Authorization', `Bearer ${officer}`)
      .send({ result: 'again' })
      .expect(409);
  });
});
