import type { Core } from '@strapi/strapi';
import { fallbackChain, type Locale } from '../../../../plugins/privacy-guard/server/src';
import { findOneLocalized } from '../../../utils/localized';
import type { ClinicSettings } from '../../clinic/services/clinic';
import type { BookingRules, Closure, PractitionerSchedule, WeeklyHours } from '../availability/slots';

interface StoredPractitioner {
  id: number;
  documentId: string;
  name: string;
  active: boolean | null;
  weeklyHours?: WeeklyHours[];
}

interface StoredService {
  id: number;
  documentId: string;
  name: string;
  durationMinutes: number;
  bufferMinutes: number | null;
  slotStepMinutes: number | null;
  active: boolean | null;
  practitioners?: StoredPractitioner[];
}

export interface BookablePractitioner {
  id: string;
  /** The database row, which a reservation links to. */
  rowId: number;
  name: string;
  schedule: PractitionerSchedule;
}

export interface BookableService {
  id: string;
  /** The database row of the service in `locale`, which a reservation links to. */
  rowId: number;
  /** The locale the name is in (the first of the fallback chain the service exists in). */
  locale: Locale;
  name: string;
  durationMinutes: number;
  bufferMinutes: number | null;
  slotStepMinutes: number | null;
  practitioners: BookablePractitioner[];
}

/** What booking reads of the clinic's content: services with their practitioners' hours, and closures. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** An active service by documentId, named in the first locale it exists in; null when there is none. */
  async service(documentId: string, clinic: ClinicSettings, locale?: Locale): Promise<BookableService | null> {
    const found = await findOneLocalized<StoredService>(strapi, 'api::service.service', fallbackChain(locale, clinic.defaultLocale), documentId, {
      fields: ['name', 'durationMinutes', 'bufferMinutes', 'slotStepMinutes', 'active', 'locale'],
      populate: { practitioners: { fields: ['name', 'active'], populate: ['weeklyHours'] } },
    });
    if (!found || found.active === false) return null;
    return {
      id: found.documentId,
      rowId: found.id,
      locale: found.locale,
      name: found.name,
      durationMinutes: found.durationMinutes,
      bufferMinutes: found.bufferMinutes,
      slotStepMinutes: found.slotStepMinutes,
      practitioners: (found.practitioners ?? [])
        .filter((p) => p.active !== false)
        .map((p) => ({
          id: p.documentId,
          rowId: p.id,
          name: p.name,
          schedule: {
            id: p.documentId,
            weeklyHours: (p.weeklyHours ?? []).map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
          },
        })),
    };
  },

  /** Closures that touch the dates from `from` to `to`. */
  async closures(from: string, to: string): Promise<Closure[]> {
    const stored = (await strapi.documents('api::closure.closure').findMany({
      filters: {
        startDate: { $lte: to },
        $or: [{ endDate: { $gte: from } }, { endDate: { $null: true }, startDate: { $gte: from } }],
      },
      populate: { practitioner: { fields: ['documentId'] } },
    } as never)) as unknown as Array<{ startDate: string; endDate: string | null; practitioner?: { documentId: string } | null }>;
    return stored.map((c) => ({ startDate: c.startDate, endDate: c.endDate, practitionerId: c.practitioner?.documentId ?? null }));
  },

  rules(service: BookableService, clinic: ClinicSettings, at: Date): BookingRules {
    return {
      zone: clinic.timeZone,
      now: at,
      minimumNoticeMinutes: clinic.minimumNoticeMinutes,
      bookingHorizonDays: clinic.bookingHorizonDays,
      durationMinutes: service.durationMinutes,
      bufferMinutes: service.bufferMinutes ?? clinic.bufferMinutes,
      stepMinutes: service.slotStepMinutes ?? clinic.slotStepMinutes,
    };
  },
});
