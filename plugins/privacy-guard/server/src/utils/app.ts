import type { Core } from '@strapi/strapi';
import type consentItem from '../../../../../src/api/consent-item/services/consent-item';
import type policyVersion from '../../../../../src/api/policy-version/services/policy-version';
import type clinic from '../../../../../src/api/clinic/services/clinic';

/** The app's services the plugin reads: consent items, policy versions and clinic settings. */
export const consentItems = (strapi: Core.Strapi) =>
  strapi.service('api::consent-item.consent-item') as unknown as ReturnType<typeof consentItem>;
export const policies = (strapi: Core.Strapi) =>
  strapi.service('api::policy-version.policy-version') as unknown as ReturnType<typeof policyVersion>;
export const clinicSettings = (strapi: Core.Strapi) =>
  strapi.service('api::clinic.clinic') as unknown as ReturnType<typeof clinic>;

export { fail, validationError } from '../../../../../src/utils/errors';
export { parse } from '../../../../../src/utils/validate';
export { refuseRrn } from '../../../../../src/utils/rrn';
export { publicUrl } from '../../../../../src/utils/public-url';
export type { Channel, ConsentItem } from '../../../../../src/api/consent-item/services/consent-item';
export type { Locale } from '../../../../../src/utils/locale';
