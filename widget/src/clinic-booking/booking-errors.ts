import type { booking } from '../i18n/en/booking.js';
import type { refusals } from '../i18n/en/refusals.js';
import type { ApiError } from '../shared/api.controller.js';
import { guardianFields, steps, type Errors, type Form, type Step } from './booking-form.js';

/** What the form does about a refusal: which step to show, which fields to mark, what to say. */
export interface Remedy {
  step: Step;
  errors?: Errors;
  notice: string;
  reloadSlots?: boolean;
  reloadChoices?: boolean;
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

/**
 * Turns a refusal of `POST /api/booking/reservations` into a remedy, or nothing when no field explains it
 * (connection, rate limit, server). Loaded only when a refusal arrives, so a smooth booking does not pay for it.
 * Never used for a failed connection: a refusal means the server answered.
 */
export function remedyFor(error: ApiError, form: Form, t: typeof booking & typeof refusals): Remedy | undefined {
  const keys = Array.isArray(error.details.keys) ? (error.details.keys as string[]) : [];
  switch (error.code) {
    case 'SLOT_UNAVAILABLE':
      return { step: 'time', notice: t._slotTaken, reloadSlots: true };
    case 'CONSENT_REQUIRED':
    case 'POLICY_OUTDATED':
      return {
        step: 'consents',
        errors: Object.fromEntries(keys.map((key) => [`consent:${key}`, t._consentMissing])),
        notice: error.code === 'POLICY_OUTDATED' ? t._policyOutdated : t._consentRequired,
        reloadChoices: error.code === 'POLICY_OUTDATED',
      };
    case 'GUARDIAN_REQUIRED':
      return { step: 'details', errors: Object.fromEntries(guardianFields.filter((key) => !form[key]?.trim()).map((key) => [key, t._missing])), notice: t._guardianRequired };
    case 'VALIDATION': {
      const errors = serverFieldErrors(error.details, t._missing);
      const step = steps.find((s) => Object.keys(errors).some((key) => stepOfField(key) === s));
      return step && { step, errors, notice: t._fixErrors(Object.keys(errors).length) };
    }
  }
  return undefined;
}
