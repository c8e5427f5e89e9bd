import { localeSchema } from '../../../plugins/privacy-guard/server/src';
import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { data } from '../../openapi/shapes';
import { Officer } from '../clinic/contract';

export const policyQuery = z
  .object({
    locale: localeSchema.optional(),
    version: z.coerce.number().int().min(1).max(1_000_000).optional().describe('An older (or announced) version instead of the one in effect'),
  })
  .strict();

const versionStatus = z.enum(['in_effect', 'upcoming', 'superseded']);
const text = z.string().nullable();
const Policy = z
  .object({
    version: z.number().int(),
    status: versionStatus,
    effectiveDate: z.string(),
    locale: z.string(),
    title: z.string(),
    introduction: text,
    sections: z.array(z.object({ heading: z.string(), body: z.string() })),
    material: z.boolean().nullable(),
    changeSummary: text,
    officer: Officer,
    controller: z.object({ name: z.string(), email: text, phone: text, address: text }),
    history: z.array(z.object({ version: z.number().int(), effectiveDate: z.string(), title: z.string(), status: versionStatus })),
    upcoming: z.object({ version: z.number().int(), effectiveDate: z.string(), material: z.boolean().nullable() }).nullable(),
  })
  .meta({ id: 'PrivacyPolicy' });

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/privacy-policy',
    operationId: 'getPrivacyPolicy',
    tag: 'clinic',
    summary: 'The privacy policy in effect now (or `?version=N`)',
    query: policyQuery,
    responses: { 200: { description: 'The policy with its history', schema: data(Policy) } },
    errors: { 400: ['VALIDATION'], 404: ['NOT_FOUND'] },
  },
];
