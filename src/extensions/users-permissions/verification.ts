import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { emailBody } from './contract';
import { confirmEmailMail } from '../../mail/account';
import { fail, parse, publicUrl, type Locale } from '../../../plugins/privacy-guard/server/src';
import { clinicService, outboxService } from '../../utils/services';
import { privacyGuard } from '../../utils/privacy-guard';
import { tooMany } from '../../middlewares/rate-limit';
import { accountEmail } from './membership';

const USER = 'plugin::users-permissions.user';
const PROFILE = 'api::member-profile.member-profile';

/** Confirmation mails per address (its account's keyed-hash placeholder): a few an hour, whoever asks and from wherever. */
const CONFIRM_PER_ADDRESS = { name: 'confirm-address', points: 3, seconds: 3600 };

/** Where users-permissions sends the browser once the link is followed: the privacy center, which says so. */
export const confirmationRedirect = () => `${process.env.PRIVACY_CENTER_URL || `${publicUrl()}/privacy/`}#member-confirmed`;

/**
 * Members are verified before they are members: users-permissions' email confirmation is on,
 * whatever was saved before (an account confirmed without proof of control of its address
 * would open that address's records). Applied on every start.
 */
export async function ensureMemberVerification(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  const wanted = { email_confirmation: true, email_confirmation_redirection: confirmationRedirect() };
  if (advanced.email_confirmation !== wanted.email_confirmation || advanced.email_confirmation_redirection !== wanted.email_confirmation_redirection)
    await store.set({ key: 'advanced', value: { ...advanced, ...wanted } });
}

interface Profile {
  documentId: string;
  subjectId: string;
  email: string | null;
  locale: Locale | null;
}

/** The member profile of an account, decrypted (the Document Service opens the sealed address). */
async function profileOf(strapi: Core.Strapi, userId: number): Promise<Profile | null> {
  return (await strapi.documents(PROFILE).findFirst({
    filters: { user: { id: userId } },
    fields: ['subjectId', 'email', 'locale'],
  } as never)) as Profile | null;
}

/**
 * A fresh confirmation token in users-permissions' own `confirmationToken` column (its
 * `/api/auth/email-confirmation` route checks it), and the link mailed through the outbox to the
 * member's real address. The account stays unconfirmed until the link is followed. Inside the
 * caller's transaction when there is one.
 */
export async function issueConfirmation(strapi: Core.Strapi, userId: number, profile: Profile) {
  if (!profile.email) return;
  const token = crypto.randomBytes(32).toString('hex');
  await strapi.db.query(USER).update({ where: { id: userId }, data: { confirmed: false, confirmationToken: token } });
  const link = `${publicUrl()}/api/auth/email-confirmation?confirmation=${token}`;
  const clinic = await clinicService(strapi).settings();
  await outboxService(strapi).enqueue(
    confirmEmailMail({ to: profile.email, locale: profile.locale ?? 'en', subjectId: profile.subjectId, link, relatedDocumentId: profile.documentId }, clinic),
  );
}

/** Stands in for users-permissions' `sendConfirmationEmail`, which would mail the `…@members.invalid` placeholder. */
export async function sendConfirmationToProfile(strapi: Core.Strapi, user: { id: number }) {
  // During registration the profile does not exist yet: the register handler issues the link once it does.
  const profile = await profileOf(strapi, user.id);
  if (profile) await issueConfirmation(strapi, user.id, profile);
}


/**
 * `POST /api/auth/send-email-confirmation {email}`: always `200 {email, sent: true}`, whether an
 * account exists, is unconfirmed, confirmed or blocked (nothing to learn about an address). An
 * unconfirmed account gets a new link at its real address (the one typed, which the keyed hash
 * matched). Counted per address (keyed hash, a few an hour) before anything is looked up.
 */
export async function resendConfirmation(strapi: Core.Strapi, ctx: Context) {
  const { email } = parse(emailBody, (ctx.request as { body?: unknown }).body);
  const placeholder = accountEmail(strapi, email);
  const wait = await privacyGuard(strapi).service('limits').consume(CONFIRM_PER_ADDRESS, placeholder);
  if (wait !== null) throw tooMany(ctx, wait, 'Too many confirmation mails for this address; try again later');
  const user = (await strapi.db.query(USER).findOne({ where: { email: placeholder }, select: ['id', 'confirmed', 'blocked'] })) as {
    id: number;
    confirmed: boolean | null;
    blocked: boolean | null;
  } | null;
  if (user && user.confirmed !== true && !user.blocked) {
    const profile = await profileOf(strapi, user.id);
    // The address typed is the one the keyed hash matched: the profile's own, in the member's spelling.
    if (profile) await strapi.db.transaction(() => issueConfirmation(strapi, user.id, { ...profile, email: profile.email ?? email }));
  }
  ctx.body = { email, sent: true };
}

/**
 * Before users-permissions' log-in: an unconfirmed account with the right password answers
 * `401 EMAIL_UNVERIFIED` (users-permissions' own refusal is a 400 without a code). A wrong
 * password is left to users-permissions, so the refusal tells nothing to someone without it.
 */
export async function refuseUnconfirmed(strapi: Core.Strapi, identifier: unknown, password: unknown) {
  if (typeof identifier !== 'string' || typeof password !== 'string' || !identifier || !password) return;
  const user = (await strapi.db.query(USER).findOne({
    where: { provider: 'local', $or: [{ email: identifier.toLowerCase() }, { username: identifier }] },
    select: ['id', 'password', 'confirmed', 'blocked'],
  })) as { id: number; password: string | null; confirmed: boolean | null; blocked: boolean | null } | null;
  if (!user?.password || user.confirmed === true || user.blocked) return;
  const valid = await (strapi.plugin('users-permissions').service('user') as { validatePassword(p: string, h: string): Promise<boolean> }).validatePassword(
    password,
    user.password,
  );
  if (valid) throw fail(401, 'EMAIL_UNVERIFIED', 'Confirm your e-mail address first: follow the link we mailed to it (or ask for a new one)');
}
