import { localeSchema } from '../../../plugins/privacy-guard/server/src';
import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { data } from '../../openapi/shapes';
import { FORM_FIELD } from './unsubscribe-page';

export const tokenParams = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,600}$/, 'is not an unsubscribe token').describe('The token of the link in the mail') })
  .loose();
export const pageQuery = z.object({ locale: localeSchema.optional() }).loose();
/** What the unsubscribe link's POST takes: the page's form (`confirm=yes`) or RFC 8058's one-click body. */
export const unsubscribeBody = z.object({
  [FORM_FIELD]: z.literal('yes').optional().describe('The page’s button: answered with the done page (text/html)'),
  'List-Unsubscribe': z.literal('One-Click').optional().describe('RFC 8058 one-click, sent by mail clients: answered in JSON'),
});

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/notices/unsubscribe/{token}',
    operationId: 'unsubscribePage',
    tag: 'notices',
    summary: 'The page behind the unsubscribe link: the choice and a button, nothing changed (mail scanners open links)',
    params: tokenParams,
    query: pageQuery,
    responses: { 200: { description: 'The page', contentType: 'text/html', schema: z.string() }, 404: { description: 'The page saying the link is not valid', contentType: 'text/html', schema: z.string() } },
    errors: {},
  },
  {
    method: 'post',
    path: '/api/notices/unsubscribe/{token}',
    operationId: 'unsubscribe',
    tag: 'notices',
    summary: 'Withdraw the marketing consent (the page’s form, or RFC 8058 one-click)',
    params: tokenParams,
    query: pageQuery,
    body: unsubscribeBody,
    bodyType: 'application/x-www-form-urlencoded',
    responses: {
      200: {
        description: 'Withdrawn (JSON for one-click, the done page for the form)',
        schema: data(z.object({ unsubscribed: z.literal(true), item: z.string() })),
        alternatives: { 'text/html': null },
      },
    },
    errors: { 400: ['VALIDATION'], 404: ['NOT_FOUND'] },
    rateLimited: true,
  },
];
