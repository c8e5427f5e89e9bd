import type { z } from 'zod';
import { validationError } from './errors';

/**
 * Checks input against its one schema; anything else is `400 VALIDATION` naming the fields.
 * Unknown keys are refused by the schemas themselves (`.strict()`), so nothing unexpected is stored.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw validationError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  );
}
