import type { booking } from '../i18n/en.js';
import { ageOn } from '../shared/time.js';

export type Step = 'service' | 'time' | 'details' | 'consents' | 'review' | 'done';
export const steps: Step[] = ['service', 'time', 'details', 'consents', 'review'];

export type Form = Record<string, string>;
export type Errors = Record<string, string>;

export const guardianFields = ['guardianName', 'guardianPhone', 'guardianEmail', 'guardianRelationship'] as const;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[\d\s().-]{7,}$/;

export function isMinor(form: Form, today: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(form.birthDate ?? '') && ageOn(form.birthDate, today) < 14;
}

/** The patient's details as the clinic needs them; a guardian's too for a child under 14. */
export function validateDetails(form: Form, t: typeof booking, today: string): Errors {
  const errors: Errors = {};
  const required = ['name', 'birthDate', 'phone', 'email', ...(isMinor(form, today) ? guardianFields : [])];
  for (const key of required) if (!form[key]?.trim()) errors[key] = t.missing;
  for (const key of ['email', 'guardianEmail']) if (form[key]?.trim() && !emailPattern.test(form[key].trim())) errors[key] = t.badEmail;
  for (const key of ['phone', 'guardianPhone']) if (form[key]?.trim() && !phonePattern.test(form[key].trim())) errors[key] = t.badPhone;
  if (form.birthDate && !errors.birthDate && !(form.birthDate < today)) errors.birthDate = t.badDate;
  return errors;
}

/** `patient.email`, `['guardian', 'name']` or `consents.health` → the widget's own field key. */
export function fieldKey(path: unknown): string {
  const parts = (Array.isArray(path) ? path.map(String) : String(path ?? '').split('.')).filter((p) => !['body', 'data', 'patient'].includes(p));
  const [head, next] = parts;
  if (head === 'guardian' && next) return `guardian${next[0].toUpperCase()}${next.slice(1)}`;
  if (head === 'consents' && next) return `consent:${next}`;
  return head === 'practitioner' ? 'service' : head ?? '';
}

export function stepOfField(key: string): Step | undefined {
  if (key === 'service') return 'service';
  if (key === 'start') return 'time';
  if (key.startsWith('consent:')) return 'consents';
  if (['name', 'birthDate', 'phone', 'email', 'note', 'gender', ...guardianFields].includes(key)) return 'details';
  return undefined;
}

/** Reads a `VALIDATION` refusal's field errors, whether a list of `{ path, message }` or a map of field to messages. */
export function serverFieldErrors(details: Record<string, unknown>, fallback: string): Errors {
  const errors: Errors = {};
  const raw = details.errors;
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object'
      ? Object.entries(raw).map(([path, message]) => ({ path, message: Array.isArray(message) ? message[0] : message }))
      : [];
  for (const entry of list as { path?: unknown; field?: unknown; message?: unknown }[]) {
    const key = fieldKey(entry.path ?? entry.field);
    if (stepOfField(key)) errors[key] = typeof entry.message === 'string' && entry.message ? entry.message : fallback;
  }
  return errors;
}
