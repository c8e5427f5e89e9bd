/** Calendar dates are `YYYY-MM-DD` strings in the clinic's zone; instants are ISO strings with offset. */

export function dateKey(instant: Date | string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(key: string, days: number): string {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Formats a calendar date itself, so no zone can shift it to the day before. */
export function formatDay(key: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${key}T12:00:00Z`));
}

export function formatInstant(instant: string, locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(instant));
}

export const patientZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const longDate: Intl.DateTimeFormatOptions = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' };
export const shortTime: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** The patient's own wall-clock for an instant, or nothing when it reads the same as the clinic's. */
export function patientTime(instant: string, locale: string, clinicZone: string): string | undefined {
  const withDay: Intl.DateTimeFormatOptions = { weekday: 'short', ...shortTime };
  const local = formatInstant(instant, locale, undefined, withDay);
  return local === formatInstant(instant, locale, clinicZone, withDay) ? undefined : local;
}

/** Whole years between a birth date and today (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** "Korean Standard Time" for `Asia/Seoul`, in the reader's language. */
export function zoneName(timeZone: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(new Date());
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
