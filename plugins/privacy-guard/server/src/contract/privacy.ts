import { z } from 'zod';
import { localeSchema } from '../utils/locale';
import type { Operation } from './operation';

/**
 * The plugin's public contract, `/api/privacy/...`: the schemas its controllers validate with and
 * the answers they give, as operations of the app's OpenAPI document.
 */

/** An address as people paste it: surrounding spaces do not make another address. */
const address = z.string().trim().max(254).pipe(z.email());
const itemKey = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const verifyBody = z.object({ email: address, locale: localeSchema.optional() }).strict();
export const sessionBody = z.union([
  z.object({ token: z.string().min(1).max(100).describe('The token of the mailed link (after `#verify=`)') }).strict(),
  z.object({ email: address, code: z.string().min(1).max(20).describe('The mailed code, `XXXX-XXXX`') }).strict(),
]);
export const cookieConsentBody = z
  .object({
    consentId: z.uuid().describe('The browser’s anonymous id for its choice'),
    categories: z.record(itemKey, z.boolean()),
    policyVersion: z.number().int().positive(),
  })
  .strict();
/** The items a correction may name are those the content types declare `correctable`. */
export const correctionBody = (items: string[]) =>
  z
    .object({
      field: z.enum(items as [string, ...string[]]).describe('A correctable item: `name`, `phone` … (declared per content type)'),
      value: z.string().trim().min(1).max(500),
      reason: z.string().trim().max(1000).optional(),
    })
    .strict();
export const withdrawalBody = z.object({}).strict();
export const consentsBody = z
  .object({ consents: z.record(itemKey.max(64), z.boolean()).refine((c) => Object.keys(c).length > 0, 'name at least one item') })
  .strict();
export const complaintBody = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(100).optional(),
    message: z.string().trim().min(1).max(5000),
    locale: localeSchema.optional(),
  })
  .strict();

const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });
const timestamp = z.string().describe('ISO 8601, UTC');

const ConsentChoice = z
  .object({
    key: z.string(),
    channel: z.string(),
    title: z.string(),
    purpose: z.string().nullable(),
    required: z.boolean(),
    granted: z.boolean(),
    scope: z
      .string()
      .nullable()
      .describe('The scope of the decision that binds the address: `subject`, or the confirmed member account’s (`member:<id>`); null when none was made (a decision given with one booking binds that booking only, and is not listed)'),
    occurredAt: timestamp.nullable(),
  })
  .meta({ id: 'ConsentChoice' });
const Export = z
  .looseObject({ format: z.literal('clinic-cms/my-data@1') })
  .meta({ id: 'MyData', description: 'Everything held on the caller, with the receipts of their consent decisions (`Cache-Control: no-store`).' });
const Receipt = z.looseObject({}).meta({ id: 'DestructionReceipt', description: 'What was destroyed, by kind, and when.' });
const Preview = z.looseObject({}).meta({ id: 'WithdrawalPreview', description: 'What a withdrawal would destroy, before it is confirmed.' });

const anyCredential = ['privacySession' as const, 'memberJwt' as const, 'manageToken' as const];
const verifiedCredential = ['privacySession' as const, 'memberJwt' as const];
const unidentified = { 401: ['VERIFICATION_REQUIRED' as const, 'SESSION_EXPIRED' as const, 'UNAUTHENTICATED' as const, 'EMAIL_UNVERIFIED' as const], 404: ['NOT_FOUND' as const] };

