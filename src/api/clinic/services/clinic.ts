import type { Core } from '@strapi/strapi';
import type { ClinicSettings, Officer } from '../../../../plugins/privacy-guard/server/src';
import { perRequest } from '../../../utils/per-request';

export type { ClinicSettings, Officer };

const FALLBACK: Omit<ClinicSettings, 'name' | 'officer'> = {
  timeZone: 'Asia/Seoul',
  defaultLocale: 'en',
  locales: ['en', 'ko'],
  phone: null,
  email: null,
  address: null,
  website: null,
  minimumNoticeMinutes: 120,
  bookingHorizonDays: 60,
  bufferMinutes: 10,
  slotStepMinutes: 15,
  reminderTime: '10:00',
  mailFrom: null,
};

async function readSettings(strapi: Core.Strapi): Promise<ClinicSettings> {
  const stored = (await strapi.documents('api::clinic.clinic').findFirst({ populate: ['officer'] })) as
    | (Partial<ClinicSettings> & { officer?: Officer })
    | null;
  const merged = { ...FALLBACK, name: 'Clinic', officer: { name: '', title: null, phone: null, email: null } };
  if (!stored) return merged;
  for (const [key, value] of Object.entries(stored)) {
    if (value !== null && value !== undefined && key in merged) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The clinic's settings, with the defaults for anything an editor left empty. */
  async settings(): Promise<ClinicSettings> {
    const settings = await perRequest(strapi, 'clinic-settings', () => readSettings(strapi));
    return { ...settings, locales: [...settings.locales], officer: { ...settings.officer } };
  },

  /**
   * The settings read now, past the per-request memo: for a copy that must be at least as new
   * as a catalogue version read just before (booking's cached catalogue).
   */
  async readNow(): Promise<ClinicSettings> {
    return readSettings(strapi);
  },

  /** What `GET /api/clinic` shows to anyone. */
  async publicView() {
    const s = await this.settings();
    return {
      name: s.name,
      timeZone: s.timeZone,
      defaultLocale: s.defaultLocale,
      locales: s.locales,
      phone: s.phone,
      email: s.email,
      address: s.address,
      website: s.website,
      officer: { name: s.officer.name, title: s.officer.title, phone: s.officer.phone, email: s.officer.email },
      booking: {
        minimumNoticeMinutes: s.minimumNoticeMinutes,
        bookingHorizonDays: s.bookingHorizonDays,
      },
    };
  },
});
