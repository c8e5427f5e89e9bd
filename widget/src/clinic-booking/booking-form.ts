import type { booking } from '../i18n/en/booking.js';
import { ageOn } from '../shared/time.js';
import type { ConsentItem } from './types.js';

export type Step = 'service' | 'time' | 'details' | 'consents' | 'review' | 'done';
export const steps: Step[] = ['service', 'time', 'details', 'consents', 'review'];

export type Form = Record<string, string>;
export type Errors = Record<string, string>;

export const guardianFields = ['guardianName', 'guardianPhone', 'guardianEmail', 'guardianRelationship'] as const;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The server's own rule, so a number the form accepts is never refused after "Book".
const phonePattern = /^\+?\d[\d ()-]{5,24}$/;

export function isMinor(form: Form, today: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(form.birthDate ?? '') && ageOn(form.birthDate, today) < 14;
}

/** The patient's details as the clinic needs them; a guardian's too for a child under 14. */
export function validateDetails(form: Form, t: typeof booking, today: string): Errors {
  const errors: Errors = {};
  const required = ['name', 'birthDate', 'phone', 'email', ...(isMinor(form, today) ? guardianFields : [])];
  for (const key of required) if (!form[key]?.trim()) errors[key] = t._missing;
  for (const key of ['email', 'guardianEmail']) if (form[key]?.trim() && !emailPattern.test(form[key].trim())) errors[key] = t._badEmail;
  for (const key of ['phone', 'guardianPhone']) if (form[key]?.trim() && !phonePattern.test(form[key].trim())) errors[key] = t._badPhone;
  if (form.birthDate && !errors.birthDate && !(form.birthDate < today)) errors.birthDate = t._badDate;
  return errors;
}

export interface Choice {
  service: string | number;
  practitioner: string;
  start: string;
  items: ConsentItem[];
  consents: Record<string, boolean>;
  locale: string;
  today: string;
}

/** The body of `POST /api/booking/reservations`: every consent item answered, the guardian only for a child. */
export function reservationBody(f: Form, c: Choice) {
  const trim = (key: string) => f[key]?.trim() ?? '';
  return {
    service: c.service,
    ...(c.practitioner ? { practitioner: c.practitioner } : {}),
    start: c.start,
    patient: { name: trim('name'), birthDate: f.birthDate, phone: trim('phone'), email: trim('email') },
    consents: Object.fromEntries(c.items.map((item) => [item.key, !!c.consents[item.key]])),
    ...(isMinor(f, c.today)
      ? { guardian: { name: trim('guardianName'), phone: trim('guardianPhone'), email: trim('guardianEmail'), relationship: trim('guardianRelationship') } }
      : {}),
    locale: c.locale,
    ...(trim('note') ? { note: trim('note') } : {}),
  };
}
