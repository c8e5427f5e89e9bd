import type { Core } from '@strapi/strapi';
import { fallbackChain, type Locale, addDays, addMinutes, daysBetween, localDate, startOfDate, toClinicIso, fail } from '../../../../plugins/privacy-guard/server/src';
import { findLocalized } from '../../../utils/localized';
import { cachedCatalogService, catalogService, clinicService, slotCellsService } from '../../../utils/services';
import { privacyGuard } from '../../../utils/privacy-guard';
import { canTake, gridPosition, isFreeSlot, lastBookableDate, openSlots, type BookingRules } from '../availability/slots';
import type { BookablePractitioner } from './catalog';

export interface SlotQuery {
  service: string;
  from: string;
  to: string;
  practitioner?: string;
  locale?: Locale;
}

interface StoredService {
  documentId: string;
  name: string;
  description: string | null;
  durationMinutes: number;
  bufferMinutes: number | null;
  slotStepMinutes: number | null;
  active: boolean;
  sortOrder: number;
  practitioners?: Array<{ documentId: string; name: string; title: string | null; active: boolean }>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Bookable treatments with the practitioners who give them. */
  async services(locale?: Locale) {
    const clinic = await clinicService(strapi).settings();
    const services = await findLocalized<StoredService>(strapi, 'api::service.service', fallbackChain(locale, clinic.defaultLocale), {
      filters: { active: true },
      populate: { practitioners: { fields: ['name', 'title', 'active'] } },
    });
    return services
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name))
      .map((service) => ({
        id: service.documentId,
        name: service.name,
        description: service.description,
        durationMinutes: service.durationMinutes,
        locale: service.locale,
        practitioners: (service.practitioners ?? [])
          .filter((p) => p.active)
          .map((p) => ({ id: p.documentId, name: p.name, title: p.title })),
      }))
      .filter((service) => service.practitioners.length > 0);
  },

  /**
   * Free times of a treatment from `from` to `to` (clinic-local dates), in the clinic's zone.
   * The range may not be reversed, longer than the booking horizon, or wholly outside it;
   * the part of it before today or past the horizon simply has no slots.
   */
  async slots(query: SlotQuery) {
    const cached = await cachedCatalogService(strapi).current();
    const clinic = await cached.clinic();
    const at = privacyGuard(strapi).service('clock').now();
    if (query.to < query.from) throw fail(400, 'RANGE_REVERSED', '`to` is before `from`', { fields: ['from', 'to'] });
    const span = daysBetween(query.from, query.to) + 1;
    if (span > clinic.bookingHorizonDays + 1) {
      throw fail(400, 'RANGE_TOO_LONG', `Ask for at most ${clinic.bookingHorizonDays + 1} days at a time`, { maxDays: clinic.bookingHorizonDays + 1 });
    }
    const today = localDate(at, clinic.timeZone);
    const last = lastBookableDate({ zone: clinic.timeZone, now: at, bookingHorizonDays: clinic.bookingHorizonDays });
    if (query.to < today || query.from > last) {
      throw fail(422, 'OUTSIDE_HORIZON', `Bookings are taken from ${today} to ${last}`, { firstDate: today, lastDate: last });
    }
    const service = await cached.service(query.service, query.locale);
    if (!service) throw fail(422, 'UNKNOWN_SERVICE', 'No bookable treatment has this id', { fields: ['service'] });
    const practitioners = service.practitioners.filter((p) => !query.practitioner || p.id === query.practitioner);
    if (query.practitioner && practitioners.length === 0) {
      throw fail(422, 'UNKNOWN_PRACTITIONER', 'No practitioner with this id gives this treatment', { fields: ['practitioner'] });
    }
    const rules = catalogService(strapi).rules(service, clinic, at);
    const from = query.from < today ? today : query.from;
    const to = query.to > last ? last : query.to;
    const [closures, occupancy] = await Promise.all([
      cached.closures(from, to),
      slotCellsService(strapi).occupancy(
        practitioners.map((p) => p.id),
        startOfDate(from, clinic.timeZone),
        addMinutes(startOfDate(addDays(to, 2), clinic.timeZone), rules.bufferMinutes),
      ),
    ]);
    // The grid and its ISO times depend on the catalogue only: computed once per catalogue version; time and bookings are applied below.
    const open = cached.derived(`open slots ${query.service} ${query.locale ?? ''} ${from} ${to}`, () =>
      openSlots({ from, to }, service.practitioners.map((p) => p.schedule), closures, rules).map((slot) => ({
        slot,
        shown: { start: toClinicIso(slot.start, clinic.timeZone), end: toClinicIso(slot.end, clinic.timeZone), practitionerId: slot.practitionerId },
      })),
    );
    const asked = new Set(practitioners.map((p) => p.id));
    return {
      timeZone: clinic.timeZone,
      service: { id: service.id, name: service.name, durationMinutes: service.durationMinutes },
      from,
      to,
      slots: open.filter(({ slot }) => asked.has(slot.practitionerId) && canTake(slot, occupancy, rules)).map(({ shown }) => shown),
    };
  },

  /**
   * The practitioners for whom `start` is a free slot (ignoring the cells of `exceptReservation`,
   * which is moving): `422 OFF_GRID` when it falls between grid lines, `409 SLOT_UNAVAILABLE`
   * when nobody is free. The database's cells remain the guarantee; this gives the clear answer.
   */
  async freeAt(start: Date, rules: BookingRules, candidates: BookablePractitioner[], exceptReservation?: string) {
    const positions = candidates.map((p) => gridPosition(start, p.schedule, rules));
    const onGrid = candidates.filter((_, i) => positions[i] === 'on-grid');
    if (onGrid.length === 0 && positions.includes('off-grid')) {
      throw fail(422, 'OFF_GRID', `Start times are every ${rules.stepMinutes} minutes from opening time`, {
        stepMinutes: rules.stepMinutes,
        fields: ['start'],
      });
    }
    const date = localDate(start, rules.zone);
    const [closures, occupancy] = await Promise.all([
      catalogService(strapi).closures(date, date),
      slotCellsService(strapi).occupancy(
        onGrid.map((p) => p.id),
        start,
        addMinutes(start, rules.durationMinutes + rules.bufferMinutes),
        exceptReservation,
      ),
    ]);
    const free = onGrid.filter((p) => isFreeSlot(start, p.schedule, closures, occupancy, rules));
    if (free.length === 0) throw fail(409, 'SLOT_UNAVAILABLE', 'This time is not available; please choose another');
    return free;
  },
});
