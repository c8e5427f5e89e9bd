import type { Mask } from '../declarations';

/**
 * Masks for personal values in staff lists: a name keeps each word's first letter
 * ("Jiwoo Kim" → "J**** K**"), an email its first letter and domain, a phone its last two
 * digits; anything else personal is replaced whole.
 */
export function maskName(value: string): string {
  return value
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) || part.length === 0 ? part : `${Array.from(part)[0]}${'*'.repeat(Math.max(2, Array.from(part).length - 1))}`))
    .join('');
}

export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return '***';
  return `${value[0]}***@${value.slice(at + 1)}`;
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length > 4 ? `***-****-**${digits.slice(-2)}` : '***';
}

/** The masked form of one personal value, by the mask its field declares. */
export function maskValue(mask: Mask, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (typeof value !== 'string') return '***';
  if (mask === 'email') return maskEmail(value);
  if (mask === 'phone') return maskPhone(value);
  if (mask === 'name') return maskName(value);
  return '***';
}
