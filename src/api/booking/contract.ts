import { localeSchema, isCalendarDate } from '../../../plugins/privacy-guard/server/src';
import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { data, localeQuery } from '../../openapi/shapes';

/**
 * The booking contract: the schemas the booking controller validates with, the shapes it
 * answers, and the operations of the OpenAPI document built from both.
 */

export const documentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an id');
export const calendarDate = z.string().refine(isCalendarDate, 'Use a real date written YYYY-MM-DD').meta({ format: 'date' });
export const instant = z.iso.datetime({ offset: true, message: 'Use ISO 8601 with an offset, e.g. 2026-03-10T09:00:00+09:00' });
const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'Not a phone number');
const email = z.email().max(254);
export const consentChoices = z
  .record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.boolean())
  .describe('The decision on each consent item of the channel (`GET /api/consent-items`), by key: every required one must be true.');

export { localeQuery };
export const servicesQuery = localeQuery;

export const slotsQuery = z
  .object({
    service: documentId,
    from: calendarDate,
    to: calendarDate,
    practitioner: documentId.optional(),
    locale: localeSchema.optional(),
  })
  .strict();

export const reservationBody = z
  .object({
    service: documentId,
    practitioner: documentId.optional().describe('Absent: any practitioner free at `start`.'),
    start: instant,
    patient: z
      .object({
        name: text(100),
        birthDate: calendarDate,
        gender: text(30).optional(),
        phone,
        email,
      })
      .strict(),
    consents: consentChoices,
    guardian: z
      .object({ name: text(100), phone, email, relationship: text(50) })
      .strict()
      .optional()
      .describe('Required when the patient is under 14: the guardian gets a code that confirms the reservation.'),
    locale: localeSchema.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'Use 1 to 255 visible ASCII characters').optional();

/** A manage token is 32 bytes in base64url; anything else cannot be one, and gets the same 404 as a wrong one. */
export const MANAGE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const tokenParams = z.object({ token: z.string().regex(MANAGE_TOKEN).describe('The token of the manage link (43 characters, base64url).') });
export const cancelBody = z.object({}).strict();
export const rescheduleBody = z.object({ start: instant }).strict();
export const guardianBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'The code has 6 digits') }).strict();
export const resendBody = z.object({}).strict();

// Answers.
const ref = z.object({ id: z.string(), name: z.string() });
const status = z.enum(['pending_guardian', 'confirmed', 'cancelled', 'completed', 'no_show']);
const zoned = z.string().describe('ISO 8601 with the clinic’s offset');
const Reservation = z
  .object({
    reference: z.string(),
    status,
    start: zoned,
    end: zoned,
    timeZone: z.string(),
    service: ref.nullable(),
    practitioner: ref.nullable(),
  })
  .meta({ id: 'Reservation', description: 'A reservation without anything personal.' });
const ReservationCreated = Reservation.extend({
  manageToken: z.string().describe('Opens this reservation only (manage link, `X-Manage-Token`): shown once.'),
}).meta({ id: 'ReservationCreated' });
const ManagedReservation = Reservation.extend({
  locale: localeSchema,
  isMinor: z.boolean(),
  patient: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }).describe('Masked.'),
}).meta({ id: 'ManagedReservation', description: 'The reservation behind a manage link, the patient’s data masked.' });
const Service = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    durationMinutes: z.number().int(),
    locale: z.string(),
    practitioners: z.array(z.object({ id: z.string(), name: z.string(), title: z.string().nullable() })),
  })
  .meta({ id: 'Service' });
const Slots = z
  .object({
    timeZone: z.string(),
    service: z.object({ id: z.string(), name: z.string(), durationMinutes: z.number().int() }),
    from: z.string(),
    to: z.string(),
    slots: z.array(z.object({ start: zoned, end: zoned, practitionerId: z.string() })),
  })
  .meta({ id: 'Slots' });

