import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hmac, parseKeyring } from './keyring';

/**
 * Keyed hashes (HMAC with PRIVACY_INDEX_KEY) of the secrets that prove control of an address:
 * verification links and codes, privacy sessions. The database holds only these: a value copied
 * from it opens nothing, and without the key no guess can be checked offline.
 */

/** 32 random bytes, base64url: the 43 characters of a link token or a session. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const isSecret = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

/** No 0/O, 1/I/L or U: a code read on one device and typed on another. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const newCode = (): string => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
/** `XXXX-XXXX`, as the mail shows it. */
export const showCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;
/** What the person typed, in the stored form: case, spaces and the dash do not matter. */
export const readCode = (typed: string): string | null => {
  const code = typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  return code.length === 8 && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
};

const key = () => parseKeyring();

/** Finds a row by a secret alone (the session or link presented). */
export const lookupOf = (purpose: string, secret: string): string => hmac(key(), `${purpose}:lookup:${secret}`);

/** The hash that binds a secret to its subject: a row moved to another subject no longer matches. */
export const boundHash = (purpose: string, subjectId: string, secret: string): string => hmac(key(), `${purpose}:${subjectId}:${secret}`);

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
