import { localeSchema } from '../../../plugins/privacy-guard/server/src';
import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { data, localeQuery } from '../../openapi/shapes';

/** `GET /api/clinic`: who the clinic is and who its privacy officer is. */
export const clinicQuery = localeQuery;

const nullableText = z.string().nullable();
export const Officer = z
  .object({ name: nullableText, title: nullableText, phone: nullableText, email: nullableText })
  .meta({ id: 'PrivacyOfficer', description: 'The clinic’s privacy officer, whom the policy names.' });

const Clinic = z
  .object({
    name: z.string(),
    timeZone: z.string().describe('IANA time zone, e.g. Asia/Seoul'),
    defaultLocale: localeSchema,
    locales: z.array(localeSchema),
    phone: nullableText,
    email: nullableText,
    address: nullableText,
    website: nullableText,
    officer: Officer,
    booking: z.object({ minimumNoticeMinutes: z.number().int(), bookingHorizonDays: z.number().int() }),
  })
  .meta({ id: 'Clinic' });

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/clinic',
    operationId: 'getClinic',
    tag: 'clinic',
    summary: 'The clinic: name, time zone, locales, privacy officer, booking rules',
    query: clinicQuery,
    responses: { 200: { description: 'The clinic', schema: data(Clinic) } },
    errors: { 400: ['VALIDATION'] },
  },
];
