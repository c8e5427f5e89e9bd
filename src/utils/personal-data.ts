import { fail, refuseRrn } from '../../plugins/privacy-guard/server/src';

export type PersonalDataKind = 'phone' | 'email';

/**
 * Phone numbers as people type them: Korean mobiles and landlines (010-1234-5678, 02 123 4567,
 * 01012345678, all starting with 0) and international ones (+82 10 1234 5678). Dates
 * (2026-11-26), years and prices do not match.
 */
const PHONE = /(?<![\d+])(?:\+\d{1,3}[\s.-]?\(?0?\d{1,3}\)?|\(?0\d{1,2}\)?)[\s.-]?\d{3,4}[\s.-]?\d{4}(?!\d)/;
/** An e-mail address, also with spaces around the @ or written "at" in brackets. */
const EMAIL = /[\p{L}\p{N}._%+-]+\s?(?:@|\(at\)|\[at\])\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/iu;

/** The kinds of contact data a free text seems to hold (full-width digits and @ count too). */
export function personalDataIn(text: string | null | undefined): PersonalDataKind[] {
  if (!text) return [];
  const plain = text.normalize('NFKC');
  const kinds: PersonalDataKind[] = [];
  if (PHONE.test(plain)) kinds.push('phone');
  if (EMAIL.test(plain)) kinds.push('email');
  return kinds;
}

/**
 * Refuses text meant for publication that holds a resident registration number
 * (`422 RRN_REFUSED`, as everywhere) or a phone number or e-mail address
 * (`422 PERSONAL_DATA_IN_POST { fields, kinds }`), so nobody publishes what they did not mean to.
 */
export function refusePersonalData(fields: Record<string, string | null | undefined>): void {
  refuseRrn(fields);
  const found = Object.entries(fields)
    .map(([field, value]) => [field, personalDataIn(value)] as const)
    .filter(([, kinds]) => kinds.length);
  if (found.length) {
    throw fail(422, 'PERSONAL_DATA_IN_POST', 'Please remove phone numbers and e-mail addresses before publishing', {
      fields: found.map(([field]) => field),
      kinds: [...new Set(found.flatMap(([, kinds]) => kinds))],
    });
  }
}
