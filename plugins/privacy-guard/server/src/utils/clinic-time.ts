import { DateTime, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

/**
 * The one module that owns clinic-time arithmetic: everything that turns an instant into a
 * clinic-local date or wall-clock time (and back) goes through here, in the clinic's IANA
 * zone, so daylight-saving changes are Luxon's job and never hand-written offsets.
 * Instants are stored in UTC.
 */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTE = 60_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const UTC_DAY = 24 * 60 * MINUTE;

/**
 * An IANA zone that remembers, per UTC day, the offset it keeps all day. Luxon asks the
 * platform's Intl for every offset, and that was most of a slot query's time (a 31-day query
 * converts a few thousand instants; bench/results.md). A day whose offset differs between its
 * first and last millisecond (a DST change) is never cached: each instant of it is asked exactly.
 */
class SteadyZone extends Zone {
  private readonly exact: IANAZone;
  private readonly days = new Map<number, number | null>();

  constructor(name: string) {
    super();
    this.exact = IANAZone.create(name);
  }

  get type() {
    return 'iana';
  }

  get name() {
    return this.exact.name;
  }

  get isUniversal() {
    return false;
  }

  get isValid() {
    return this.exact.isValid;
  }

  offsetName(ts: number, options: ZoneOffsetOptions) {
    return this.exact.offsetName(ts, options);
  }

  formatOffset(ts: number, format: ZoneOffsetFormat) {
    return this.exact.formatOffset(ts, format);
  }

  offset(ts: number) {
    const day = Math.floor(ts / UTC_DAY);
    let steady = this.days.get(day);
    if (steady === undefined) {
      const first = this.exact.offset(day * UTC_DAY);
      steady = first === this.exact.offset((day + 1) * UTC_DAY - 1) ? first : null;
      if (this.days.size > 20_000) this.days.clear();
      this.days.set(day, steady);
    }
    return steady ?? this.exact.offset(ts);
  }

  equals(other: Zone) {
    return other.type === 'iana' && other.name === this.name;
  }
}

const steadyZones = new Map<string, SteadyZone>();
/** The clinic's zone for arithmetic (a valid IANA name; anything else is left to Luxon as it was). */
const steady = (zone: string): SteadyZone | string => {
  const cached = steadyZones.get(zone);
  if (cached) return cached;
  // Names Luxon maps to a fixed or system zone rather than an IANA one stay as they were.
  if (/^(utc|gmt|local|system)([+-]|$)/i.test(zone) || !IANAZone.isValidZone(zone)) return zone;
  const created = new SteadyZone(zone);
  steadyZones.set(zone, created);
  return created;
};

/** The clinic-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: steady(zone) }).toISODate() as string;
}

/** An instant as ISO 8601 with the clinic's offset, e.g. 2026-03-08T09:00:00.000-04:00. */
export function toClinicIso(instant: Date, zone: string): string {
  const steadyZone = steady(zone);
  if (typeof steadyZone === 'string') return DateTime.fromJSDate(instant, { zone }).toISO() as string;
  // Luxon's format for an IANA zone, written directly: a slot list formats a thousand of these.
  const offset = steadyZone.offset(instant.getTime());
  const wall = new Date(instant.getTime() + offset * MINUTE).toISOString().slice(0, 23);
  const abs = Math.abs(offset);
  return `${wall}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The same instant as a Luxon DateTime in the clinic's zone (for libraries that take one, e.g. ical-generator). */
export function inClinicZone(instant: Date, zone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone });
}

/** Whether a string is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(date: string): boolean {
  return DAY_PATTERN.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

export function isWallTime(time: string): boolean {
  return WALL_TIME.test(time);
}

/** The date `days` calendar days after `date` (negative for before); calendar days, not 24-hour spans. */
export function addDays(date: string, days: number): string {
  // Plain UTC calendar arithmetic (no zone is involved in a date), without Luxon's cost per call.
  const [year, month, day] = date.split('-').map(Number);
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day + days);
  return at.toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (0 when equal, negative when reversed). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

export function weekdayOf(date: string): Weekday {
  const [year, month, day] = date.split('-').map(Number);
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return WEEKDAYS[(at.getUTCDay() + 6) % 7];
}

/**
 * The instant a clinic-local wall-clock time happens on a date: `24:00` is the next day's
 * midnight; a time skipped by a spring-forward change moves forward by the gap (02:30 on a
 * New York transition day is 03:30 EDT); a time repeated in autumn is its first occurrence.
 */
export function wallClockToInstant(date: string, time: string, zone: string): Date {
  // A pure function of its arguments, asked for the same opening hours on every slot query.
  const key = `${date} ${time} ${zone}`;
  const known = wallClockMemo.get(key);
  if (known !== undefined) return new Date(known);
  const instant = resolveWallClock(date, time, zone);
  if (wallClockMemo.size > 50_000) wallClockMemo.clear();
  wallClockMemo.set(key, instant.getTime());
  return instant;
}

const wallClockMemo = new Map<string, number>();

function resolveWallClock(date: string, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const day = hour === 24 ? addDays(date, 1) : date;
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const wall = { year, month, day: dayOfMonth, hour: hour % 24, minute };
  const resolved = DateTime.fromObject(wall, { zone: steady(zone) });
  // Luxon resolves a repeated wall time to its later occurrence; prefer the earlier one if it exists.
  const shift = resolved.minus({ days: 1 }).offset - resolved.offset;
  const earlier = resolved.minus({ minutes: shift });
  const same = shift > 0 && earlier.hour === wall.hour && earlier.minute === wall.minute && earlier.day === wall.day;
  return (same ? earlier : resolved).toJSDate();
}

/** The clinic-local midnight that starts a date (not 00:00 of wall time in every zone, hence Luxon). */
export function startOfDate(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone: steady(zone) }).startOf('day').toJSDate();
}

export const addMinutes = (instant: Date, minutes: number): Date => new Date(instant.getTime() + minutes * MINUTE);

/** Whole minutes from `a` to `b` in elapsed time (DST changes count as the hour they are). */
export const minutesBetween = (a: Date, b: Date): number => (b.getTime() - a.getTime()) / MINUTE;

/** Age in whole years on a date, from a YYYY-MM-DD birth date (a 29 February birthday counts from 1 March). */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The instant a reminder goes out: the clinic-local day before the start, at `reminderTime` (HH:mm). */
export function reminderInstant(start: Date, reminderTime: string, zone: string): Date {
  return wallClockToInstant(addDays(localDate(start, zone), -1), reminderTime, zone);
}

/** A start time as a person reads it in the clinic's zone and language, e.g. "Tuesday, March 10, 2026 at 9:00 AM EDT". */
export function formatClinicTime(instant: Date, zone: string, locale: string): string {
  return DateTime.fromJSDate(instant, { zone })
    .setLocale(locale)
    .toLocaleString({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
}
