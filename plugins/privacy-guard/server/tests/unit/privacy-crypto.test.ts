import crypto from 'node:crypto';
import { KeyConfigError, fieldBinding, open, parseKeyring, seal } from '../../src/utils/keyring';
import cryptoService from '../../src/services/crypto';
import reservationSchema from '../fixtures/host-app/reservation.json';
import { truncateAddress } from '../../src/utils/client-address';
import { normalisePhone } from '../../src/utils/normalise';
import { GENESIS, rowHash } from '../../src/services/ledger';

const key = () => crypto.randomBytes(32).toString('base64');
const env = (data: string, index = key()) => ({ PRIVACY_DATA_KEYS: data, PRIVACY_INDEX_KEY: index }) as NodeJS.ProcessEnv;

describe('keyring', () => {
  it('refuses to start without keys, with short keys or malformed entries', () => {
    expect(() => parseKeyring({} as NodeJS.ProcessEnv)).toThrow(KeyConfigError);
    expect(() => parseKeyring(env(`k1:${crypto.randomBytes(16).toString('base64')}`))).toThrow(/32 bytes/);
    expect(() => parseKeyring(env(key()))).toThrow(/id:base64key/);
    expect(() => parseKeyring(env(`k1:${key()},k1:${key()}`))).toThrow(/twice/);
    expect(() => parseKeyring(env(`k1:${key()}`, 'c2hvcnQ='))).toThrow(/PRIVACY_INDEX_KEY/);
  });

  it('encrypts under the first key and decrypts under any', () => {
    const [a, b] = [key(), key()];
    const old = parseKeyring(env(`old:${a}`));
    const both = parseKeyring(env(`new:${b},old:${a}`));
    const sealed = seal(old, '홍길동 Test');
    expect(sealed).toMatch(/^enc1:old:/);
    expect(open(both, sealed)).toBe('홍길동 Test');
    expect(seal(both, 'x')).toMatch(/^enc1:new:/);
    expect(() => open(parseKeyring(env(`new:${b}`)), sealed)).toThrow(/no data key "old"/);
  });

  it('binds a sealed value to its place: it opens there and nowhere else', () => {
    const ring = parseKeyring(env(`k1:${key()}`));
    const here = fieldBinding('api::reservation.reservation', 'patientPhone', 'doc1');
    const sealed = seal(ring, '010-5555-0100', here);
    expect(sealed).toMatch(/^enc2:k1:/);
    expect(open(ring, sealed, here)).toBe('010-5555-0100');
    expect(() => open(ring, sealed, fieldBinding('api::reservation.reservation', 'note', 'doc1'))).toThrow(/failed authentication/);
    expect(() => open(ring, sealed, fieldBinding('api::reservation.reservation', 'patientPhone', 'doc2'))).toThrow(/failed authentication/);
    expect(() => open(ring, sealed)).toThrow(/without its place/);
  });

  it('detects tampering and never repeats a ciphertext', () => {
    const ring = parseKeyring(env(`k1:${key()}`));
    const sealed = seal(ring, 'Jane Madeup');
    expect(seal(ring, 'Jane Madeup')).not.toBe(sealed);
    const body = Buffer.from(sealed.split(':')[2], 'base64url');
    body[body.length - 1] ^= 1;
    expect(() => open(ring, `enc1:k1:${body.toString('base64url')}`)).toThrow(/failed authentication/);
  });
});

