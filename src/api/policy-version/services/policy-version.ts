import type { Core } from '@strapi/strapi';
import { fallbackChain, localDate, type Locale, type PolicyStatus, type PolicyVersion } from '../../../../plugins/privacy-guard/server/src';
import { findLocalized } from '../../../utils/localized';
import { clinicService } from '../../../utils/services';
import { privacyGuard } from '../../../utils/privacy-guard';
import { perRequest } from '../../../utils/per-request';

const UID = 'api::policy-version.policy-version';

/** A stored version: what the plugin's `PolicyVersion` is, before its locale is known. */
type StoredVersion = Omit<PolicyVersion, 'locale'>;

export type { PolicyStatus };

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Every published version, oldest first, each in the first locale of the chain it exists in. */
  async published(locale?: Locale): Promise<Array<StoredVersion & { locale: Locale }>> {
    const versions = await perRequest(strapi, `policy-versions:${locale ?? ''}`, async () => {
      const clinic = await clinicService(strapi).settings();
      const found = await findLocalized<StoredVersion>(strapi, UID, fallbackChain(locale, clinic.defaultLocale), {
        status: 'published',
        populate: ['sections'],
      });
      return found.sort((a, b) => a.version - b.version);
    });
    return [...versions];
  },

  /**
   * The version in effect: the latest whose effective date has come in the clinic's zone.
   * A version with a future date is published ahead and takes effect by itself on its date.
   */
  async inEffectNumber(): Promise<number | null> {
    const { current } = await this.timeline();
    return current?.version ?? null;
  },

  async timeline(locale?: Locale) {
    const clinic = await clinicService(strapi).settings();
    const today = localDate(privacyGuard(strapi).service('clock').now(), clinic.timeZone);
    const versions = await this.published(locale);
    const effective = versions.filter((v) => v.effectiveDate <= today);
    const current = effective.at(-1) ?? null;
    const status = (v: StoredVersion): PolicyStatus =>
      v.effectiveDate > today ? 'upcoming' : v.version === current?.version ? 'in_effect' : 'superseded';
    return { versions, current, status, today };
  },

  /** What `GET /api/privacy-policy` shows: one version with the officer and the history. */
  async publicView(locale: Locale | undefined, version?: number) {
    const clinic = await clinicService(strapi).settings();
    const { versions, current, status } = await this.timeline(locale);
    const chosen = version === undefined ? current : versions.find((v) => v.version === version);
    if (!chosen) return null;
    const upcoming = versions.find((v) => status(v) === 'upcoming');
    return {
      version: chosen.version,
      status: status(chosen),
      effectiveDate: chosen.effectiveDate,
      locale: chosen.locale,
      title: chosen.title,
      introduction: chosen.introduction,
      sections: chosen.sections.map(({ heading, body }) => ({ heading, body })),
      material: chosen.material,
      changeSummary: chosen.changeSummary,
      // The same four fields as `GET /api/clinic` (not the stored component's own id).
      officer: { name: clinic.officer.name, title: clinic.officer.title, phone: clinic.officer.phone, email: clinic.officer.email },
      controller: { name: clinic.name, email: clinic.email, phone: clinic.phone, address: clinic.address },
      history: versions
        .filter((v) => status(v) !== 'upcoming')
        .reverse()
        .map((v) => ({ version: v.version, effectiveDate: v.effectiveDate, title: v.title, status: status(v) })),
      upcoming: upcoming ? { version: upcoming.version, effectiveDate: upcoming.effectiveDate, material: upcoming.material } : null,
    };
  },
});
