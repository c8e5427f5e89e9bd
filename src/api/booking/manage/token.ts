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
