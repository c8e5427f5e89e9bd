import type { Core } from '@strapi/strapi';
import { CHANNELS, fallbackChain, type Channel, type ConsentItem, type Locale } from '../../../../plugins/privacy-guard/server/src';
import { findLocalized } from '../../../utils/localized';
import { clinicService, policyService } from '../../../utils/services';
import { perRequest } from '../../../utils/per-request';

export { CHANNELS, type Channel, type ConsentItem };

interface StoredItem extends Omit<ConsentItem, 'locale'> {
  documentId: string;
  channels: string[];
  sortOrder: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The items a person is asked on a channel, in the order they are shown. */
  async forChannel(channel: Channel, locale?: Locale): Promise<ConsentItem[]> {
    const items = await perRequest(strapi, `consent-items:${channel}:${locale ?? ''}`, () => this.read(channel, locale));
    return items.map((item) => ({ ...item }));
  },

  /** The items of a channel as stored now (`forChannel` reads them once per request). */
  async read(channel: Channel, locale?: Locale): Promise<ConsentItem[]> {
    const clinic = await clinicService(strapi).settings();
    const chain = fallbackChain(locale, clinic.defaultLocale);
    const uid = channel === 'cookie' ? 'api::cookie-category.cookie-category' : 'api::consent-item.consent-item';
    const stored = await findLocalized<StoredItem>(strapi, uid, chain);
    return stored
      .filter((item) => channel === 'cookie' || (Array.isArray(item.channels) && item.channels.includes(channel)))
      .sort((a, b) => a.sortOrder - b.sortOrder || a.key.localeCompare(b.key))
      .map((item) => ({
        key: item.key,
        kind: channel === 'cookie' ? 'cookie' : item.kind,
        title: item.title,
        purpose: item.purpose,
        dataCategories: Array.isArray(item.dataCategories) ? item.dataCategories : [],
        retention: item.retention,
        required: Boolean(item.required),
        refusalConsequence: item.refusalConsequence,
        keepDays: item.keepDays ?? null,
        locale: item.locale,
      }));
  },

  /** What `GET /api/consent-items` shows: the items with the policy version they belong to. */
  async publicView(channel: Channel, locale?: Locale) {
    const [policyVersion, items] = await Promise.all([
      policyService(strapi).inEffectNumber(),
      this.forChannel(channel, locale),
    ]);
    return {
      channel,
      policyVersion,
      items: items.map(({ keepDays: _keepDays, ...item }) => item),
    };
  },
});
