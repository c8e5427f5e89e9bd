import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import policies from './policies';
import middlewares from './middlewares';
import services from './services';
import type { ServiceName, Service } from './utils';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  policies,
  middlewares,
  services,
};

/*
 * The plugin's public surface: the only module the app imports (tests/boundary checks it).
 * Its services' types, the contract the app provides, and what both sides share: errors with
 * stable codes, validation, the RRN rule, the clinic clock, locales, the public URL and what makes
 * two spellings of an address one.
 */
export type { ServiceName };
/** Each service of the plugin by name, as the app's accessor (`src/utils/privacy-guard.ts`) hands it out. */
export type PrivacyGuardServices = { [N in ServiceName]: Service<N> };
export type { AccessAction, AccessRecord } from './services/access-log';
export type { PreparedDecision } from './services/consent';
export type { PreparedRecord } from './services/records';
export { RESTRICTION_LIFTED } from './utils/events';
export { SELF_ACCESS_ROLE, staffRoleOf } from './utils/staff';
export { routeOf } from './utils/route';
export { clientKey, truncateAddress } from './utils/client-address';
export { normaliseEmail } from './utils/normalise';
export type * from './services/host';
export { CHANNELS } from './services/host';
export * from './utils/errors';
export * from './utils/validate';
export * from './utils/rrn';
export * from './utils/clinic-time';
export * from './utils/locale';
export * from './utils/public-url';
export type { Operation, OperationResponse, Credential, RequestHeader } from './contract/operation';
