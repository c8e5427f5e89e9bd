import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { firstSlot, patient, requiredConsents } from '../helpers/booking';
import { parseKeyring, seal } from '../../plugins/privacy-guard/server/src/utils/keyring';
import { firstFormatRetiredByOperator } from '../../plugins/privacy-guard/server/src/services/keys';

/**
 * Encryption cannot be turned against itself: input is sealed as given (a pasted ciphertext is
 * text), and a sealed value opens only in the field and row it was sealed for.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

const UID = 'api::reservation.reservation';
const get = (url: string) => app.request().get(url);

let n = 0;
async function book(extra: Record<string, unknown> = {}) {
  n += 1;
  const { service, slot } = await firstSlot(get);
  const res = await app
    .request()
    .post('/api/booking/reservations')
    .set('X-Forwarded-For', `198.51.100.${n}`)
    .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: patient(n), consents: requiredConsents, locale: 'en', ...extra })
    .expect(201);
  const row = await app.strapi.db.connection('reservations').where('reference', res.body.data.reference).first();
  return { token: res.body.data.manageToken as string, row, person: patient(n) };
}

const exported = async (token: string) => (await get('/api/privacy/my-data').set('X-Manage-Token', token).expect(200)).body.data.reservations[0];
const raw = (id: number) => app.strapi.db.connection('reservations').where('id', id).first();
/** A value sealed the way versions before the binding sealed personal fields: `enc1`, bound to no place. */
const firstFormat = (plain: string) => seal(parseKeyring(), plain);
const warnings = async (field: string, work: () => Promise<void>): Promise<string[]> => {
  const warn = jest.spyOn(app.strapi.log, 'warn');
  try {
    await work();
    return warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes(field));
  } finally {
    warn.mockRestore();
  }
};

describe('a ciphertext is never a way to read someone else’s data', () => {
  it('a sealed value of another booking pasted into a note comes back as the text pasted, not decrypted', async () => {
    const victim = await book();
    const attacker = await book({ note: victim.row.patient_phone });
    const mine = await exported(attacker.token);
    expect(mine.note).toBe(victim.row.patient_phone);
    expect(JSON.stringify(mine)).not.toContain(victim.person.phone);
  });

  it('a ciphertext copied into another row of the database opens there as nothing, and the failure is logged without the value', async () => {
    const victim = await book();
    const attacker = await book();
    await app.strapi.db.connection('reservations').where('id', attacker.row.id).update({ patient_phone: victim.row.patient_phone });
    const logged = await warnings('patientPhone', async () => {
      const mine = await exported(attacker.token);
      expect(mine.patient.phone).toBeNull();
      expect(JSON.stringify(mine)).not.toContain(victim.person.phone);
    });
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line).not.toContain(victim.person.phone);
    expect((await exported(victim.token)).patient.phone).toBe(victim.person.phone);
  });

  it('a ciphertext moved to another field of the same row opens there as nothing', async () => {
    const victim = await book({ note: 'an ordinary note' });
    await app.strapi.db.connection('reservations').where('id', victim.row.id).update({ note: victim.row.patient_phone });
    const mine = await exported(victim.token);
    expect(mine.note).toBeNull();
    expect(mine.patient.phone).toBe(victim.person.phone);
  });
});

