import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { registerBody } from './membership';

/**
 * Member accounts: users-permissions' routes as this app extends them (the users table holds
 * only a keyed-hash placeholder of the address; registration and log-in add the clinic's rules).
 * Refusals users-permissions makes itself (a wrong password, a used reset code) carry its own
 * messages and no `details.code`; the document says so with an empty list of codes.
 */
export const emailBody = z.object({ email: z.email().max(254) }).strict();
export const loginBody = z
  .object({
    identifier: z.string().min(1).describe('The member’s e-mail address'),
    password: z.string().min(1),
    consents: z
      .record(z.string(), z.boolean())
      .optional()
      .describe('After a material policy change (`422 POLICY_OUTDATED`): the membership consents given again'),
    confirmation: z
      .string()
      .max(200)
      .optional()
      .describe('The token of the mailed confirmation link (`#member-confirm=…`): with the right password it confirms the address now'),
  })
  .strict();
export const resetBody = z.object({ code: z.string().min(1), password: z.string().min(8).max(72), passwordConfirmation: z.string() }).strict();
export const changeBody = z
  .object({ currentPassword: z.string().min(1), password: z.string().min(8).max(72), passwordConfirmation: z.string() })
  .strict();

const User = z
  .looseObject({ id: z.number().int(), documentId: z.string(), email: z.string(), confirmed: z.boolean() })
  .meta({ id: 'MemberAccount', description: 'The account (users-permissions’ user), with the member’s real address.' });
const Session = z.object({ jwt: z.string(), user: User }).meta({ id: 'MemberLogin' });

export const operations: Operation[] = [
  {
    method: 'post',
    path: '/api/auth/local/register',
    operationId: 'registerMember',
    tag: 'members',
    summary: 'Become a member: the account stays unconfirmed until the link mailed to the address is followed and the member logs in with it',
    description:
      'The same answer whether or not the address already has an account: a confirmed one is left as it is and its owner told by mail; an unconfirmed one is replaced by this registration.',
    body: registerBody,
    responses: {
      200: {
        description: 'Registered, unconfirmed; no JWT until the address is confirmed',
        schema: z.object({ user: z.object({ email: z.string(), confirmed: z.literal(false) }).strict() }).strict(),
      },
    },
    errors: { 400: ['VALIDATION'], 422: ['UNDER_14', 'CONSENT_REQUIRED', 'POLICY_OUTDATED', 'RRN_REFUSED'] },
    uncoded: [400],
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/auth/send-email-confirmation',
    operationId: 'resendConfirmation',
    tag: 'members',
    summary: 'Mail the confirmation link again (the same answer for every address)',
    body: emailBody,
    responses: { 200: { description: 'Always the same', schema: z.object({ email: z.string(), sent: z.literal(true) }) } },
    errors: { 400: ['VALIDATION'] },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/auth/local',
    operationId: 'logIn',
    tag: 'members',
    summary: 'Log in with the e-mail address and password',
    body: loginBody,
    responses: { 200: { description: 'Logged in', schema: Session } },
    errors: { 400: [], 401: ['EMAIL_UNVERIFIED'], 422: ['POLICY_OUTDATED', 'CONSENT_REQUIRED'] },
    uncoded: [400],
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/auth/forgot-password',
    operationId: 'forgotPassword',
    tag: 'members',
    summary: 'Mail a reset code (the same answer for every address)',
    body: emailBody,
    responses: { 200: { description: 'Always the same', schema: z.object({ ok: z.literal(true) }) } },
    errors: { 400: ['VALIDATION'] },
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/auth/reset-password',
    operationId: 'resetPassword',
    tag: 'members',
    summary: 'Set a new password with the mailed code; every earlier token stops working',
    body: resetBody,
    responses: { 200: { description: 'Changed and logged in', schema: Session } },
    errors: { 400: [] },
    uncoded: [400],
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/auth/change-password',
    operationId: 'changePassword',
    tag: 'members',
    summary: 'Change the password; every earlier token stops working',
    body: changeBody,
    credentials: ['memberJwt'],
    responses: { 200: { description: 'Changed', schema: Session } },
    errors: { 400: [], 401: [], 403: [] },
    uncoded: [400, 401, 403],
    rateLimited: true,
  },
];
