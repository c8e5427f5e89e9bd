import { z } from 'zod';
import type { Operation } from '../../../plugins/privacy-guard/server/src';

/** A practitioner's private calendar feed (docs/interop.md): the token in the path is the only credential. */
export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/calendar/feeds/{file}',
    operationId: 'calendarFeed',
    tag: 'calendar',
    summary: 'A practitioner’s reservations as iCalendar: service, reference and status, never the patient',
    params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/).describe('`<token>.ics`, the feed’s private URL') }),
    responses: { 200: { description: 'The calendar (the invitations’ UID and SEQUENCE)', contentType: 'text/calendar', schema: z.string() } },
    errors: { 404: ['NOT_FOUND'] },
    rateLimited: true,
  },
];
