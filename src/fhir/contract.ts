import { z } from 'zod';
import type { Operation } from '../../plugins/privacy-guard/server/src';
import { FILES } from './publication';

/** SMART Scheduling Links (docs/interop.md) as operations of the OpenAPI document: public, outside `/api`. */
const Manifest = z
  .object({
    transactionTime: z.string(),
    request: z.string(),
    output: z.array(z.object({ type: z.enum(['Location', 'Schedule', 'Slot']), url: z.string() })),
    error: z.array(z.unknown()),
  })
  .meta({ id: 'BulkPublishManifest', description: 'The SMART Scheduling Links manifest (HL7 STU 1).' });

const notAcceptable = { 406: ['NOT_ACCEPTABLE' as const] };
const files: Array<[keyof typeof FILES, string]> = [
  ['Location', 'The clinic as a FHIR Location, one JSON object per line'],
  ['Schedule', 'A FHIR Schedule per practitioner and treatment'],
  ['Slot', 'The free FHIR Slots of the next days, each with a booking deep link'],
];

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/fhir/$bulk-publish',
    operationId: 'bulkPublish',
    tag: 'directories',
    summary: 'The SMART Scheduling Links manifest (also `/fhir/%24bulk-publish`)',
    description: 'Public, `Cache-Control: public, max-age=300`; answers no `Accept`, `application/fhir+ndjson` or `application/json`.',
    responses: { 200: { description: 'The manifest', schema: Manifest } },
    errors: notAcceptable,
  },
  ...files.map(
    ([type, summary]): Operation => ({
      method: 'get',
      path: `/fhir/${FILES[type]}`,
      operationId: `bulk${type}s`,
      tag: 'directories',
      summary,
      responses: { 200: { description: 'NDJSON, nothing personal', contentType: 'application/fhir+ndjson', schema: z.string() } },
      errors: notAcceptable,
    }),
  ),
];
