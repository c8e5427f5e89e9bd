import { z } from 'zod';

/**
 * What a content type says about its personal data, in its schema.json, read by the plugin at
 * register time (as Strapi's i18n plugin reads `pluginOptions.i18n.localized`).
 *
 * At content-type level, `pluginOptions["privacy-guard"]`:
 * - `record`: which of the records the plugin knows this type is (`reservation`, `member-profile`,
 *   `consultation`, `complaint`, `outbox`, `idempotency`, `board-post`, `board-comment`,
 *   `correction-request`, `legal-hold`); one type per record. The plugin finds the app's types by it
 *   and never by uid.
 * - `subject` (default `subjectId`): the attribute that links a record to its pseudonymous subject.
 * - `consent`: the channel whose required consents must stand in the ledger before a record is created.
 * - `restrictable` (default false): a pending correction restricts the subject's records of this type.
 * - `audited` (default false): staff access through the Content Manager is logged and its lists masked.
 * - `erasure` (default `delete`): how a subject's erasure destroys a record: the row goes, or
 *   (`blank`) its personal fields and lookup hashes are overwritten with null and the row stays.
 * - `retention`: the retention rules that destroy records of this type.
 *
 * Per attribute, `pluginOptions["privacy-guard"]`:
 * - `personal: true`: sealed at rest for its place (content type, field, document), opened on
 *   read, rotated, scanned, exported in my-data, destroyed with the record, masked in staff lists.
 *   It must be a `text` attribute (an envelope outgrows a `string`).
 * - `lookup`: `email` or `phone`: its keyed hash fills the type's `emailHash` / `phoneHash` attribute.
 * - `correctable`: the item a correction request names (`name`, `email` …); applied to this field.
 * - `mask` (default `whole`): how staff lists show it: `name` ("J**** K**"), `email`, `phone`, `whole` ("***").
 * - `export` (default the attribute's name): where it stands in the record's my-data entry
 *   (a dotted path, `patient.name`); `false` for what the plugin keeps for its own work (a
 *   correction's contact address) and the export shows otherwise.
 */
export const PLUGIN = 'privacy-guard';

export const RECORDS = [
  'reservation',
  'member-profile',
  'consultation',
  'complaint',
  'outbox',
  'idempotency',
  'board-post',
  'board-comment',
  'correction-request',
  'legal-hold',
] as const;
export type RecordKind = (typeof RECORDS)[number];

export const CHANNELS = ['reservation', 'membership', 'consultation'] as const;
export type GatedChannel = (typeof CHANNELS)[number];

export const RULES = [
  'reservation-completed',
  'reservation-cancelled',
  'reservation-no-show',
  'reservation-pending-guardian',
  'consultation-answered',
  'complaint-resolved',
  'legal-hold-expired',
  'member-ended',
  'unverified-account',
  'connection-log',
  'cookie-consent',
] as const;
export type RuleName = (typeof RULES)[number];

export const MASKS = ['name', 'email', 'phone', 'whole'] as const;
export type Mask = (typeof MASKS)[number];

export const LOOKUPS = ['email', 'phone'] as const;

const identifier = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'an attribute or item name in camelCase');

export const contentTypeDeclaration = z.strictObject({
  record: z.enum(RECORDS).optional(),
  subject: identifier.default('subjectId'),
  consent: z.enum(CHANNELS).optional(),
  restrictable: z.boolean().default(false),
  audited: z.boolean().default(false),
  erasure: z.enum(['delete', 'blank']).default('delete'),
  retention: z.array(z.enum(RULES)).default([]),
});

export const attributeDeclaration = z.strictObject({
  personal: z.literal(true),
  lookup: z.enum(LOOKUPS).optional(),
  correctable: identifier.optional(),
  mask: z.enum(MASKS).default('whole'),
  export: z
    .union([z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/, 'a dotted path of camelCase names'), z.literal(false)])
    .optional(),
});

export type ContentTypeDeclaration = z.infer<typeof contentTypeDeclaration>;
export type AttributeDeclaration = z.infer<typeof attributeDeclaration>;
