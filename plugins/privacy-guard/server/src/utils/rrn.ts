import { fail } from './errors';

/** A Korean resident registration number: YYMMDD-GNNNNNN. The clinic never collects one in free text. */
const RRN = /(?<!\d)\d{6}[-\s]?[1-4]\d{6}(?!\d)/;

export const looksLikeRrn = (text: string | null | undefined): boolean => !!text && RRN.test(text.normalize('NFKC'));

/** Refuses, naming the fields, any free-text field that looks like it holds a resident registration number. */
export function refuseRrn(fields: Record<string, string | null | undefined>): void {
  const withRrn = Object.entries(fields)
    .filter(([, value]) => looksLikeRrn(value))
    .map(([field]) => field);
  if (withRrn.length) throw fail(422, 'RRN_REFUSED', 'Please do not send a resident registration number', { fields: withRrn });
}
