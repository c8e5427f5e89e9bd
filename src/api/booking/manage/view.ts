import { type Locale, toClinicIso } from '../../../../plugins/privacy-guard/server/src';
import type { ReservationForMail } from '../../../mail/booking';
import { maskEmail, maskName, maskPhone } from './mask';

/** A reservation as the Document Service returns it (personal fields already decrypted by the privacy plugin). */
export interface StoredReservation {
  documentId: string;
  reference: string;
  /** `status` in the public API; named `state` in the database, since the Content Manager reserves `status`. */
  state: string;
  startsAt: string;
  endsAt: string;
  sequence: number | null;
  locale: Locale | null;
  isMinor: boolean | null;
  restricted: boolean | null;
  subjectId: string | null;
  patientName: string | null;
  patientEmail: string | null;
  patientPhone: string | null;
  service?: { documentId: string; name: string } | null;
  practitioner?: { documentId: string; name: string } | null;
}

export const RESERVATION_POPULATE = {
  service: { fields: ['name'] },
  practitioner: { fields: ['name'] },
};

const LIVE = ['pending_guardian', 'confirmed'];
export const isLive = (status: string) => LIVE.includes(status);

const ref = (related?: { documentId: string; name: string } | null) => (related ? { id: related.documentId, name: related.name } : null);

/** The public part of a reservation: what the booking answer and the manage view share. */
export function publicReservation(r: StoredReservation, zone: string) {
  return {
    reference: r.reference,
    status: r.state,
    start: toClinicIso(new Date(r.startsAt), zone),
    end: toClinicIso(new Date(r.endsAt), zone),
    timeZone: zone,
    service: ref(r.service),
    practitioner: ref(r.practitioner),
  };
}

/** The manage view: the reservation with the patient's data masked. */
export function maskedReservation(r: StoredReservation, zone: string) {
  return {
    ...publicReservation(r, zone),
    locale: r.locale ?? 'en',
    isMinor: Boolean(r.isMinor),
    patient: {
      name: r.patientName ? maskName(r.patientName) : null,
      email: r.patientEmail ? maskEmail(r.patientEmail) : null,
      phone: r.patientPhone ? maskPhone(r.patientPhone) : null,
    },
  };
}

export function reservationForMail(r: StoredReservation): ReservationForMail {
  return {
    documentId: r.documentId,
    reference: r.reference,
    status: r.state,
    start: new Date(r.startsAt),
    end: new Date(r.endsAt),
    sequence: r.sequence ?? 0,
    locale: r.locale ?? 'en',
    patientName: r.patientName ?? '',
    patientEmail: r.patientEmail ?? '',
    subjectId: r.subjectId,
    serviceName: r.service?.name ?? '',
    practitionerName: r.practitioner?.name ?? '',
  };
}
