import { cellsOf } from '../../src/api/booking/availability/cells';
import { freeSlots, gridPosition, type BookingRules, type Closure, type Occupancy, type PractitionerSchedule } from '../../src/api/booking/availability/slots';
import { toClinicIso } from '../../plugins/privacy-guard/server/src';

const SEOUL = 'Asia/Seoul';
const NY = 'America/New_York';

const rules = (overrides: Partial<BookingRules> = {}): BookingRules => ({
  zone: SEOUL,
  now: new Date('2027-03-07T03:00:00Z'), // Sunday 12:00 in Seoul
  minimumNoticeMinutes: 120,
  bookingHorizonDays: 60,
  durationMinutes: 30,
  bufferMinutes: 10,
  stepMinutes: 15,
  ...overrides,
});

const doctor: PractitionerSchedule = {
  id: 'doc',
  weeklyHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((weekday) => ({ weekday: weekday as 'monday', opens: '09:00', closes: '12:00' })),
};

const local = (slots: Array<{ start: Date }>, zone: string) => slots.map((s) => toClinicIso(s.start, zone).slice(0, 16));
const none: Occupancy = new Map();

/** Cells of an existing reservation, as the database holds them. */
const occupied = (id: string, startIso: string, minutesWithBuffer: number): Occupancy =>
  new Map([[id, new Set(cellsOf(new Date(startIso), new Date(new Date(startIso).getTime() + minutesWithBuffer * 60_000)))]]);

describe('free slots in a normal week', () => {
  it('offers every 15 minutes from opening while the treatment ends by closing time', () => {
    const slots = freeSlots({ from: '2027-03-08', to: '2027-03-08' }, [doctor], [], none, rules());
    expect(local(slots, SEOUL)).toEqual(
      ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '11:30'].map((t) => `2027-03-08T${t}`),
    );
  });

  it('keeps out every start whose treatment plus buffer would touch an existing reservation and its buffer', () => {
    // Given a 10:00 reservation of 30 minutes with a 10-minute buffer: [10:00, 10:40) is taken
    const taken = occupied('doc', '2027-03-08T10:00:00+09:00', 40);
    const slots = freeSlots({ from: '2027-03-08', to: '2027-03-08' }, [doctor], [], taken, rules());
    expect(local(slots, SEOUL)).toEqual(['09:00', '09:15', '10:45', '11:00', '11:15', '11:30'].map((t) => `2027-03-08T${t}`));
  });

  it('respects the minimum notice, closures (clinic-wide or the practitioner’s) and the horizon', () => {
    const closures: Closure[] = [
      { startDate: '2027-03-10', endDate: null, practitionerId: null },
      { startDate: '2027-03-11', endDate: '2027-03-11', practitionerId: 'someone-else' },
      { startDate: '2027-03-12', endDate: '2027-03-12', practitionerId: 'doc' },
    ];
    // Given it is Monday 08:00 with 2 hours' notice and a 4-day horizon
    const slots = freeSlots({ from: '2027-03-08', to: '2027-03-14' }, [doctor], closures, none, rules({
      now: new Date('2027-03-07T23:00:00Z'),
      bookingHorizonDays: 4,
    }));
    const perDay = (date: string) => local(slots, SEOUL).filter((s) => s.startsWith(date)).length;
    expect(local(slots, SEOUL)[0]).toBe('2027-03-08T10:00');
    expect([perDay('2027-03-08'), perDay('2027-03-09'), perDay('2027-03-10'), perDay('2027-03-11'), perDay('2027-03-12')]).toEqual([7, 11, 0, 11, 0]);
  });

  it('places a start on the grid, between grid lines, or outside the hours', () => {
    expect(gridPosition(new Date('2027-03-08T09:30:00+09:00'), doctor, rules())).toBe('on-grid');
    expect(gridPosition(new Date('2027-03-08T09:20:00+09:00'), doctor, rules())).toBe('off-grid');
    expect(gridPosition(new Date('2027-03-08T13:00:00+09:00'), doctor, rules())).toBe('outside');
  });
});

describe('free slots across daylight-saving changes (America/New_York)', () => {
  const nightOwl: PractitionerSchedule = {
    id: 'owl',
    weeklyHours: [
      { weekday: 'sunday', opens: '00:00', closes: '05:00' },
      { weekday: 'monday', opens: '09:00', closes: '10:00' },
      { weekday: 'friday', opens: '09:00', closes: '10:00' },
    ],
  };
  const hourly = (now: string) => rules({ zone: NY, now: new Date(now), durationMinutes: 60, bufferMinutes: 0, stepMinutes: 60 });

  it('spring forward: a 00:00–05:00 Sunday has four real hours and four slots', () => {
    const slots = freeSlots({ from: '2026-03-06', to: '2026-03-09' }, [nightOwl], [], none, hourly('2026-03-01T12:00:00Z'));
    expect(slots.map((s) => [toClinicIso(s.start, NY), toClinicIso(s.end, NY)])).toEqual([
      ['2026-03-06T09:00:00.000-05:00', '2026-03-06T10:00:00.000-05:00'],
      ['2026-03-08T00:00:00.000-05:00', '2026-03-08T01:00:00.000-05:00'],
      ['2026-03-08T01:00:00.000-05:00', '2026-03-08T03:00:00.000-04:00'],
      ['2026-03-08T03:00:00.000-04:00', '2026-03-08T04:00:00.000-04:00'],
      ['2026-03-08T04:00:00.000-04:00', '2026-03-08T05:00:00.000-04:00'],
      ['2026-03-09T09:00:00.000-04:00', '2026-03-09T10:00:00.000-04:00'],
    ]);
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-08T05:00:00.000Z',
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T08:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });

  it('fall back: a 00:00–05:00 Sunday has six real hours and six slots, 01:00 twice', () => {
    const slots = freeSlots({ from: '2026-10-30', to: '2026-11-02' }, [nightOwl], [], none, hourly('2026-10-25T12:00:00Z'));
    expect(slots.map((s) => toClinicIso(s.start, NY))).toEqual([
      '2026-10-30T09:00:00.000-04:00',
      '2026-11-01T00:00:00.000-04:00',
      '2026-11-01T01:00:00.000-04:00',
      '2026-11-01T01:00:00.000-05:00',
      '2026-11-01T02:00:00.000-05:00',
      '2026-11-01T03:00:00.000-05:00',
      '2026-11-01T04:00:00.000-05:00',
      '2026-11-02T09:00:00.000-05:00',
    ]);
    expect(slots.map((s) => s.start.toISOString()).slice(1, 7)).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-01T08:00:00.000Z',
      '2026-11-01T09:00:00.000Z',
    ]);
  });
});

describe('cells', () => {
  it('covers [start, end + buffer) in 5-minute cells, so touching intervals share none', () => {
    const a = cellsOf(new Date('2027-03-08T00:00:00Z'), new Date('2027-03-08T00:40:00Z'));
    const b = cellsOf(new Date('2027-03-08T00:40:00Z'), new Date('2027-03-08T01:00:00Z'));
    expect(a).toHaveLength(8);
    expect(b).toHaveLength(4);
    expect(a.filter((cell) => b.includes(cell))).toEqual([]);
    const overlapping = cellsOf(new Date('2027-03-08T00:35:00Z'), new Date('2027-03-08T00:50:00Z'));
    expect(a.filter((cell) => overlapping.includes(cell))).toHaveLength(1);
  });
});
