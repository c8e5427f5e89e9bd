import crypto from 'node:crypto';

/** A manage token: 32 random bytes, base64url; only its SHA-256 is stored. */
export const newManageToken = (): string => crypto.randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** The reference a patient reads out on the phone: no 0/O or 1/I to confuse. */
export function newReference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `R-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** A guardian's 6-digit confirmation code, mailed to the guardian; only a keyed hash is stored (guardian-code.ts). */
export const newGuardianCode = (): string => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
