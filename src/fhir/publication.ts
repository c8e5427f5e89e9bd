import type { Core } from '@strapi/strapi';
import { addDays, localDate, publicUrl } from '../../plugins/privacy-guard/server/src';
import { bookingService, clinicService } from '../utils/services';
import { privacyGuard } from '../utils/privacy-guard';
import { locationOf, schedulesOf, slotOf, type Location, type Schedule, type Slot } from './resources';

/** Days of free slots published, today included, unless `FHIR_SLOT_DAYS` says otherwise (1 to the booking horizon). */
export const DEFAULT_SLOT_DAYS = 14;

export const FILES = {
  Location: 'locations.ndjson',
  Schedule: 'schedules.ndjson',
  Slot: 'slots.ndjson',
} as const;
export type FileType = keyof typeof FILES;

export const fhirBase = () => `${publicUrl()}/fhir`;
/** Where a slot's deep link leads: `BOOKING_PAGE_URL` (the clinic's own page with `<clinic-booking>`), else the demo page. */
export const bookingPage = () => process.env.BOOKING_PAGE_URL || `${publicUrl()}/widget/demo/`;

function slotDays(horizonDays: number): number {
  const asked = Number.parseInt(process.env.FHIR_SLOT_DAYS ?? '', 10);
  const days = Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_SLOT_DAYS;
  return Math.min(days, horizonDays + 1);
}

async function catalogue(strapi: Core.Strapi) {
  const clinic = await clinicService(strapi).settings();
  const services = await bookingService(strapi).services(clinic.defaultLocale);
  return { clinic, services };
}

/**
 * The resources of the bulk publication, computed when asked: a Slot is listed only while
 * `GET /api/booking/slots` offers it, so it is `free` exactly when a booking of it would succeed
 * now (closures, minimum notice, horizon, other bookings and their buffers, held slots).
 */
export default (strapi: Core.Strapi) => ({
  manifest() {
    const base = fhirBase();
    return {
      transactionTime: privacyGuard(strapi).service('clock').now().toISOString(),
      request: `${base}/$bulk-publish`,
      output: (Object.keys(FILES) as FileType[]).map((type) => ({ type, url: `${base}/${FILES[type]}` })),
      error: [],
    };
  },

  async Location(): Promise<Location[]> {
    const { clinic } = await catalogue(strapi);
    return [locationOf(clinic)];
  },

  async Schedule(): Promise<Schedule[]> {
    const { clinic, services } = await catalogue(strapi);
    return schedulesOf(services, clinic, `${fhirBase()}/CodeSystem/service`);
  },

  async Slot(): Promise<Slot[]> {
    const { clinic, services } = await catalogue(strapi);
    const from = localDate(privacyGuard(strapi).service('clock').now(), clinic.timeZone);
    const to = addDays(from, slotDays(clinic.bookingHorizonDays) - 1);
    const page = bookingPage();
    const slots: Slot[] = [];
    for (const service of services) {
      const offered = await bookingService(strapi).slots({ service: service.id, from, to, locale: clinic.defaultLocale });
      for (const time of offered.slots) slots.push(slotOf({ serviceId: service.id, ...time }, clinic, page));
    }
    return slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  },
});
