import type { Core } from '@strapi/strapi';
import { addMinutes, ageOn, localDate, reminderInstant } from '../../../utils/clinic-time';
import { fail, validationError } from '../../../utils/errors';
import { refuseRrn } from '../../../utils/rrn';
import type { Locale } from '../../../utils/locale';
import {
  bookingService,
  catalogService,
  clinicService,
  consentService,
  idempotencyService,
  now,
  outboxService,
  slotCellsService,
} from '../../../utils/services';
import type { ClinicSettings } from '../../clinic/services/clinic';
import type { Fingerprint, StoredAnswer } from '../../idempotency-record/services/idempotency';
import { bookingOutboxMail } from '../../../mail/booking';
import { cellsOf } from '../availability/cells';
import { lastBookableDate, type BookingRules } from '../availability/slots';
import { newManageToken, newReference, hashToken, newGuardianCode, hashGuardianCode } from '../manage/token';
import { guardianCodeMail } from '../../../mail/guardian';
import { manageUrl } from '../../../mail/booking';
import { publicReservation, RESERVATION_POPULATE, reservationForMail, type StoredReservation } from '../manage/view';
import type { BookablePractitioner, BookableService } from './catalog';

const IDEMPOTENCY_SCOPE = 'booking.reservations';
const ADULT_AGE = 14;
/** How long a guardian has to confirm a child's reservation before it is destroyed. */
export const GUARDIAN_WINDOW_HOURS = 48;

export interface ReservationInput {
  service: string;
  practitioner?: string;
  start: string;
  patient: { name: string; birthDate: string; gender?: string; phone: string; email: string };
  consents: Record<string, boolean>;
  guardian?: { name: string; phone: string; email: string; relationship: string };
  locale?: Locale;
  note?: string;
}

export interface RequestContext {
  clientAddress: string;
  idempotencyKey?: string;
}

interface Booking {
  input: ReservationInput;
  context: RequestContext;
  clinic: ClinicSettings;
  service: BookableService;
  rules: BookingRules;
  start: Date;
  isMinor: boolean;
  print?: Fingerprint;
}

/** Refusals that depend only on the time asked for, before anything is looked up per practitioner. */
export function checkTiming(start: Date, rules: BookingRules) {
  if (start < addMinutes(rules.now, rules.minimumNoticeMinutes)) {
    throw fail(422, 'TOO_LATE', `Bookings close ${rules.minimumNoticeMinutes} minutes before the start`, {
      minimumNoticeMinutes: rules.minimumNoticeMinutes,
    });
  }
  if (localDate(start, rules.zone) > lastBookableDate(rules)) {
    throw fail(422, 'OUTSIDE_HORIZON', `Bookings are taken up to ${rules.bookingHorizonDays} days ahead`, {
      lastDate: lastBookableDate(rules),
    });
  }
}

