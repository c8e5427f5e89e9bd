import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { addMinutes, ageOn, localDate, reminderInstant, fail, validationError, refuseRrn, type Locale, type PreparedDecision } from '../../../../plugins/privacy-guard/server/src';
import { bookingService, catalogService, clinicService, idempotencyService, outboxService, slotCellsService } from '../../../utils/services';
import { privacyGuard } from '../../../utils/privacy-guard';
import type { ClinicSettings } from '../../clinic/services/clinic';
import type { Fingerprint, StoredAnswer } from '../../idempotency-record/services/idempotency';
import { bookingOutboxMail, manageUrl } from '../../../mail/booking';
import { cellsOf } from '../availability/cells';
import { lastBookableDate, type BookingRules } from '../availability/slots';
import { newManageToken, newReference, hashToken, newGuardianCode } from '../manage/token';
import { guardianCodes } from '../manage/guardian-code';
import { guardianCodeMail } from '../../../mail/guardian';
import { publicReservation, reservationForMail, type StoredReservation } from '../manage/view';
import type { PreparedMail } from '../../outbox-message/services/outbox';
import type { PreparedRecord } from '../../../../plugins/privacy-guard/server/src';
import type { BookablePractitioner, BookableService } from './catalog';

const IDEMPOTENCY_SCOPE = 'booking.reservations';
const RESERVATION_UID = 'api::reservation.reservation';
/** The database's own guarantee that no two reservations share a reference (schema `indexes`: `unique: true` alone makes none). */
const REFERENCE_INDEX = 'reservations_reference_uq';
/** Fresh references tried when the one drawn is taken (8 characters of 32: a collision is rare, but the index decides). */
const REFERENCE_ATTEMPTS = 3;

/** Whether a write failed because another reservation has this reference: SQLite's and PostgreSQL's words for it. */
export function isTakenReference(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown } | null;
  if (e?.code === '23505') return e.constraint === REFERENCE_INDEX;
  return String(e?.code ?? '').startsWith('SQLITE_CONSTRAINT') && /reservations\.reference/.test(String(e?.message ?? ''));
}
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
  /** Counts a mail this booking will send to an address against the public mail limits (refuses when over). */
  limitMail?: (email: string) => Promise<void>;
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

