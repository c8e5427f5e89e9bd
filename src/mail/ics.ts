import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { inClinicZone } from '../../plugins/privacy-guard/server/src';

export interface Invitation {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  zone: string;
  stamp: Date;
  summary: string;
  description: string;
  location: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The UID of a reservation's calendar event: the invitations and the staff's calendar feeds use this same one. */
export const reservationUid = (documentId: string): string => `${documentId}@clinic-cms`;

/** The zone's VTIMEZONE block: the same for every invitation, and the library rebuilds it from its tables on every call. */
const vtimezones = new Map<string, string>();
export const vtimezone = (zone: string): string => {
  let block = vtimezones.get(zone);
  if (block === undefined) {
    block = tzlib_get_ical_block(zone)[0];
    vtimezones.set(zone, block);
  }
  return block;
};

/**
 * An iCalendar invitation in the clinic's zone, with the zone's VTIMEZONE so that calendar
 * programs place it right whatever their own zone. One UID per reservation; a reschedule is
 * the same UID with a higher SEQUENCE, a cancellation METHOD:CANCEL.
 */
export function invitation(invite: Invitation): string {
  const calendar = ical({
    prodId: { company: 'clinic-cms', product: 'booking', language: 'EN' },
    method: invite.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.timezone({ name: invite.zone, generator: vtimezone });
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    start: inClinicZone(invite.start, invite.zone),
    end: inClinicZone(invite.end, invite.zone),
    timezone: invite.zone,
    stamp: inClinicZone(invite.stamp, invite.zone),
    summary: invite.summary,
    description: invite.description,
    location: invite.location ?? undefined,
    status: invite.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: invite.organizer,
    attendees: [{ name: invite.attendee.name, email: invite.attendee.email, rsvp: false }],
  });
  return calendar.toString();
}