const manageErrors = { 400: ['VALIDATION' as const], 404: ['NOT_FOUND' as const] };

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/booking/services',
    operationId: 'listServices',
    tag: 'booking',
    summary: 'Bookable treatments with their practitioners',
    query: servicesQuery,
    responses: { 200: { description: 'The active treatments', schema: data(z.array(Service)) } },
    errors: { 400: ['VALIDATION'] },
  },
  {
    method: 'get',
    path: '/api/booking/slots',
    operationId: 'listSlots',
    tag: 'booking',
    summary: 'Free slots of a treatment between two clinic-local dates',
    query: slotsQuery,
    responses: { 200: { description: 'Free slots, times with the clinic’s offset', schema: data(Slots) } },
    errors: { 400: ['VALIDATION', 'RANGE_REVERSED', 'RANGE_TOO_LONG'], 422: ['UNKNOWN_SERVICE', 'UNKNOWN_PRACTITIONER', 'OUTSIDE_HORIZON'] },
  },
  {
    method: 'post',
    path: '/api/booking/reservations',
    operationId: 'createReservation',
    tag: 'booking',
    summary: 'Book a treatment',
    description:
      'Never double-books: of two requests for one slot one gets 201 and the other `409 SLOT_UNAVAILABLE`. A patient under 14 needs `guardian`; the reservation then waits for the code mailed to the guardian (`pending_guardian`).',
    headers: ['Idempotency-Key'],
    body: reservationBody,
    responses: { 201: { description: 'Booked; the confirmation is mailed', schema: data(ReservationCreated) } },
    errors: {
      400: ['VALIDATION'],
      409: ['SLOT_UNAVAILABLE', 'IDEMPOTENCY_CONFLICT'],
      422: [
        'CONSENT_REQUIRED',
        'POLICY_OUTDATED',
        'GUARDIAN_REQUIRED',
        'UNKNOWN_SERVICE',
        'UNKNOWN_PRACTITIONER',
        'OFF_GRID',
        'OUTSIDE_HORIZON',
        'TOO_LATE',
        'RRN_REFUSED',
        'IDEMPOTENCY_CONFLICT',
      ],
    },
    rateLimited: true,
  },
  {
    method: 'get',
    path: '/api/booking/manage/{token}',
    operationId: 'viewReservation',
    tag: 'booking',
    summary: 'The reservation behind a manage link',
    params: tokenParams,
    query: localeQuery,
    responses: { 200: { description: 'The reservation, personal data masked', schema: data(ManagedReservation) } },
    errors: manageErrors,
  },
  {
    method: 'post',
    path: '/api/booking/manage/{token}/cancel',
    operationId: 'cancelReservation',
    tag: 'booking',
    summary: 'Cancel (again: the same answer)',
    params: tokenParams,
    query: localeQuery,
    body: cancelBody,
    responses: { 200: { description: 'Cancelled', schema: data(ManagedReservation) } },
    errors: { ...manageErrors, 409: ['NOT_ALLOWED'], 422: ['TOO_LATE'] },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/booking/manage/{token}/reschedule',
    operationId: 'rescheduleReservation',
    tag: 'booking',
    summary: 'Move to another free slot of the same practitioner',
    params: tokenParams,
    query: localeQuery,
    body: rescheduleBody,
    responses: { 200: { description: 'Moved; the new time is mailed', schema: data(ManagedReservation) } },
    errors: { ...manageErrors, 403: ['RESTRICTED'], 409: ['SLOT_UNAVAILABLE', 'NOT_ALLOWED'], 422: ['OFF_GRID', 'OUTSIDE_HORIZON', 'TOO_LATE'] },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/booking/manage/{token}/guardian-confirm',
    operationId: 'confirmByGuardian',
    tag: 'booking',
    summary: 'The guardian’s code confirms a child’s reservation',
    params: tokenParams,
    query: localeQuery,
    body: guardianBody,
    responses: { 200: { description: 'Confirmed', schema: data(ManagedReservation) } },
    errors: { ...manageErrors, 409: ['NOT_ALLOWED'], 422: ['INVALID_CODE', 'CODE_BURNED'] },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/booking/manage/{token}/guardian-code',
    operationId: 'resendGuardianCode',
    tag: 'booking',
    summary: 'Mail the guardian a new code (three times at most)',
    params: tokenParams,
    query: localeQuery,
    body: resendBody,
    responses: {
      202: {
        description: 'A new code is on its way to the guardian; the old one no longer works',
        schema: data(z.object({ status: z.literal('sent'), resendsLeft: z.number().int().min(0) })),
      },
    },
    errors: { ...manageErrors, 409: ['NOT_ALLOWED'], 422: ['RESEND_LIMIT'] },
    rateLimited: true,
  },
];
