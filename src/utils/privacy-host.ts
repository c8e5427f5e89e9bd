import type { Core } from '@strapi/strapi';
import type { HostApp, TokenReservation } from '../../plugins/privacy-guard/server/src';
import { hashToken } from '../api/booking/manage/token';
import { clinicService, consentItemService, outboxService, policyService } from './services';

/**
 * What the app provides to the privacy-guard plugin (its contract is `HostApp` in the plugin's
 * `services/host.ts`), handed over once in `register()`. Each call reaches the app's service
 * when it is made, so nothing here runs before the app is loaded.
 */
export const privacyHost = (strapi: Core.Strapi): HostApp => ({
  outbox: { enqueue: (mail) => outboxService(strapi).enqueue(mail) },
  consentItems: { forChannel: (channel, locale) => consentItemService(strapi).forChannel(channel, locale) },
  policies: {
    published: (locale) => policyService(strapi).published(locale),
    timeline: (locale) => policyService(strapi).timeline(locale),
    inEffectNumber: () => policyService(strapi).inEffectNumber(),
  },
  clinic: { settings: () => clinicService(strapi).settings() },
  reservations: {
    // Past the Document Service: identifying the caller is no read of the reservation (nothing decrypted, nothing logged).
    findByManageToken: async (token) =>
      (await strapi.db
        .query('api::reservation.reservation')
        .findOne({ where: { manageTokenHash: hashToken(token) }, select: ['documentId', 'subjectId', 'locale'] })) as TokenReservation | null,
  },
});
