import crypto from 'node:crypto';
import cryptoService from '../../src/services/crypto';

const key = () => crypto.randomBytes(32).toString('base64');
const withKeys = (index: string) => {
  const s = cryptoService();
  s.load({ PRIVACY_DATA_KEYS: `k1:${key()}`, PRIVACY_INDEX_KEY: index } as NodeJS.ProcessEnv);
  return s;
};

describe('a secret hash (short codes such as a guardian code)', () => {
  it('cannot be recomputed without the index key: another key gives another hash, plain SHA-256 does not match', () => {
    const index = key();
    const value = 'doc123:042517';
    const hash = withKeys(index).secretHash('guardian-code', value);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(withKeys(index).secretHash('guardian-code', value)).toBe(hash);
    expect(withKeys(key()).secretHash('guardian-code', value)).not.toBe(hash);
    expect(hash).not.toBe(crypto.createHash('sha256').update(value).digest('hex'));
    expect(hash).not.toBe(crypto.createHash('sha256').update(`guardian-code:${value}`).digest('hex'));
  });

  it('keeps purposes apart from each other and from the lookup hashes', () => {
    const s = withKeys(key());
    expect(s.secretHash('guardian-code', 'a:1')).not.toBe(s.secretHash('privacy-code', 'a:1'));
    expect(s.secretHash('email', 'jane@example.test')).not.toBe(s.lookupHash('email', 'jane@example.test'));
    expect(() => s.secretHash('email:x', 'y')).toThrow(/purpose/);
  });
});
