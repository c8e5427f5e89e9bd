import { localeSchema } from '../../plugins/privacy-guard/server/src';
import { z } from 'zod';

/** Strapi's answer envelope: `{ data: … }`. */
export const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });

/** `?locale=ko|en`, which every public GET takes. */
export const localeQuery = z.object({ locale: localeSchema.optional() }).strict();
