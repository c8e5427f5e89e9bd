import createError from 'http-errors';
import { errors } from '@strapi/utils';

/** Stable codes of the public contract (SPEC.md); every refusal carries one in `details.code`. */
export type ErrorCode =
  | 'VALIDATION'
  | 'CONSENT_REQUIRED'
  | 'POLICY_OUTDATED'
  | 'UNDER_14'
  | 'GUARDIAN_REQUIRED'
  | 'SLOT_UNAVAILABLE'
  | 'RESTRICTED'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UNKNOWN_SERVICE'
  | 'UNKNOWN_PRACTITIONER'
  | 'OFF_GRID'
  | 'RANGE_REVERSED'
  | 'RANGE_TOO_LONG'
  | 'OUTSIDE_HORIZON'
  | 'TOO_LATE'
  | 'IDEMPOTENCY_CONFLICT'
  | 'INVALID_CODE'
  | 'NOT_ALLOWED'
  | 'FORBIDDEN'
  | 'RRN_REFUSED'
  | 'PERSONAL_DATA_IN_POST'
  | 'UNAUTHENTICATED'
  | 'ALREADY_SENT'
  | 'SERVICE_BUSY'
  | 'INTERNAL'
  | 'CODE_BURNED'
  | 'RESEND_LIMIT'
  | 'EMAIL_UNVERIFIED'
  | 'NOT_ACCEPTABLE';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * Builds the error Strapi's error middleware turns into its envelope
 * `{ data: null, error: { status, name, message, details } }`. Strapi's own classes cover
 * 400/404/429; the rest go through http-errors, which the middleware formats alike. Not
 * Strapi's Unauthorized/Forbidden classes: its route composer turns those, thrown by a handler,
 * into bare answers without `details`, and the code would be lost.
 * `refuse` takes the plugin's own codes beyond the public list; `fail` only the public ones.
 */
export function refuse(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Error {
  const details = { code, ...extra };
  switch (status) {
    case 400:
      return new errors.ValidationError(message, details);
    case 404:
      return new errors.NotFoundError(message, details);
    case 429:
      return new errors.RateLimitError(message, details);
    default:
      return createError(status, message, { details });
  }
}

export const fail = (status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): Error =>
  refuse(status, code, message, extra);

export const validationError = (fieldErrors: FieldError[], message = 'Some fields are invalid') =>
  fail(400, 'VALIDATION', message, { errors: fieldErrors, fields: [...new Set(fieldErrors.map((e) => e.path))] });

export const notFound = (message = 'Not found') => fail(404, 'NOT_FOUND', message);
