import type { Core } from '@strapi/strapi';
import type consent from '../../plugins/privacy-guard/server/src/services/consent';
import type limits from '../../plugins/privacy-guard/server/src/services/limits';
import type connectionLog from '../../plugins/privacy-guard/server/src/services/connection-log';
import type restriction from '../../plugins/privacy-guard/server/src/services/restriction';
import type records from '../../plugins/privacy-guard/server/src/services/records';
import type clinic from '../api/clinic/services/clinic';
import type policyVersion from '../api/policy-version/services/policy-version';
import type consentItem from '../api/consent-item/services/consent-item';
import type booking from '../api/booking/services/booking';
import type catalog from '../api/booking/services/catalog';
import type cachedCatalog from '../api/booking/services/cached-catalog';
import type reservations from '../api/booking/services/reservations';
import type manage from '../api/booking/services/manage';
import type slotCells from '../api/booking/services/slot-cells';
import type outbox from '../api/outbox-message/services/outbox';
import type idempotency from '../api/idempotency-record/services/idempotency';

/** Typed access to the app's services (one place that knows their uids). */
export const clinicService = (strapi: Core.Strapi) =>
  strapi.service('api::clinic.clinic') as unknown as ReturnType<typeof clinic>;
export const policyService = (strapi: Core.Strapi) =>
  strapi.service('api::policy-version.policy-version') as unknown as ReturnType<typeof policyVersion>;
export const consentItemService = (strapi: Core.Strapi) =>
  strapi.service('api::consent-item.consent-item') as unknown as ReturnType<typeof consentItem>;
export const bookingService = (strapi: Core.Strapi) =>
  strapi.service('api::booking.booking') as unknown as ReturnType<typeof booking>;
export const catalogService = (strapi: Core.Strapi) =>
  strapi.service('api::booking.catalog') as unknown as ReturnType<typeof catalog>;
export const cachedCatalogService = (strapi: Core.Strapi) =>
  strapi.service('api::booking.cached-catalog') as unknown as ReturnType<typeof cachedCatalog>;
export const reservationsService = (strapi: Core.Strapi) =>
  strapi.service('api::booking.reservations') as unknown as ReturnType<typeof reservations>;
export const manageService = (strapi: Core.Strapi) =>
  strapi.service('api::booking.manage') as unknown as ReturnType<typeof manage>;
export const slotCellsService = (strapi: Core.Strapi) =>
  strapi.service('api::booking.slot-cells') as unknown as ReturnType<typeof slotCells>;
export const outboxService = (strapi: Core.Strapi) =>
  strapi.service('api::outbox-message.outbox') as unknown as ReturnType<typeof outbox>;
export const idempotencyService = (strapi: Core.Strapi) =>
  strapi.service('api::idempotency-record.idempotency') as unknown as ReturnType<typeof idempotency>;
export const now = (strapi: Core.Strapi): Date =>
  (strapi.plugin('privacy-guard').service('clock') as { now(): Date }).now();
/** The privacy-guard plugin's consent service: check, subject ids and the ledger. */
export const consentService = (strapi: Core.Strapi) =>
  strapi.plugin('privacy-guard').service('consent') as unknown as ReturnType<typeof consent>;
/** The privacy-guard plugin's rate limits: public writes, mail per recipient and client, links per address. */
export const limitsService = (strapi: Core.Strapi) =>
  strapi.plugin('privacy-guard').service('limits') as unknown as ReturnType<typeof limits>;
/** The privacy-guard plugin's connection log of member log-ins (3 months). */
export const connectionLogService = (strapi: Core.Strapi) =>
  strapi.plugin('privacy-guard').service('connection-log') as unknown as ReturnType<typeof connectionLog>;
/** The privacy-guard plugin's restriction service: rule 5, asked by every reader and writer of personal data. */
export const restrictionService = (strapi: Core.Strapi) =>
  strapi.plugin('privacy-guard').service('restriction') as unknown as ReturnType<typeof restriction>;
/** The privacy-guard plugin's fast write (seal, subject, consent gate, ledger) for booking, outbox and idempotency. */
export const recordsService = (strapi: Core.Strapi) =>
  strapi.plugin('privacy-guard').service('records') as unknown as ReturnType<typeof records>;
