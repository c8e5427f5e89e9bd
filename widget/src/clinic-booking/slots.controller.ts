import type { ReactiveControllerHost } from 'lit';
import type { ApiController } from '../shared/api.controller.js';
import { addDays, dateKey, patientZone } from '../shared/time.js';
import type { Slot } from './types.js';

const windowDays = 14;

/** Free times for one treatment, two weeks at a time, grouped by the clinic's calendar day. */
export class SlotsController {
  timeZone?: string;
  from?: string;
  slots?: Slot[];
  day?: string;
  start?: string;
  loading = false;
  private query: { service?: string; practitioner?: string } = {};

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: ApiController,
    private readonly onError: (error: unknown, retry: () => void) => void,
  ) {}

  get today(): string {
    return dateKey(new Date(), this.timeZone ?? patientZone());
  }

  get to(): string {
    return addDays(this.from ?? this.today, windowDays - 1);
  }

  get days(): string[] {
    return [...new Set((this.slots ?? []).map((slot) => this.dayOf(slot)))];
  }

  dayOf(slot: Slot): string {
    return dateKey(slot.start, this.timeZone!);
  }

  slotsOn(day: string | undefined): Slot[] {
    return (this.slots ?? []).filter((slot) => this.dayOf(slot) === day);
  }

  /** Loads a window; keeps the chosen day when it still has times, the chosen time when it is still free. */
  async load(query = this.query, from = this.from ?? this.today): Promise<void> {
    this.query = query;
    this.from = from < this.today ? this.today : from;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const answer = await this.api.get<{ timeZone: string; slots: Slot[] }>('/api/booking/slots', {
        params: { service: query.service, practitioner: query.practitioner, from: this.from, to: this.to },
      });
      this.timeZone = answer.timeZone;
      this.slots = answer.slots;
      if (!this.slots.some((slot) => slot.start === this.start)) this.start = undefined;
      if (!this.days.includes(this.day ?? '')) this.day = this.days[0];
    } catch (error) {
      this.onError(error, () => void this.load(query, from));
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  shift(direction: 1 | -1): Promise<void> {
    return this.load(this.query, addDays(this.from ?? this.today, direction * windowDays));
  }

  choose(start: string | undefined, day = this.day): void {
    this.day = day;
    this.start = start;
    this.host.requestUpdate();
  }

  get chosen(): Slot | undefined {
    return this.slots?.find((slot) => slot.start === this.start);
  }
}
