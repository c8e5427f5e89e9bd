import { localeSchema } from '../../../plugins/privacy-guard/server/src';
import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { data } from '../../openapi/shapes';
import { CHANNELS } from './services/consent-item';

export const consentItemsQuery = z.object({ channel: z.enum(CHANNELS), locale: localeSchema.optional() }).strict();

export const ConsentItem = z
  .object({
    key: z.string(),
    kind: z.string(),
    title: z.string(),
    purpose: z.string().nullable(),
    dataCategories: z.array(z.string()),
    retention: z.string().nullable(),
    required: z.boolean(),
    refusalConsequence: z.string().nullable(),
    locale: z.string(),
  })
  .meta({ id: 'ConsentItem', description: 'One item a person consents to, as the policy words it.' });

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/consent-items',
    operationId: 'listConsentItems',
    tag: 'clinic',
    summary: 'The consent items of a channel, with the policy version they belong to',
    query: consentItemsQuery,
    responses: {
      200: {
        description: 'The items, in the order to show them',
        schema: data(z.object({ channel: z.enum(CHANNELS), policyVersion: z.number().int().nullable(), items: z.array(ConsentItem) })),
      },
    },
    errors: { 400: ['VALIDATION'] },
  },
];
