/** What makes two spellings of one address or number the same person for lookups. */
export const normaliseEmail = (email: string): string => email.normalize('NFKC').trim().toLowerCase();

/**
 * Digits only, with Korean numbers in one form: `+82 10-1234-5678`, `82-10-1234-5678` and
 * `010-1234-5678` are the same phone.
 */
export function normalisePhone(phone: string): string {
  const trimmed = phone.normalize('NFKC').trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+82') || (digits.startsWith('82') && digits.length >= 11 && !trimmed.startsWith('0'))) {
    return `0${digits.slice(2).replace(/^0/, '')}`;
  }
  return digits;
}

export type LookupKind = 'email' | 'phone';

export const normalise = (kind: LookupKind, value: string): string =>
  kind === 'email' ? normaliseEmail(value) : normalisePhone(value);
