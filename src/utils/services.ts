import type { Core } from '@strapi/strapi';
import type clinic from '../api/clinic/services/clinic';
import type policyVersion from '../api/policy-version/services/policy-version';
import type consentItem from '../api/consent-item/services/consent-item';
import type booking from '../api/booking/services/booking';

/** Typed access to the app's services (one place that knows their uids). */
export const clinicService = (strapi: Core.Strapi) =>
  strapi.service('api::clinic.clinic') as unknown as ReturnType<typeof clinic>;
export const policyService = (strapi: Core.Strapi) =>
  strapi.service('api::policy-version.policy-version') as unknown as ReturnType<typeof policyVersion>;
export const consentItemService = (strapi: Core.Strapi) =>
  strapi.service('api::consent-item.consent-item') as unknown as ReturnType<typeof consentItem>;
export const bookingService = (strapi: Core.Strapi) =>
  strapi.service('api::booking.booking') as unknown as ReturnType<typeof booking>;
export const now = (strapi: Core.Strapi): Date =>
  (strapi.plugin('privacy-guard').service('clock') as { now(): Date }).now();
