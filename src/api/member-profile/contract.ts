import { localeSchema } from '../../../plugins/privacy-guard/server/src';
import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { data } from '../../openapi/shapes';
import { registerBody } from '../../extensions/users-permissions/membership';

/**
 * The fields a member changes, with registration's rules; `null` clears one. The e-mail address
 * (the account's proof of control) and the birth date (the age check) change only by a correction.
 */
export const updateBody = z
  .object({
    name: registerBody.shape.name.unwrap().nullable().optional(),
    phone: registerBody.shape.phone.unwrap().nullable().optional(),
    gender: registerBody.shape.gender.unwrap().nullable().optional(),
    address: registerBody.shape.address.unwrap().nullable().optional(),
    locale: registerBody.shape.locale.unwrap().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');

const text = z.string().nullable();
const Member = z
  .object({
    name: text,
    email: text,
    birthDate: text,
    gender: text,
    phone: text,
    address: text,
    locale: localeSchema,
    restricted: z.boolean().describe('True while a correction is pending: nothing changes until staff resolve it.'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Member', description: 'The member’s own profile (`Cache-Control: no-store`).' });

const unauthenticated = { 401: ['UNAUTHENTICATED' as const, 'EMAIL_UNVERIFIED' as const] };

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/members/me',
    operationId: 'getMember',
    tag: 'members',
    summary: 'The member’s own information',
    credentials: ['memberJwt'],
    responses: { 200: { description: 'The profile', schema: data(Member) } },
    errors: unauthenticated,
  },
  {
    method: 'put',
    path: '/api/members/me',
    operationId: 'updateMember',
    tag: 'members',
    summary: 'Modify member information',
    body: updateBody,
    credentials: ['memberJwt'],
    responses: { 200: { description: 'Changed (in the access log as the member’s own change)', schema: data(Member) } },
    errors: { 400: ['VALIDATION'], ...unauthenticated, 403: ['RESTRICTED'], 422: ['RRN_REFUSED'] },
  },
];
