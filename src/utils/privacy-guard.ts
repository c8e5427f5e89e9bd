import type { Core } from '@strapi/strapi';
import type { PrivacyGuardServices } from '../../plugins/privacy-guard/server/src';

/**
 * The one way the app reaches the privacy-guard plugin: its services, typed from what the
 * plugin exports (`privacyGuard(strapi).service('consent').check(...)`).
 */
export const privacyGuard = (strapi: Core.Strapi) => ({
  service: <N extends keyof PrivacyGuardServices>(name: N): PrivacyGuardServices[N] =>
    strapi.plugin('privacy-guard').service(name) as unknown as PrivacyGuardServices[N],
});
