import { z } from 'zod';

export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

export const localeSchema = z.enum(LOCALES);

/** The locales to try, in order: the one asked for, then the clinic's default, then any other. */
export function fallbackChain(requested: Locale | undefined, clinicDefault: Locale): Locale[] {
  return [...new Set([requested ?? clinicDefault, clinicDefault, ...LOCALES])];
}
