import {
  addDays,
  addMinutes,
  eachDate,
  localDate,
  wallClockToInstant,
  weekdayOf,
  type Weekday,
} from '../../../../plugins/privacy-guard/server/src';
import { anyTaken } from './cells';

export interface WeeklyHours {
  weekday: Weekday;
  opens: string;
  closes: string;
}

export interface Closure {
  startDate: string;
  endDate: string | null;
  /** null for a clinic-wide closure. */
  practitionerId: string | null;
}

export interface PractitionerSchedule {
  id: string;
  weeklyHours: WeeklyHours[];
}

export interface BookingRules {
  zone: string;
  now: Date;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  durationMinutes: number;
  bufferMinutes: number;
  stepMinutes: number;
}

export interface Slot {
  start: Date;
  end: Date;
  practitionerId: string;
}

/** Cells already taken, per practitioner (see cells.ts). */
export type Occupancy = Map<string, Set<number>>;

export interface WorkPeriod {
  opens: Date;
  closes: Date;
}

/** The last clinic-local date a treatment may start on. */
export const lastBookableDate = (rules: Pick<BookingRules, 'zone' | 'now' | 'bookingHorizonDays'>): string =>
  addDays(localDate(rules.now, rules.zone), rules.bookingHorizonDays);

export function isClosed(date: string, practitionerId: string, closures: Closure[]): boolean {
  return closures.some(
    (c) =>
      (c.practitionerId === null || c.practitionerId === practitionerId) &&
      c.startDate <= date &&
      date <= (c.endDate ?? c.startDate),
  );
}

/** A practitioner's working periods on one clinic-local date, as instants. */
export function workPeriods(date: string, schedule: PractitionerSchedule, zone: string): WorkPeriod[] {
  const weekday = weekdayOf(date);
  return schedule.weeklyHours
    .filter((h) => h.weekday === weekday)
    .map((h) => ({ opens: wallClockToInstant(date, h.opens, zone), closes: wallClockToInstant(date, h.closes, zone) }))
    .filter((p) => p.opens < p.closes)
    .sort((a, b) => a.opens.getTime() - b.opens.getTime());
}

/**
 * Grid starts of a period: every `step` minutes of elapsed time from its opening, as long as
 * the treatment ends by closing time (the buffer may run past it). Elapsed time, not wall
 * time, so a period that spans a DST change has as many slots as it has real minutes.
 */
export function gridStarts(period: WorkPeriod, rules: Pick<BookingRules, 'durationMinutes' | 'stepMinutes'>): Date[] {
  const starts: Date[] = [];
  for (let start = period.opens; addMinutes(start, rules.durationMinutes) <= period.closes; start = addMinutes(start, rules.stepMinutes)) {
    starts.push(start);
  }
  return starts;
}

/** Where a start stands on a practitioner's grid that day: outside working hours, between grid lines, or on one. */
export function gridPosition(
  start: Date,
  schedule: PractitionerSchedule,
  rules: BookingRules,
): 'outside' | 'off-grid' | 'on-grid' {
  const date = localDate(start, rules.zone);
  const period = workPeriods(date, schedule, rules.zone).find((p) => p.opens <= start && start < p.closes);
  if (!period) return 'outside';
  return gridStarts(period, rules).some((s) => s.getTime() === start.getTime()) ? 'on-grid' : 'off-grid';
}

/**
 * Every grid start of the given practitioners from `from` to `to` (clinic-local dates, both
 * included) on the days they are not closed, whatever is booked and whatever the time: a
 * function of the catalogue alone, so the slot query can keep it as long as the catalogue
 * stays the same. Sorted by start, then practitioner.
 */
export function openSlots(
  range: { from: string; to: string },
  schedules: PractitionerSchedule[],
  closures: Closure[],
  rules: Pick<BookingRules, 'zone' | 'durationMinutes' | 'stepMinutes'>,
): Slot[] {
  const slots: Slot[] = [];
  for (const date of eachDate(range.from, range.to)) {
    for (const schedule of schedules) {
      if (isClosed(date, schedule.id, closures)) continue;
      for (const period of workPeriods(date, schedule, rules.zone)) {
        for (const start of gridStarts(period, rules)) {
          slots.push({ start, end: addMinutes(start, rules.durationMinutes), practitionerId: schedule.id });
        }
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime() || a.practitionerId.localeCompare(b.practitionerId));
}

/** Whether an open slot can be taken now: not before the minimum notice, and every cell of treatment plus buffer free. */
export function canTake(slot: Slot, occupancy: Occupancy, rules: BookingRules): boolean {
  if (slot.start < addMinutes(rules.now, rules.minimumNoticeMinutes)) return false;
  const taken = occupancy.get(slot.practitionerId);
  return !taken || !anyTaken(taken, slot.start, addMinutes(slot.end, rules.bufferMinutes));
}

/**
 * The free slots of the given practitioners from `from` to `to` (clinic-local dates, both
 * included): on their grid, not closed, not before the minimum notice, not past the horizon,
 * and with every cell of treatment plus buffer free. Sorted by start, then practitioner.
 */
export function freeSlots(
  range: { from: string; to: string },
  schedules: PractitionerSchedule[],
  closures: Closure[],
  occupancy: Occupancy,
  rules: BookingRules,
): Slot[] {
  const lastDate = lastBookableDate(rules);
  const open = openSlots({ from: range.from, to: range.to > lastDate ? lastDate : range.to }, schedules, closures, rules);
  return open.filter((slot) => canTake(slot, occupancy, rules));
}

/** Whether one start is a free slot of one practitioner (the same rules as `freeSlots`, for a single instant). */
export function isFreeSlot(
  start: Date,
  schedule: PractitionerSchedule,
  closures: Closure[],
  occupancy: Occupancy,
  rules: BookingRules,
): boolean {
  const date = localDate(start, rules.zone);
  return freeSlots({ from: date, to: date }, [schedule], closures, occupancy, rules).some(
    (slot) => slot.start.getTime() === start.getTime(),
  );
}