describe('crypto service', () => {
  const previous = { ...process.env };
  beforeAll(() => Object.assign(process.env, env(`k1:${key()}`)));
  afterAll(() => {
    process.env.PRIVACY_DATA_KEYS = previous.PRIVACY_DATA_KEYS;
    process.env.PRIVACY_INDEX_KEY = previous.PRIVACY_INDEX_KEY;
  });
  // A Strapi that knows the app's reservation as it declares itself: the service seals what the schema declares.
  const strapi = { contentTypes: { 'api::reservation.reservation': reservationSchema }, log: { warn: () => undefined } } as never;
  const service = () => cryptoService({ strapi });

  it('round-trips, keeps null as null and passes legacy plaintext through', () => {
    const s = service();
    expect(s.decrypt(s.encrypt('010-5555-0100'))).toBe('010-5555-0100');
    expect(s.encrypt(null)).toBeNull();
    expect(s.decrypt(null)).toBeNull();
    expect(s.decrypt('plain legacy')).toBe('plain legacy');
    expect(s.needsRotation('plain legacy')).toBe(true);
    expect(s.needsRotation(s.sealField('api::complaint.complaint', 'name', 'd', 'x'))).toBe(false);
    expect(s.isSealed(s.encrypt('x'))).toBe(true);
    expect(s.isSealed('enc1:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
  });

  it('seals every input as given: a value that looks sealed is stored and read back as the text it is', () => {
    const s = service();
    const uid = 'api::reservation.reservation';
    const victim = s.sealFields(uid, { documentId: 'victim', patientPhone: '010-5555-0100' });
    const pasted = s.sealFields(uid, { documentId: 'attacker', note: victim.patientPhone });
    expect(pasted.note).not.toBe(victim.patientPhone);
    expect(s.openField(uid, 'note', 'attacker', pasted.note)).toBe(victim.patientPhone);
    expect(s.openField(uid, 'patientPhone', 'victim', victim.patientPhone)).toBe('010-5555-0100');
  });

  it('withholds a value moved to another field or row, and one of the first format unless a migration reads it', () => {
    const s = service();
    const uid = 'api::reservation.reservation';
    const { patientPhone } = s.sealFields(uid, { documentId: 'victim', patientPhone: '010-5555-0100' });
    expect(s.openField(uid, 'patientPhone', 'attacker', patientPhone)).toBeNull();
    expect(s.openField(uid, 'note', 'victim', patientPhone)).toBeNull();
    const legacy = s.encrypt('Jane Madeup') as string;
    expect(legacy).toMatch(/^enc1:/);
    expect(s.openField(uid, 'patientName', 'any', legacy)).toBeNull();
    expect(s.openField(uid, 'patientName', 'any', legacy, { firstFormat: true })).toBe('Jane Madeup');
    expect(s.needsRotation(legacy)).toBe(true);
    expect(s.needsRotation(patientPhone)).toBe(false);
    expect(() => s.sealFields(uid, { patientName: 'Jane Madeup' })).toThrow(/without the document/);
  });

  it('hashes one email or phone the same whatever its spelling, and keeps kinds apart', () => {
    const s = service();
    expect(s.lookupHash('email', ' Jane.Madeup@Example.TEST ')).toBe(s.lookupHash('email', 'jane.madeup@example.test'));
    expect(s.lookupHash('phone', '+82 10-5555-0100')).toBe(s.lookupHash('phone', '010 5555 0100'));
    expect(s.lookupHash('email', '01055550100')).not.toBe(s.lookupHash('phone', '01055550100'));
    expect(s.lookupHash('email', '')).toBeNull();
  });

  it('gives a pseudonymous subject id that reveals nothing of the email', () => {
    const s = service();
    const id = s.subjectIdFor('Jane.Madeup@example.test');
    expect(id).toMatch(/^sub_[0-9a-f]{32}$/);
    expect(s.subjectIdFor('jane.madeup@example.test ')).toBe(id);
    expect(s.subjectIdFor('john.madeup@example.test')).not.toBe(id);
  });
});

describe('helpers', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.9', '198.51.100.0/24'],
    ['2001:db8:abcd:12:1:2:3:4', '2001:db8:abcd::/48'],
    ['2001:db8::1', '2001:db8:0::/48'],
    ['::1', '0:0:0::/48'],
    ['not an ip', null],
    [undefined, null],
  ])('truncates %s to %s', (input, expected) => expect(truncateAddress(input)).toBe(expected));

  it.each([
    ['+82 10-1234-5678', '01012345678'],
    ['82-10-1234-5678', '01012345678'],
    ['010.1234.5678', '01012345678'],
    ['02-555-0100', '025550100'],
  ])('normalises phone %s', (input, expected) => expect(normalisePhone(input)).toBe(expected));

  it('chains row hashes: any field change changes the hash', () => {
    const row = { seq: 1, prevHash: GENESIS, subjectId: 'sub_x', itemKey: 'a', policyVersion: 1, textHash: 'b'.repeat(64), action: 'granted' as const, channel: 'reservation', actor: 'self' as const, clientAddress: null, occurredAt: '2030-01-01T00:00:00.000Z' };
    const hash = rowHash(row);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const change of [{ seq: 2 }, { prevHash: 'c'.repeat(64) }, { action: 'withdrawn' as const }, { policyVersion: 2 }, { occurredAt: '2030-01-01T00:00:00.001Z' }]) {
      expect(rowHash({ ...row, ...change })).not.toBe(hash);
    }
  });
});
