import type { LookupKind } from './normalise';

/**
 * The one map of what is encrypted at rest, per content type, and which plaintext field
 * feeds which keyed-hash lookup column. Everything that encrypts, decrypts, rotates or scans
 * reads it from here.
 */
export interface PersonalFields {
  table: string;
  encrypted: readonly string[];
  lookups: Partial<Record<`${LookupKind}Hash`, string>>;
}

export const PERSONAL_FIELDS = {
  'api::reservation.reservation': {
    table: 'reservations',
    encrypted: ['patientName', 'patientBirthDate', 'patientGender', 'patientPhone', 'patientEmail', 'guardian', 'note'],
    lookups: { emailHash: 'patientEmail', phoneHash: 'patientPhone' },
  },
  'api::member-profile.member-profile': {
    table: 'member_profiles',
    encrypted: ['name', 'email', 'birthDate', 'gender', 'phone', 'address'],
    lookups: { emailHash: 'email', phoneHash: 'phone' },
  },
  'api::consultation.consultation': {
    table: 'consultations',
    encrypted: ['name', 'email', 'phone', 'question', 'answer'],
    lookups: { emailHash: 'email' },
  },
  'api::complaint.complaint': {
    table: 'complaints',
    encrypted: ['name', 'email', 'message', 'result'],
    lookups: { emailHash: 'email' },
  },
  'api::outbox-message.outbox-message': {
    table: 'outbox_messages',
    encrypted: ['envelope'],
    lookups: {},
  },
  'api::idempotency-record.idempotency-record': {
    table: 'idempotency_records',
    encrypted: ['response'],
    lookups: {},
  },
  'plugin::privacy-guard.correction-request': {
    table: 'privacy_corrections',
    encrypted: ['value', 'reason', 'contact', 'message'],
    lookups: {},
  },
  'plugin::privacy-guard.legal-hold': {
    table: 'privacy_legal_holds',
    encrypted: ['payload'],
    lookups: {},
  },
} as const satisfies Record<string, PersonalFields>;

export type PersonalUid = keyof typeof PERSONAL_FIELDS;

export const personalFieldsOf = (uid: string): PersonalFields | undefined =>
  (PERSONAL_FIELDS as Record<string, PersonalFields>)[uid];

/** Content types whose creation needs the channel's required consents in the ledger. */
export const CONSENT_GATED = {
  'api::reservation.reservation': 'reservation',
  'api::member-profile.member-profile': 'membership',
  'api::consultation.consultation': 'consultation',
} as const;
