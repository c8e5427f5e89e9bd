/**
 * The plugin's own content types and the users-permissions account, by uid. The app's content
 * types are never named here: they are found by the record they declare (declarations/).
 */
export const USER = 'plugin::users-permissions.user';
export const CORRECTION = 'plugin::privacy-guard.correction-request';
export const LEGAL_HOLD = 'plugin::privacy-guard.legal-hold';
export const PROVISION = 'plugin::privacy-guard.provision';
export const PROVISION_NOTICE = 'plugin::privacy-guard.provision-notice';