/** The operations, with the correctable items the content types declare (read at register time). */
export const privacyOperations = (correctableItems: string[]): Operation[] => [
  {
    method: 'post',
    path: '/api/privacy/verify',
    operationId: 'verifyAddress',
    tag: 'privacy',
    summary: 'Prove control of an address: a single-use link and code are mailed to it',
    description: 'The same 202, in the same time, for every address (nothing to learn about who is known).',
    body: verifyBody,
    responses: { 202: { description: 'Mailed, if the address holds anything', schema: data(z.object({ status: z.literal('sent') })) } },
    errors: { 400: ['VALIDATION'] },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/privacy/session',
    operationId: 'openPrivacySession',
    tag: 'privacy',
    summary: 'Open a privacy session (30 minutes) with the mailed link’s token or the address and code',
    body: sessionBody,
    responses: { 201: { description: 'The session, to send as `X-Privacy-Session`', schema: data(z.object({ session: z.string(), expiresAt: timestamp })) } },
    errors: { 400: ['VALIDATION'], 422: ['INVALID_CODE', 'CODE_BURNED'] },
    rateLimited: true,
  },
  {
    method: 'get',
    path: '/api/privacy/session',
    operationId: 'showPrivacySession',
    tag: 'privacy',
    summary: 'When the privacy session ends',
    credentials: ['privacySession'],
    responses: { 200: { description: 'Open', schema: data(z.object({ expiresAt: timestamp })) } },
    errors: { 401: ['VERIFICATION_REQUIRED', 'SESSION_EXPIRED'] },
  },
  {
    method: 'delete',
    path: '/api/privacy/session',
    operationId: 'closePrivacySession',
    tag: 'privacy',
    summary: 'End the privacy session',
    credentials: ['privacySession'],
    responses: { 204: { description: 'Ended' } },
    errors: { 401: ['VERIFICATION_REQUIRED', 'SESSION_EXPIRED'] },
    rateLimited: true,
  },
  {
    method: 'get',
    path: '/api/privacy/my-data',
    operationId: 'exportMyData',
    tag: 'privacy',
    summary: 'Everything held on the caller (a manage token: that one reservation)',
    credentials: anyCredential,
    responses: { 200: { description: 'The export', schema: data(Export) } },
    errors: unidentified,
  },
  {
    method: 'get',
    path: '/api/privacy/consents',
    operationId: 'listMyConsents',
    tag: 'privacy',
    summary: 'The caller’s decision on each consent item',
    credentials: verifiedCredential,
    responses: { 200: { description: 'The items with their decisions', schema: data(z.object({ items: z.array(ConsentChoice) })) } },
    errors: unidentified,
  },
  {
    method: 'post',
    path: '/api/privacy/consents',
    operationId: 'changeMyConsents',
    tag: 'privacy',
    summary: 'Grant or withdraw optional consent items (for the whole subject)',
    body: consentsBody,
    credentials: verifiedCredential,
    responses: { 200: { description: 'The items with their decisions now', schema: data(z.object({ items: z.array(ConsentChoice) })) } },
    errors: { 400: ['VALIDATION'], ...unidentified, 422: ['NOT_ALLOWED'] },
    rateLimited: true,
  },
  {
    method: 'get',
    path: '/api/privacy/withdrawal',
    operationId: 'previewWithdrawal',
    tag: 'privacy',
    summary: 'What a withdrawal would destroy',
    credentials: anyCredential,
    responses: { 200: { description: 'The preview', schema: data(Preview) } },
    errors: unidentified,
  },
  {
    method: 'post',
    path: '/api/privacy/withdrawal',
    operationId: 'withdraw',
    tag: 'privacy',
    summary: 'Withdraw consent: the caller’s data is destroyed now (a manage token: that reservation)',
    body: withdrawalBody,
    credentials: anyCredential,
    responses: { 200: { description: 'Destroyed; the receipt', schema: data(Receipt) } },
    errors: { 400: ['VALIDATION'], ...unidentified },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/privacy/corrections',
    operationId: 'requestCorrection',
    tag: 'privacy',
    summary: 'Ask for a correction: the data is restricted until staff resolve it (a manage token: that reservation’s fields)',
    body: correctionBody(correctableItems),
    credentials: anyCredential,
    responses: { 201: { description: 'Received; the records it names are restricted meanwhile', schema: data(z.looseObject({})) } },
    errors: { 400: ['VALIDATION'], ...unidentified, 422: ['RRN_REFUSED', 'NOT_ALLOWED'] },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/privacy/complaints',
    operationId: 'fileComplaint',
    tag: 'privacy',
    summary: 'File a privacy complaint with the privacy officer',
    body: complaintBody,
    responses: { 201: { description: 'Filed; a receipt is mailed', schema: data(z.looseObject({ reference: z.string() })) } },
    errors: { 400: ['VALIDATION'], 422: ['RRN_REFUSED'] },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/privacy/cookie-consents',
    operationId: 'recordCookieConsent',
    tag: 'privacy',
    summary: 'Log a browser’s cookie choice (anonymous id, categories, policy version)',
    body: cookieConsentBody,
    responses: { 201: { description: 'Logged', schema: data(z.looseObject({})) } },
    errors: { 400: ['VALIDATION'], 422: ['CONSENT_REQUIRED', 'POLICY_OUTDATED'] },
    rateLimited: true,
  },
];
