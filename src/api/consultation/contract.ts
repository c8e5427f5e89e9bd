import { localeSchema } from '../../../plugins/privacy-guard/server/src';
import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { data } from '../../openapi/shapes';
import { consentChoices } from '../booking/contract';

export const consultationBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.email().max(254),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).optional(),
    question: z.string().trim().min(1).max(5000),
    consents: consentChoices,
    locale: localeSchema.optional(),
  })
  .strict();

export const operations: Operation[] = [
  {
    method: 'post',
    path: '/api/consultations',
    operationId: 'askConsultation',
    tag: 'consultations',
    summary: 'Ask the clinic a question online; the answer is mailed',
    body: consultationBody,
    responses: { 201: { description: 'Received; a receipt is mailed', schema: data(z.object({ reference: z.string() })) } },
    errors: { 400: ['VALIDATION'], 422: ['CONSENT_REQUIRED', 'POLICY_OUTDATED', 'RRN_REFUSED'] },
    rateLimited: true,
  },
];
