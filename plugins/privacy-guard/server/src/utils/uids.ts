/** The content types the plugin guards or keeps, by uid, in one place. */
export const RESERVATION = 'api::reservation.reservation';
export const MEMBER_PROFILE = 'api::member-profile.member-profile';
export const CONSULTATION = 'api::consultation.consultation';
export const COMPLAINT = 'api::complaint.complaint';
export const OUTBOX = 'api::outbox-message.outbox-message';
export const USER = 'plugin::users-permissions.user';
export const CORRECTION = 'plugin::privacy-guard.correction-request';
export const PROVISION = 'plugin::privacy-guard.provision';
export const PROVISION_NOTICE = 'plugin::privacy-guard.provision-notice';
