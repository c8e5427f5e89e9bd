import type { ClinicSettings } from '../api/clinic/services/clinic';
import type { OutgoingMail } from '../api/outbox-message/services/outbox';
import { formatClinicTime, reminderInstant, type Locale, publicUrl } from '../../plugins/privacy-guard/server/src';
import { invitation, reservationUid } from './ics';
import { bookingMail, type BookingMailKind } from './templates';

/** What a booking mail needs to know of a reservation (personal data in plaintext, as the Document Service returns it). */
export interface ReservationForMail {
  documentId: string;
  reference: string;
  status: string;
  start: Date;
  end: Date;
  sequence: number;
  locale: Locale;
  patientName: string;
  patientEmail: string;
  subjectId: string | null;
  serviceName: string;
  practitionerName: string;
}

const KIND: Record<BookingMailKind, string> = {
  confirmation: 'booking.confirmation',
  rescheduled: 'booking.rescheduled',
  cancelled: 'booking.cancelled',
  reminder: 'booking.reminder',
};

/** The page that opens the manage view of `<clinic-booking>` (the demo page until the clinic names its own). */
export const manageUrl = (token: string) => `${publicUrl()}/widget/demo/?manage=${encodeURIComponent(token)}`;

function organizer(clinic: ClinicSettings) {
  const from = clinic.mailFrom ?? process.env.MAIL_FROM ?? '';
  const email = /<([^>]+)>/.exec(from)?.[1] ?? (from.includes('@') ? from.trim() : (clinic.email ?? 'no-reply@clinic.invalid'));
  return { name: clinic.name, email };
}

/**
 * The outbox row of one booking mail, in the reservation's language. Confirmation and
 * reschedule carry an invitation, cancellation a METHOD:CANCEL; a reminder waits until the
 * day before at the clinic's reminder time.
 */
export function bookingOutboxMail(
  kind: BookingMailKind,
  reservation: ReservationForMail,
  clinic: ClinicSettings,
  options: { manageToken?: string; now: Date },
): OutgoingMail {
  const { subject, text, html } = bookingMail(kind, reservation.locale, {
    clinicName: clinic.name,
    clinicPhone: clinic.phone,
    patientName: reservation.patientName,
    serviceName: reservation.serviceName,
    practitionerName: reservation.practitionerName,
    when: formatClinicTime(reservation.start, clinic.timeZone, reservation.locale),
    reference: reservation.reference,
    manageUrl: options.manageToken ? manageUrl(options.manageToken) : null,
    awaitingGuardian: reservation.status === 'pending_guardian',
  });
  const withInvite = kind !== 'reminder';
  const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const ics = withInvite
    ? invitation({
        method,
        uid: reservationUid(reservation.documentId),
        sequence: reservation.sequence,
        start: reservation.start,
        end: reservation.end,
        zone: clinic.timeZone,
        stamp: options.now,
        summary: `${reservation.serviceName} – ${clinic.name}`,
        description: `${reservation.reference}`,
        location: clinic.address,
        organizer: organizer(clinic),
        attendee: { name: reservation.patientName, email: reservation.patientEmail },
      })
    : null;
  return {
    kind: KIND[kind],
    to: reservation.patientEmail,
    locale: reservation.locale,
    subject,
    text,
    html,
    attachments: ics
      ? [{ filename: 'invitation.ics', content: ics, contentType: `text/calendar; charset=utf-8; method=${method}` }]
      : undefined,
    subjectId: reservation.subjectId,
    relatedDocumentId: reservation.documentId,
    dedupeKey: `${KIND[kind]}:${reservation.documentId}:${reservation.sequence}`,
    notBefore: kind === 'reminder' ? reminderInstant(reservation.start, clinic.reminderTime, clinic.timeZone) : undefined,
  };
}