interface PreparedBooking {
  documentId: string;
  reservation: PreparedRecord;
  cells: number[];
  consent: PreparedDecision;
  mails: PreparedMail[];
  idempotency: PreparedRecord | null;
  answer: StoredAnswer;
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
  /**
   * Everything a booking writes, built before its transaction opens: the consent decision
   * (items, policy version, text hashes), the reservation row with its personal fields
   * encrypted, the rendered mails, the answer. SQLite has one writer and Strapi gives it one
   * connection, so every read and every millisecond of JavaScript inside the transaction
   * holds up every other request.
   */
  async function prepare(b: Booking, practitioner: BookablePractitioner): Promise<PreparedBooking> {
    const { input, clinic, rules } = b;
    const token = newManageToken();
    const end = addMinutes(b.start, rules.durationMinutes);
    const locale = input.locale ?? clinic.defaultLocale;
    const reference = newReference();
    const guardianCode = b.isMinor ? newGuardianCode() : null;
    const records = privacyGuard(strapi).service('records');
    const documentId = records.newDocumentId(RESERVATION_UID);
    const subjectId = privacyGuard(strapi).service('consent').subjectIdFor(input.patient.email);
    const consent = await privacyGuard(strapi).service('consent').prepare({
      subjectId,
      channel: 'reservation',
      consents: input.consents,
      actor: b.isMinor ? 'guardian' : 'self',
      clientAddress: b.context.clientAddress,
      // Anyone can book with any address: the decision binds this reservation only.
      scope: `reservation:${documentId}`,
    });
    const state = b.isMinor ? 'pending_guardian' : 'confirmed';
    const personal = {
      patientName: input.patient.name,
      patientBirthDate: input.patient.birthDate,
      patientGender: input.patient.gender ?? null,
      patientPhone: input.patient.phone,
      patientEmail: input.patient.email,
      guardian: input.guardian ? JSON.stringify(input.guardian) : null,
      note: input.note ?? null,
    };
    const reservation = records.prepare(RESERVATION_UID, {
      documentId,
      reference,
      guardianCodeHash: guardianCode ? guardianCodes(strapi).hash(documentId, guardianCode) : null,
      guardianCodeExpiresAt: guardianCode ? addMinutes(rules.now, GUARDIAN_WINDOW_HOURS * 60) : null,
      state,
      startsAt: b.start,
      endsAt: end,
      service: b.service.rowId,
      practitioner: practitioner.rowId,
      subjectId,
      ...personal,
      isMinor: b.isMinor,
      locale,
      manageTokenHash: hashToken(token),
      sequence: 0,
    });
    const created: StoredReservation = {
      documentId,
      reference,
      state,
      startsAt: b.start.toISOString(),
      endsAt: end.toISOString(),
      sequence: 0,
      locale,
      isMinor: b.isMinor,
      restricted: false,
      subjectId,
      patientName: personal.patientName,
      patientEmail: personal.patientEmail,
      patientPhone: personal.patientPhone,
      service: { documentId: b.service.id, name: b.service.name },
      practitioner: { documentId: practitioner.id, name: practitioner.name },
    };

    const outbox = outboxService(strapi);
    const mail = reservationForMail(created);
    const mails = [outbox.prepare(bookingOutboxMail('confirmation', mail, clinic, { manageToken: token, now: rules.now }))];
    if (guardianCode && input.guardian) {
      mails.push(
        outbox.prepare(
          guardianCodeMail(
            {
              documentId,
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
        ),
      );
    }
    if (reminderInstant(b.start, clinic.reminderTime, clinic.timeZone) > rules.now) {
      mails.push(outbox.prepare(bookingOutboxMail('reminder', mail, clinic, { now: rules.now })));
    }

    const answer = { status: 201, body: { data: { ...publicReservation(created, clinic.timeZone), manageToken: token } } };
    return {
      documentId,
      reservation,
      cells: cellsOf(b.start, addMinutes(end, rules.bufferMinutes)),
      consent,
      mails,
      idempotency: b.print ? idempotencyService(strapi).prepare(IDEMPOTENCY_SCOPE, b.print, answer) : null,
      answer,
    };
  }

  /**
   * One transaction: slot cells, reservation, its mails, the idempotent answer, consent ledger.
   * All or nothing. The cells go first (the likely refusal, before anything else is written)
   * and the ledger last (on PostgreSQL its append holds a lock every booking waits for).
   * The rows go through the plugin's fast write, past the Document Service middlewares but
   * through their rules: sealed by the encryption middleware's code, admitted by the consent
   * gate's own rule against the decision appended in this transaction.
   */
  async function commit(b: Booking, practitioner: BookablePractitioner): Promise<StoredAnswer> {
    for (let attempt = 1; ; attempt += 1) {
      // A taken reference rolls the whole transaction back: the booking is prepared again with a fresh one.
      const p = await prepare(b, practitioner);
      try {
        const reservation = await strapi.db.transaction(async ({ trx }) => {
          await slotCellsService(strapi).claim(trx, practitioner.id, p.cells, p.documentId);
          const written = await privacyGuard(strapi).service('records').write([p.reservation, ...p.mails, ...(p.idempotency ? [p.idempotency] : [])], { consent: p.consent });
          return written.get(p.documentId) as number;
        });
        await announceCreated(reservation, p);
        return p.answer;
      } catch (error) {
        if (attempt >= REFERENCE_ATTEMPTS || !isTakenReference(error)) throw error;
      }
    }
  }

  /**
   * The `entry.create` event the Document Service would have emitted (webhooks listen to it),
   * with the public fields of the reservation: the private ones are stripped as Strapi does.
   */
  async function announceCreated(id: number, p: PreparedBooking) {
    const { reference, state, startsAt, endsAt, isMinor, locale, sequence } = p.reservation.row;
    await privacyGuard(strapi).service('records').announce(p.reservation, id, { reference, state, startsAt, endsAt, isMinor, locale, sequence, restricted: false });
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
    const rules = catalog.rules(service, clinic, privacyGuard(strapi).service('clock').now());
    const start = new Date(input.start);
    checkTiming(start, rules);
    refuseRrn({
      'patient.name': input.patient.name,
      note: input.note,
      'guardian.name': input.guardian?.name,
      'guardian.relationship': input.guardian?.relationship,
    });
    const isMinor = isUnder14(input, rules);
    await privacyGuard(strapi).service('consent').check('reservation', input.consents);

    const booking: Booking = { input, context, clinic, service, rules, start, isMinor, print };
    const free = await bookingService(strapi).freeAt(start, rules, candidates);
    // The confirmation (and a child's guardian code) will be mailed: counted against the public mail limits.
    for (const email of new Set([input.patient.email, input.guardian?.email].filter((e): e is string => Boolean(e)))) await context.limitMail?.(email);
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
