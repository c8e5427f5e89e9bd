import { DateTime, IANAZone } from 'luxon';

/**
 * The one module that owns clinic-time arithmetic: everything that turns an instant into a
 * clinic-local date or wall-clock time (and back) goes through here, in the clinic's IANA
 * zone, so daylight-saving changes are Luxon's job and never hand-written offsets.
 * Instants are stored in UTC.
 */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The clinic-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}

/** An instant as ISO 8601 with the clinic's offset, e.g. 2026-03-08T09:00:00.000-04:00. */
export function toClinicIso(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO() as string;
}
