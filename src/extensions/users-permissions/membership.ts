import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { fail, parse, localeSchema, type Locale, ageOn, isCalendarDate, localDate, refuseRrn } from '../../../plugins/privacy-guard/server/src';
import { clinicService } from '../../utils/services';
import { privacyGuard } from '../../utils/privacy-guard';

type Consents = Record<string, boolean>;


export const registerBody = z
  .object({
    username: z.string().max(100).optional(),
    email: z.email().max(254),
    password: z.string().min(8).max(72),
    birthDate: z.string().refine(isCalendarDate, 'must be a date written YYYY-MM-DD'),
    consents: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.boolean()),
    name: z.string().trim().min(1).max(100).optional(),
    phone: z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/).optional(),
    gender: z.enum(['female', 'male', 'other']).optional(),
    address: z.string().trim().max(300).optional(),
    locale: localeSchema.optional(),
  })
  .strict();
export type RegisterBody = z.output<typeof registerBody>;

/**
 * The users table never holds a member's address in clear: the account's `email` and
 * `username` are derived from the keyed hash of the real address, which lives encrypted in
 * the member profile. Logging in by the real address maps it the same way.
 */
export const accountEmail = (strapi: Core.Strapi, email: string) => `${privacyGuard(strapi).service('crypto').lookupHash('email', email)!.slice(0, 40)}@members.invalid`;
export const accountUsername = (strapi: Core.Strapi, email: string) => `m_${privacyGuard(strapi).service('crypto').lookupHash('email', email)!.slice(0, 24)}`;
export const isAccountEmail = (value: string) => value.endsWith('@members.invalid');

/** Refusals that come before any account exists: under 14, RRN in free text, missing consents. */
export async function screenRegistration(strapi: Core.Strapi, body: RegisterBody): Promise<void> {
  const clinic = await clinicService(strapi).settings();
  const today = localDate(privacyGuard(strapi).service('clock').now(), clinic.timeZone);
  if (body.birthDate > today) throw fail(400, 'VALIDATION', 'The birth date is in the future', { errors: [{ path: 'birthDate', message: 'in the future' }], fields: ['birthDate'] });
  if (ageOn(body.birthDate, today) < 14) throw fail(422, 'UNDER_14', 'Membership is not open to children under 14');
  refuseRrn({ name: body.name, address: body.address });
  await privacyGuard(strapi).service('consent').check('membership', body.consents);
}

/** The member's profile and consents, written in the transaction that created the account. */
export async function createProfile(strapi: Core.Strapi, ctx: Context, body: RegisterBody, user: { documentId: string }) {
  const consent = privacyGuard(strapi).service('consent');
  const subjectId = consent.subjectIdFor(body.email);
  const locale = body.locale ?? 'en';
  await consent.record({ subjectId, channel: 'membership', consents: body.consents, actor: 'self', clientAddress: ctx.request.ip, locale, scope: `member:${user.documentId}` });
  const profile = (await strapi.documents('api::member-profile.member-profile').create({
    data: {
      user: user.documentId,
      subjectId,
      name: body.name ?? null,
      email: body.email,
      birthDate: body.birthDate,
      gender: body.gender ?? null,
      phone: body.phone ?? null,
      address: body.address ?? null,
      locale,
      state: 'active',
    },
  } as never)) as { documentId: string };
  return { documentId: profile.documentId, subjectId, locale };
}

export const parseRegisterBody = (ctx: Context) => parse(registerBody, (ctx.request as { body?: unknown }).body);

const consentsOnly = z.object({ consents: z.record(z.string(), z.boolean()).optional() }).loose();

/**
 * After a successful login: a member whose membership consents predate a material policy
 * version answers `422 POLICY_OUTDATED` until they log in again with `consents` given.
 */
export async function assertMemberConsents(strapi: Core.Strapi, ctx: Context, userId: number, consents: Consents | undefined) {
  const profile = (await strapi.db.query('api::member-profile.member-profile').findOne({
    where: { user: { id: userId } },
    select: ['subjectId', 'locale'],
  })) as { subjectId: string; locale: Locale | null } | null;
  if (!profile) return;
  const consent = privacyGuard(strapi).service('consent');
  if (consents) {
    await consent.check('membership', consents);
    await consent.record({ subjectId: profile.subjectId, channel: 'membership', consents, actor: 'self', clientAddress: ctx.request.ip, locale: profile.locale ?? undefined, scope: await consent.memberScope(userId) });
  }
  await consent.assertCurrent(profile.subjectId, 'membership');
}

export const loginConsents = (body: unknown): Consents | undefined => parse(consentsOnly, body).consents;
