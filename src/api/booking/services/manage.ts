import type { Core } from '@strapi/strapi';
import { addMinutes, reminderInstant, fail, notFound, type Locale } from '../../../../plugins/privacy-guard/server/src';
import { bookingService, catalogService, clinicService, outboxService, slotCellsService } from '../../../utils/services';
import { privacyGuard } from '../../../utils/privacy-guard';
import type { ClinicSettings } from '../../clinic/services/clinic';
import { bookingOutboxMail, manageUrl } from '../../../mail/booking';
import { guardianCodeMail } from '../../../mail/guardian';
import type { BookingMailKind } from '../../../mail/templates';
import { cellsOf } from '../availability/cells';
import { hashToken, newGuardianCode, sameHash } from '../manage/token';
import { GUARDIAN_CODE_RESENDS, GUARDIAN_CODE_TRIES, guardianCodes } from '../manage/guardian-code';
import { isLive, maskedReservation, RESERVATION_POPULATE, reservationForMail, type StoredReservation } from '../manage/view';
import { checkTiming } from './reservations';

const UID = 'api::reservation.reservation';

/** The guardian a reservation names (stored as JSON in one encrypted field), or null. */
function guardianOf(stored: string | null | undefined): { name: string; email: string } | null {
  try {
    const g = JSON.parse(stored ?? 'null') as { name?: unknown; email?: unknown } | null;
    return g && typeof g.email === 'string' && g.email ? { name: typeof g.name === 'string' ? g.name : '', email: g.email } : null;
  } catch {
    return null;
  }
}

