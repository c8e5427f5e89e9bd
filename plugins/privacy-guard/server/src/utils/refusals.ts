import createError from 'http-errors';
import { errors } from '@strapi/utils';

/**
 * The plugin's own refusals (codes beyond the app's public list), in Strapi's error envelope
 * with a stable `details.code`, like `fail` in src/utils/errors.ts. 401 and 403 go through
 * http-errors: Strapi's route composer turns its own Unauthorized/Forbidden classes thrown by a
 * handler into bare answers without `details`.
 */
export function refuse(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Error {
  const details = { code, ...extra };
  switch (status) {
    case 400:
      return new errors.ValidationError(message, details);
    case 404:
      return new errors.NotFoundError(message, details);
    default:
      return createError(status, message, { details });
  }
}
