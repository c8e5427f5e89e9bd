import type { Core } from '@strapi/strapi';
import { fallbackChain, type Locale } from '../../../utils/locale';
import { findLocalized } from '../../../utils/localized';
import { clinicService } from '../../../utils/services';

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
});