/**
 * What a manage link allows: see the reservation (masked), cancel it, or move it, each change
 * mailed and each respecting the minimum notice. A wrong token is a plain 404.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reservations = () => strapi.documents(UID);

  async function byToken(token: string): Promise<StoredReservation> {
    const found = (await reservations().findFirst({
      filters: { manageTokenHash: hashToken(token) },
      populate: RESERVATION_POPULATE,
    } as never)) as unknown as StoredReservation | null;
    if (!found) throw notFound('No reservation behind this link');
    return found;
  }

  /** The service and practitioner named in the reservation's (or the asked) language. */
  async function localized(r: StoredReservation, clinic: ClinicSettings, locale?: Locale): Promise<StoredReservation> {
    if (!r.service) return r;
    const service = await catalogService(strapi).service(r.service.documentId, clinic, locale ?? r.locale ?? undefined);
    return service ? { ...r, service: { documentId: service.id, name: service.name } } : r;
  }

  function mustBeChangeable(r: StoredReservation, clinic: ClinicSettings) {
    if (!isLive(r.state)) throw fail(409, 'NOT_ALLOWED', `A ${r.state} reservation cannot be changed`, { status: r.state });
    if (new Date(r.startsAt) < addMinutes(privacyGuard(strapi).service('clock').now(), clinic.minimumNoticeMinutes)) {
      throw fail(422, 'TOO_LATE', `Changes close ${clinic.minimumNoticeMinutes} minutes before the start; please call the clinic`, {
        minimumNoticeMinutes: clinic.minimumNoticeMinutes,
      });
    }
  }

  async function mailAbout(kind: BookingMailKind, r: StoredReservation, clinic: ClinicSettings, token?: string) {
    const named = await localized(r, clinic);
    await outboxService(strapi).enqueue(bookingOutboxMail(kind, reservationForMail(named), clinic, { manageToken: token, now: privacyGuard(strapi).service('clock').now() }));
  }

  return {
    /**
     * Rebuilds the reminders of a person's upcoming reservations from the data as it is now:
     * called when a correction is resolved (the address may have changed) and the restriction
     * lifts (a reminder skipped while restricted goes out now if the visit is still ahead).
     * A reminder already sent is not sent again.
     */
    async refreshReminders(subjectId: string): Promise<number> {
      const clinic = await clinicService(strapi).settings();
      const at = privacyGuard(strapi).service('clock').now();
      const upcoming = (await reservations().findMany({
        filters: { subjectId, state: 'confirmed', ...privacyGuard(strapi).service('restriction').unrestricted(), startsAt: { $gt: at } },
        populate: RESERVATION_POPULATE,
      } as never)) as unknown as StoredReservation[];
      let queued = 0;
      for (const r of upcoming) {
        await strapi.db.transaction(async () => {
          const rows = (await strapi.db.query('api::outbox-message.outbox-message').findMany({
            where: { kind: 'booking.reminder', relatedDocumentId: r.documentId },
            select: ['status'],
          })) as Array<{ status: string }>;
          if (rows.some((row) => row.status === 'sent')) return;
          await outboxService(strapi).withdraw('booking.reminder', r.documentId);
          const mail = bookingOutboxMail('reminder', reservationForMail(await localized(r, clinic)), clinic, { now: at });
          await outboxService(strapi).enqueue({ ...mail, dedupeKey: `${mail.dedupeKey}:${rows.length}` });
          queued++;
        });
      }
      return queued;
    },

    async view(token: string, locale?: Locale) {
      const clinic = await clinicService(strapi).settings();
      return maskedReservation(await localized(await byToken(token), clinic, locale), clinic.timeZone);
    },

    /** Cancels and frees the time at once; cancelling twice answers the cancelled reservation again. */
    async cancel(token: string, locale?: Locale) {
      const clinic = await clinicService(strapi).settings();
      const r = await byToken(token);
      if (r.state === 'cancelled') return maskedReservation(await localized(r, clinic, locale), clinic.timeZone);
      mustBeChangeable(r, clinic);
      const updated = await strapi.db.transaction(async () => {
        const changed = (await reservations().update({
          documentId: r.documentId,
          data: { state: 'cancelled', cancelledAt: privacyGuard(strapi).service('clock').now(), sequence: (r.sequence ?? 0) + 1 },
          populate: RESERVATION_POPULATE,
        } as never)) as unknown as StoredReservation;
        await slotCellsService(strapi).release(r.documentId);
        await outboxService(strapi).withdraw('booking.reminder', r.documentId);
        await mailAbout('cancelled', changed, clinic);
        return changed;
      });
      return maskedReservation(await localized(updated, clinic, locale), clinic.timeZone);
    },

    /**
     * A guardian's mailed code confirms a child's reservation. A wrong or expired code changes
     * nothing but the count of tries (the answer says how many are left); the fifth wrong try
     * burns the code, so that even the right one is refused until the booker asks for a new one.
     * Once confirmed, the code is forgotten and the patient is mailed the confirmation. Every try
     * is in the reservation's access log.
     */
    async guardianConfirm(token: string, code: string, locale?: Locale, clientAddress: string | null = null) {
      const clinic = await clinicService(strapi).settings();
      const r = await byToken(token);
      if (r.state !== 'pending_guardian') {
        throw fail(409, 'NOT_ALLOWED', `A ${r.state} reservation needs no guardian confirmation`, { status: r.state });
      }
      const codes = guardianCodes(strapi);
      const stored = await codes.state(r.documentId);
      if (!stored.hash || !stored.expiresAt || stored.expiresAt < privacyGuard(strapi).service('clock').now()) {
        await codes.record(r, 'expired', '', clientAddress);
        throw fail(422, 'INVALID_CODE', 'This code has expired', { fields: ['code'] });
      }
      const resendsLeft = Math.max(0, GUARDIAN_CODE_RESENDS - stored.resends);
      const outcome = await strapi.db.transaction(async ({ trx }) => {
        const tries = await codes.takeTry(trx, r.documentId, stored.hash as string);
        if (tries === null) {
          await codes.record(r, 'burned', 'refused', clientAddress);
          return { ok: false as const, triesLeft: 0 };
        }
        if (!sameHash(stored.hash as string, codes.hash(r.documentId, code))) {
          const triesLeft = GUARDIAN_CODE_TRIES - tries;
          await codes.record(r, 'wrong', triesLeft > 0 ? `${triesLeft} tries left` : 'code burned', clientAddress);
          return { ok: false as const, triesLeft };
        }
        const changed = (await reservations().update({
          documentId: r.documentId,
          data: { state: 'confirmed', guardianCodeHash: null, guardianCodeExpiresAt: null, sequence: (r.sequence ?? 0) + 1 },
          populate: RESERVATION_POPULATE,
        } as never)) as unknown as StoredReservation;
        await mailAbout('confirmation', changed, clinic);
        await codes.record(r, 'right', 'confirmed', clientAddress);
        return { ok: true as const, changed };
      });
      if (!outcome.ok && outcome.triesLeft === 0) {
        throw fail(422, 'CODE_BURNED', 'Too many wrong codes; ask for a new code to be mailed to the guardian', { triesLeft: 0, resendsLeft });
      }
      if (!outcome.ok) {
        throw fail(422, 'INVALID_CODE', 'This code is not right', { fields: ['code'], triesLeft: outcome.triesLeft });
      }
      return maskedReservation(await localized(outcome.changed, clinic, locale), clinic.timeZone);
    },

    /**
     * Mails the guardian a new code (at most GUARDIAN_CODE_RESENDS times), in place of the old one,
     * with its tries reset and the same deadline: the 48 hours run from the booking. A mail with
     * the old code that is still queued is not sent.
     */
    async guardianResend(token: string, clientAddress: string | null = null) {
      const clinic = await clinicService(strapi).settings();
      const r = (await byToken(token)) as StoredReservation & { guardian?: string | null };
      if (r.state !== 'pending_guardian') {
        throw fail(409, 'NOT_ALLOWED', `A ${r.state} reservation needs no guardian confirmation`, { status: r.state });
      }
      const codes = guardianCodes(strapi);
      const stored = await codes.state(r.documentId);
      if (!stored.expiresAt || stored.expiresAt < privacyGuard(strapi).service('clock').now()) {
        await codes.record(r, 'resend-refused', 'expired', clientAddress);
        throw fail(409, 'NOT_ALLOWED', 'The 48 hours to confirm this reservation have passed', { status: r.state });
      }
      const guardian = guardianOf(r.guardian);
      if (!guardian) throw fail(409, 'NOT_ALLOWED', 'This reservation has no guardian to mail; please call the clinic', { status: r.state });
      const named = await localized(r, clinic);
      const code = newGuardianCode();
      const resends = await strapi.db.transaction(async ({ trx }) => {
        const used = await codes.replace(trx, r.documentId, codes.hash(r.documentId, code));
        if (used === null) {
          await codes.record(r, 'resend-refused', 'limit reached', clientAddress);
          return null;
        }
        const outbox = outboxService(strapi);
        await outbox.withdraw('booking.guardian-code', r.documentId);
        const mail = guardianCodeMail(
          {
            documentId: r.documentId,
            reference: r.reference,
            start: new Date(r.startsAt),
            locale: r.locale ?? clinic.defaultLocale,
            subjectId: r.subjectId,
            guardian,
            serviceName: named.service?.name ?? '',
            code,
            manageUrl: manageUrl(token),
          },
          clinic,
        );
        await outbox.enqueue({ ...mail, dedupeKey: `${mail.dedupeKey}:resend-${used}` });
        await codes.record(r, 'resent', `${used} of ${GUARDIAN_CODE_RESENDS}`, clientAddress);
        return used;
      });
      if (resends === null) {
        throw fail(422, 'RESEND_LIMIT', `A new code can be asked for ${GUARDIAN_CODE_RESENDS} times; please call the clinic`, {
          resendsLeft: 0,
        });
      }
      return { status: 'sent' as const, resendsLeft: GUARDIAN_CODE_RESENDS - resends };
    },

    /** Moves the reservation to another free time of the same treatment and practitioner. */
    async reschedule(token: string, startIso: string, locale?: Locale) {
      const clinic = await clinicService(strapi).settings();
      const r = await byToken(token);
      mustBeChangeable(r, clinic);
      await privacyGuard(strapi).service('restriction').assertWritable(UID, r);
      const catalog = catalogService(strapi);
      const service = r.service ? await catalog.service(r.service.documentId, clinic, r.locale ?? undefined) : null;
      if (!service) throw fail(422, 'UNKNOWN_SERVICE', 'This treatment is no longer offered; please call the clinic');
      const practitioner = service.practitioners.find((p) => p.id === r.practitioner?.documentId);
      if (!practitioner) throw fail(422, 'UNKNOWN_PRACTITIONER', 'This practitioner no longer gives this treatment; please call the clinic');
      const rules = catalog.rules(service, clinic, privacyGuard(strapi).service('clock').now());
      const start = new Date(startIso);
      checkTiming(start, rules);
      await bookingService(strapi).freeAt(start, rules, [practitioner], r.documentId);
      const end = addMinutes(start, rules.durationMinutes);

      const updated = await strapi.db.transaction(async ({ trx }) => {
        const cells = slotCellsService(strapi);
        await cells.release(r.documentId);
        await cells.claim(trx, practitioner.id, cellsOf(start, addMinutes(end, rules.bufferMinutes)), r.documentId);
        const changed = (await reservations().update({
          documentId: r.documentId,
          data: { startsAt: start, endsAt: end, sequence: (r.sequence ?? 0) + 1, reminderSentAt: null },
          populate: RESERVATION_POPULATE,
        } as never)) as unknown as StoredReservation;
        await outboxService(strapi).withdraw('booking.reminder', r.documentId);
        await mailAbout('rescheduled', changed, clinic, token);
        if (reminderInstant(start, clinic.reminderTime, clinic.timeZone) > rules.now) {
          await mailAbout('reminder', changed, clinic);
        }
        return changed;
      });
      return maskedReservation(await localized(updated, clinic, locale), clinic.timeZone);
    },
  };
};