describe('a copy of a personal record', () => {
  const PERSONAL_COLUMNS = ['patient_name', 'patient_birth_date', 'patient_gender', 'patient_phone', 'patient_email', 'guardian', 'note'];

  it('the Content Manager’s Duplicate of a reservation is refused, whatever its form holds, and nothing is stored', async () => {
    const booked = await book({ note: 'A made-up note' });
    const officer = await adminToken(app, 'strapi-super-admin');
    const opened = await get(`/content-manager/collection-types/${UID}/${booked.row.document_id}`).set('Authorization', `Bearer ${officer}`).expect(200);
    // What the Duplicate page sends: the record's form, with its unique fields filled anew.
    const form = { ...opened.body.data, reference: 'R-COPY-0001', manageTokenHash: 'copy', patientName: 'Copy Madeup', note: 'A copied made-up note' };
    const before = await app.strapi.db.connection('reservations').count({ n: '*' }).first();

    const copied = await app.request().post(`/content-manager/collection-types/${UID}/clone/${booked.row.document_id}`).set('Authorization', `Bearer ${officer}`).send(form);
    expect(copied.status).toBe(403);
    expect(copied.body.error.details.code).toBe('COPY_REFUSED');
    // Code asking the Document Service directly meets the same refusal.
    await expect(app.strapi.documents(UID as never).clone({ documentId: booked.row.document_id, data: form } as never)).rejects.toMatchObject({ details: { code: 'COPY_REFUSED' } });

    expect(await app.strapi.db.connection('reservations').count({ n: '*' }).first()).toEqual(before);
    const rows = await app.strapi.db.connection('reservations').select(PERSONAL_COLUMNS);
    for (const row of rows) for (const column of PERSONAL_COLUMNS) if (row[column] !== null) expect(row[column]).toMatch(/^enc2:/);
  });
});

describe('the first envelope format after the migration', () => {
  const keys = () =>
    app.strapi.plugin('privacy-guard').service('keys') as {
      rotate(o?: { batchSize?: number }): Promise<{ rotated: Record<string, number> }>;
      rewrite(trx: unknown, page: { uid: string; table: string; fields: Array<{ field: string; column: string }>; rows: Array<Record<string, unknown>> }): Promise<number>;
    };

  it('a first-format ciphertext from an old backup pasted into another reservation is shown nowhere, and a rotation does not seal it for that row', async () => {
    const victim = await book();
    const attacker = await book();
    const pasted = firstFormat(victim.person.phone);
    await app.strapi.db.connection('reservations').where('id', attacker.row.id).update({ patient_phone: pasted });
    const officer = await adminToken(app, 'strapi-super-admin');

    const logged = await warnings('patientPhone', async () => {
      const mine = await exported(attacker.token);
      expect(mine.patient.phone).toBeNull();
      expect(JSON.stringify(mine)).not.toContain(victim.person.phone);
      const opened = await get(`/content-manager/collection-types/${UID}/${attacker.row.document_id}`).set('Authorization', `Bearer ${officer}`).expect(200);
      expect(opened.body.data.patientPhone).toBeNull();
      expect(JSON.stringify(opened.body)).not.toContain(victim.person.phone);
    });
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line).not.toContain(victim.person.phone);

    await keys().rotate();
    expect((await raw(attacker.row.id)).patient_phone).toBe(pasted);
    expect((await exported(attacker.token)).patient.phone).toBeNull();
    expect((await exported(victim.token)).patient.phone).toBe(victim.person.phone);
  });

  it('a rotation that read a row before it was erased does not write the erased values back', async () => {
    const booked = await book();
    // Plaintext from before encryption: a value a rotation seals again.
    await app.strapi.db.connection('reservations').where('id', booked.row.id).update({ patient_name: booked.person.name });
    const stale = await app.strapi.db.connection('reservations').select('id', 'document_id', 'patient_name').where('id', booked.row.id);
    await app.strapi.db.connection('reservations').where('id', booked.row.id).update({ patient_name: null });
    const rewritten = await app.strapi.db.transaction(({ trx }) =>
      keys().rewrite(trx, { uid: UID, table: 'reservations', fields: [{ field: 'patientName', column: 'patient_name' }], rows: stale }),
    );
    expect(rewritten).toBe(0);
    expect((await raw(booked.row.id)).patient_name).toBeNull();
  });
});

describe('the migration at start', () => {
  it('a database from before the binding (first-format values, no envelope-format) is sealed again at start, each value readable where it is', async () => {
    const first = await book({ note: 'A made-up note' });
    const second = await book();
    await app.strapi.db.connection('reservations').where('id', first.row.id).update({ patient_name: firstFormat(first.person.name), note: firstFormat('A made-up note') });
    await app.strapi.db.connection('reservations').where('id', second.row.id).update({ patient_phone: firstFormat(second.person.phone) });
    await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).delete({ key: 'envelope-format' });

    app = await app.restart();

    const [one, two] = [await raw(first.row.id), await raw(second.row.id)];
    for (const value of [one.patient_name, one.note, two.patient_phone]) expect(value).toMatch(/^enc2:/);
    const mine = await exported(first.token);
    expect(mine.patient.name).toBe(first.person.name);
    expect(mine.note).toBe('A made-up note');
    expect((await exported(second.token)).patient.phone).toBe(second.person.phone);
    expect(await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).get({ key: 'envelope-format' })).toBe(2);
  });
});