function isUnder14(input: ReservationInput, rules: BookingRules): boolean {
  const today = localDate(rules.now, rules.zone);
  if (input.patient.birthDate > today) {
    throw validationError([{ path: 'patient.birthDate', message: 'A birth date cannot be in the future' }]);
  }
  const minor = ageOn(input.patient.birthDate, today) < ADULT_AGE;
  if (minor && !input.guardian) {
    throw fail(422, 'GUARDIAN_REQUIRED', 'A patient under 14 needs a legal guardian', { fields: ['guardian'] });
  }
  return minor;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {

  /** One transaction: consent ledger, reservation, its cells, its mails, the idempotent answer. All or nothing. */
  async function commit(b: Booking, practitioner: BookablePractitioner): Promise<StoredAnswer> {
    const { input, clinic, rules } = b;
    const token = newManageToken();
    const end = addMinutes(b.start, rules.durationMinutes);
    const locale = input.locale ?? clinic.defaultLocale;
    const reference = newReference();
    const guardianCode = b.isMinor ? newGuardianCode() : null;
    return strapi.db.transaction(async ({ trx }) => {
      const subjectId = consentService(strapi).subjectIdFor(input.patient.email);
      await consentService(strapi).record({
        subjectId,
        channel: 'reservation',
        consents: input.consents,
        actor: b.isMinor ? 'guardian' : 'self',
        clientAddress: b.context.clientAddress,
      });
      const created = (await strapi.documents('api::reservation.reservation').create({
        data: {
          reference,
          guardianCodeHash: guardianCode ? hashGuardianCode(reference, guardianCode) : null,
          guardianCodeExpiresAt: guardianCode ? addMinutes(rules.now, GUARDIAN_WINDOW_HOURS * 60) : null,
          state: b.isMinor ? 'pending_guardian' : 'confirmed',
          startsAt: b.start,
          endsAt: end,
          service: { connect: [{ documentId: b.service.id, locale: b.service.locale }] },
          practitioner: practitioner.id,
          subjectId,
          patientName: input.patient.name,
          patientBirthDate: input.patient.birthDate,
          patientGender: input.patient.gender ?? null,
          patientPhone: input.patient.phone,
          patientEmail: input.patient.email,
          guardian: input.guardian ? JSON.stringify(input.guardian) : null,
          note: input.note ?? null,
          isMinor: b.isMinor,
          locale,
          manageTokenHash: hashToken(token),
          sequence: 0,
        },
        populate: RESERVATION_POPULATE,
      } as never)) as unknown as StoredReservation;
      await slotCellsService(strapi).claim(trx, practitioner.id, cellsOf(b.start, addMinutes(end, rules.bufferMinutes)), created.documentId);

      const mail = { ...reservationForMail(created), serviceName: b.service.name, practitionerName: practitioner.name };
      const outbox = outboxService(strapi);
      await outbox.enqueue(bookingOutboxMail('confirmation', mail, clinic, { manageToken: token, now: rules.now }));
      if (guardianCode && input.guardian) {
        await outbox.enqueue(
          guardianCodeMail(
            {
              documentId: created.documentId,
              reference,
              start: b.start,
              locale,
              subjectId,
              guardian: input.guardian,
              serviceName: b.service.name,
              code: guardianCode,
              manageUrl: manageUrl(token),
            },
            clinic,
          ),
        );
      }
      if (reminderInstant(b.start, clinic.reminderTime, clinic.timeZone) > rules.now) {
        await outbox.enqueue(bookingOutboxMail('reminder', mail, clinic, { now: rules.now }));
      }

      const answer = { status: 201, body: { data: { ...publicReservation(created, clinic.timeZone), manageToken: token } } };
      if (b.print) await idempotencyService(strapi).store(IDEMPOTENCY_SCOPE, b.print, answer);
      return answer;
    });
  }

  async function book(input: ReservationInput, context: RequestContext, print?: Fingerprint): Promise<StoredAnswer> {
    const clinic = await clinicService(strapi).settings();
    const catalog = catalogService(strapi);
    const service = await catalog.service(input.service, clinic, input.locale);
    if (!service) throw fail(422, 'UNKNOWN_SERVICE', 'No bookable treatment has this id', { fields: ['service'] });
    const candidates = service.practitioners.filter((p) => !input.practitioner || p.id === input.practitioner);
    if (candidates.length === 0) {
      throw fail(422, 'UNKNOWN_PRACTITIONER', 'No practitioner with this id gives this treatment', { fields: ['practitioner'] });
    }
    const rules = catalog.rules(service, clinic, now(strapi));
    const start = new Date(input.start);
    checkTiming(start, rules);
    refuseRrn({ 'patient.name': input.patient.name, note: input.note, 'guardian.name': input.guardian?.name, 'guardian.relationship': input.guardian?.relationship });
    const isMinor = isUnder14(input, rules);
    await consentService(strapi).check('reservation', input.consents);

    const booking: Booking = { input, context, clinic, service, rules, start, isMinor, print };
    const free = await bookingService(strapi).freeAt(start, rules, candidates);
    for (const [i, practitioner] of free.entries()) {
      try {
        return await commit(booking, practitioner);
      } catch (error) {
        const taken = (error as { details?: { code?: string } }).details?.code === 'SLOT_UNAVAILABLE';
        if (!taken || i === free.length - 1) throw error;
      }
    }
    throw fail(409, 'SLOT_UNAVAILABLE', 'This time is not available; please choose another');
  }

  return {
    /**
     * Books a treatment. With an Idempotency-Key, a repeat gets the first answer and books
     * nothing; a twin racing the first one loses the key's unique index or the slot's cells,
     * and then also gets the first answer.
     */
    async create(input: ReservationInput, context: RequestContext): Promise<StoredAnswer> {
      if (!context.idempotencyKey) return book(input, context);
      const idempotency = idempotencyService(strapi);
      const print = idempotency.fingerprint(IDEMPOTENCY_SCOPE, context.idempotencyKey, input);
      const earlier = await idempotency.replay(print);
      if (earlier) return earlier;
      try {
        return await book(input, context, print);
      } catch (error) {
        const first = await idempotency.replay(print);
        if (first) return first;
        throw error;
      }
    },
  };
};
