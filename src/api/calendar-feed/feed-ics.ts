import ical, { ICalEventStatus } from 'ical-generator';
import { inClinicZone } from '../../../plugins/privacy-guard/server/src';
import { reservationUid, vtimezone } from '../../mail/ics';

/** One reservation as a feed shows it: no patient, no contact, no note. */
export interface FeedEvent {
  documentId: string;
  reference: string;
  state: 'pending_guardian' | 'confirmed' | 'completed' | 'no_show';
  start: Date;
  end: Date;
  sequence: number;
  updatedAt: Date;
  serviceName: string;
}

const STATUS: Record<FeedEvent['state'], ICalEventStatus> = {
  pending_guardian: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  completed: ICalEventStatus.CONFIRMED,
  no_show: ICalEventStatus.CONFIRMED,
};

const STATE_TEXT: Record<FeedEvent['state'], string> = {
  pending_guardian: 'awaiting the guardian',
  confirmed: 'confirmed',
  completed: 'completed',
  no_show: 'no-show',
};

/**
 * A practitioner's feed as iCalendar (RFC 5545, no METHOD: a published calendar, not an iTIP
 * message): one VEVENT per reservation with the invitation's UID and SEQUENCE, in the clinic's
 * zone with its VTIMEZONE. Summary and description hold the service, the reference and the
 * state, nothing of the patient.
 */
export function feedCalendar(feed: { name: string; zone: string; location: string | null; events: FeedEvent[]; stamp: Date }): string {
  const calendar = ical({
    prodId: { company: 'clinic-cms', product: 'practitioner-feed', language: 'EN' },
    name: feed.name,
    timezone: { name: feed.zone, generator: vtimezone },
    ttl: 15 * 60,
  });
  for (const e of feed.events) {
    calendar.createEvent({
      id: reservationUid(e.documentId),
      sequence: e.sequence,
      start: inClinicZone(e.start, feed.zone),
      end: inClinicZone(e.end, feed.zone),
      timezone: feed.zone,
      stamp: inClinicZone(feed.stamp, feed.zone),
      lastModified: inClinicZone(e.updatedAt, feed.zone),
      summary: `${e.serviceName} – ${e.reference}`,
      description: `${e.reference} (${STATE_TEXT[e.state]})`,
      location: feed.location ?? undefined,
      status: STATUS[e.state],
    });
  }
  return calendar.toString();
}