/**
 * A restart, and what it logged. Strapi's console transport (winston) writes to the console's
 * own streams when it has them, else through console.log; jest's console differs between a file
 * run alone and one run in a worker, so every one of these is read.
 */
async function loggedDuringRestart(): Promise<string[]> {
  const told: string[] = [];
  const own = console as unknown as { _stdout?: NodeJS.WritableStream; _stderr?: NodeJS.WritableStream };
  const streams = [process.stdout, process.stderr, own._stdout, own._stderr].filter((stream, i, all): stream is NodeJS.WritableStream => Boolean(stream) && all.indexOf(stream) === i);
  const sinks = [
    ...streams.map((stream) => jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => told.push(String(chunk)) > 0) as never)),
    jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void told.push(parts.map(String).join(' '))),
  ];
  try {
    app = await app.restart();
  } finally {
    for (const spy of sinks) spy.mockRestore();
  }
  return told;
}
const UNRECORDED = 'first-format values in a database that does not record its envelope migration';

describe('PRIVACY_FIRST_FORMAT=retired, the migration recorded outside the database', () => {
  afterEach(() => {
    delete process.env.PRIVACY_FIRST_FORMAT;
  });

  it('a database writer who deletes the store’s record and pastes a first-format ciphertext gets nothing sealed or shown at the next start', async () => {
    const victim = await book();
    const attacker = await book();
    const pasted = firstFormat(victim.person.phone);
    await app.strapi.db.connection('reservations').where('id', attacker.row.id).update({ patient_phone: pasted });
    await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).delete({ key: 'envelope-format' });

    process.env.PRIVACY_FIRST_FORMAT = 'retired';
    const told = await loggedDuringRestart();

    expect((await raw(attacker.row.id)).patient_phone).toBe(pasted);
    const mine = await exported(attacker.token);
    expect(mine.patient.phone).toBeNull();
    expect(JSON.stringify(mine)).not.toContain(victim.person.phone);
    expect(told.some((line) => line.includes(UNRECORDED))).toBe(true);
    for (const line of told) expect(line).not.toContain(victim.person.phone);
    // A later rotation does not read it either.
    await (app.strapi.plugin('privacy-guard').service('keys') as { rotate(): Promise<unknown> }).rotate();
    expect((await raw(attacker.row.id)).patient_phone).toBe(pasted);
    expect((await exported(victim.token)).patient.phone).toBe(victim.person.phone);
  });

  it('a new database is recorded as migrated at its first start, with nothing to tell', async () => {
    // What the test before left: the pasted value gone, the record still missing.
    await app.strapi.db.connection('reservations').where('patient_phone', 'like', 'enc1:%').update({ patient_phone: null });
    await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).delete({ key: 'envelope-format' });
    process.env.PRIVACY_FIRST_FORMAT = 'retired';
    const told = await loggedDuringRestart();
    expect(await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).get({ key: 'envelope-format' })).toBe(2);
    expect(told.filter((line) => line.includes(UNRECORDED))).toEqual([]);
    // Recorded once: the next start has nothing to tell either.
    expect((await loggedDuringRestart()).filter((line) => line.includes(UNRECORDED))).toEqual([]);
  });

  it('takes "retired" or nothing: another value is refused with a clear message (which stops the start)', () => {
    expect(firstFormatRetiredByOperator({})).toBe(false);
    expect(firstFormatRetiredByOperator({ PRIVACY_FIRST_FORMAT: 'retired' })).toBe(true);
    for (const value of ['yes', 'true', 'Retired', '2']) {
      expect(() => firstFormatRetiredByOperator({ PRIVACY_FIRST_FORMAT: value })).toThrow(/PRIVACY_FIRST_FORMAT must be "retired" or unset/);
    }
  });
});
