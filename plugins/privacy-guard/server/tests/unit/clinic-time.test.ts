import { addDays, ageOn, daysBetween, isCalendarDate, localDate, reminderInstant, toClinicIso, wallClockToInstant, weekdayOf } from '../../src/utils/clinic-time';

const NY = 'America/New_York';

describe('clinic time', () => {
  it('turns wall-clock times into instants on both New York transition days', () => {
    // Given the spring-forward day (2026-03-08: 02:00 EST jumps to 03:00 EDT) and the fall-back day (2026-11-01)
    const table: Array<[string, string, string]> = [
      ['2026-03-08', '00:00', '2026-03-08T05:00:00.000Z'],
      ['2026-03-08', '01:59', '2026-03-08T06:59:00.000Z'],
      ['2026-03-08', '02:30', '2026-03-08T07:30:00.000Z'], // skipped wall time moves forward: 03:30 EDT
      ['2026-03-08', '03:00', '2026-03-08T07:00:00.000Z'],
      ['2026-03-08', '24:00', '2026-03-09T04:00:00.000Z'],
      ['2026-11-01', '00:00', '2026-11-01T04:00:00.000Z'],
      ['2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'], // repeated wall time: its first occurrence (EDT)
      ['2026-11-01', '02:00', '2026-11-01T07:00:00.000Z'],
      ['2026-11-01', '09:00', '2026-11-01T14:00:00.000Z'],
    ];
    // Then each matches the hand-computed instant
    for (const [date, time, instant] of table) expect([date, time, wallClockToInstant(date, time, NY).toISOString()]).toEqual([date, time, instant]);
  });

  it('writes instants with the offset in force at that instant', () => {
    expect(toClinicIso(new Date('2026-03-08T06:30:00Z'), NY)).toBe('2026-03-08T01:30:00.000-05:00');
    expect(toClinicIso(new Date('2026-03-08T07:30:00Z'), NY)).toBe('2026-03-08T03:30:00.000-04:00');
    expect(toClinicIso(new Date('2027-03-02T00:00:00Z'), 'Asia/Seoul')).toBe('2027-03-02T09:00:00.000+09:00');
    expect(localDate(new Date('2027-03-01T15:00:00Z'), 'Asia/Seoul')).toBe('2027-03-02');
  });

  it('does calendar arithmetic on dates, not 24-hour spans', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-03-02', '2026-03-01')).toBe(-1);
    expect(weekdayOf('2026-03-08')).toBe('sunday');
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('counts a child under 14 until the 14th birthday, in whole years', () => {
    expect(ageOn('2013-03-02', '2027-03-01')).toBe(13);
    expect(ageOn('2013-03-02', '2027-03-02')).toBe(14);
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  });

  it('sends a reminder the clinic-local day before at the reminder time, across a DST change', () => {
    // A Monday 09:00 EDT treatment right after spring-forward: reminder on Sunday 10:00 EDT
    expect(reminderInstant(new Date('2026-03-09T13:00:00Z'), '10:00', NY).toISOString()).toBe('2026-03-08T14:00:00.000Z');
    // A Seoul treatment at 09:00 on 2 March: reminder at 10:00 on 1 March
    expect(reminderInstant(new Date('2027-03-02T00:00:00Z'), '10:00', 'Asia/Seoul').toISOString()).toBe('2027-03-01T01:00:00.000Z');
  });
});
