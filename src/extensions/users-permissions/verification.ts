import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { emailBody } from './contract';
import { confirmEmailMail, memberNoticeMail, type MemberNoticeKind } from '../../mail/account';
import { errors } from '@strapi/utils';
import { fail, parse, publicUrl, type Locale } from '../../../plugins/privacy-guard/server/src';
import { clinicService, outboxService } from '../../utils/services';
import { privacyGuard } from '../../utils/privacy-guard';
import { tooMany } from '../../middlewares/rate-limit';
import { accountEmail } from './membership';

const USER = 'plugin::users-permissions.user';
const PROFILE = 'api::member-profile.member-profile';

/** Confirmation mails per address (its account's keyed-hash placeholder): a few an hour, whoever asks and from wherever. */
const CONFIRM_PER_ADDRESS = { name: 'confirm-address', points: 3, seconds: 3600 };

/** The privacy center, where the mailed confirmation link leads (`followConfirmationLink`): its log-in form finishes the confirmation. */
const centerUrl = () => process.env.PRIVACY_CENTER_URL || `${publicUrl()}/privacy/`;
const TOKEN = /^[0-9a-f]{64}$/;

/** users-permissions' user service, as far as this file uses it. */
const users = (strapi: Core.Strapi) =>
  strapi.plugin('users-permissions').service('user') as {
    validatePassword(password: string, hash: string): Promise<boolean>;
    ensureHashedPasswords<T extends { password: string }>(values: T): Promise<T>;
  };

/**
 * Members are verified before they are members: users-permissions' email confirmation is on,
 * whatever was saved before (an account confirmed without proof of control of its address
 * would open that address's records). Applied on every start.
 */
export async function ensureMemberVerification(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  // The redirection is users-permissions' own, unused here: the link's route is followConfirmationLink.
  const wanted = { email_confirmation: true, email_confirmation_redirection: centerUrl() };
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
 * `POST /api/auth/send-email-confirmation {email}`: always `200 {email, sent: true}` and one mail,
 * whether an account exists, is unconfirmed, confirmed or blocked (nothing to learn about an
 * address, from the answer or from the work behind it). An unconfirmed account gets a new link at
 * its real address (the one typed, which the keyed hash matched); any other address is told that
 * nothing was sent for it. Counted per address (keyed hash, a few an hour) before anything is looked up.
 */
export async function resendConfirmation(strapi: Core.Strapi, ctx: Context) {
  const { email } = parse(emailBody, (ctx.request as { body?: unknown }).body);
  const placeholder = accountEmail(strapi, email);
  const limits = privacyGuard(strapi).service('limits');
  const wait = (await limits.consume(CONFIRM_PER_ADDRESS, placeholder)) ?? (await limits.mailFromClient(ctx.request.ip));
  if (wait !== null) throw tooMany(ctx, wait, 'Too many confirmation mails for this address or from this client; try again later');
  const user = await existingAccount(strapi, email);
  const profile = await profileOf(strapi, user?.id ?? -1);
  await strapi.db.transaction(async () => {
    // The address typed is the one the keyed hash matched: the profile's own, in the member's spelling.
    if (user && profile && user.confirmed !== true && !user.blocked) await issueConfirmation(strapi, user.id, { ...profile, email: profile.email ?? email });
    else await tellAddress(strapi, email, user?.confirmed === true && !user.blocked ? 'confirmed' : 'no-account', profile);
  });
  ctx.body = { email, sent: true };
}

/**
 * Mails the address that a request naming it changed nothing (`MemberNoticeKind`), in the member's
 * language when there is a profile, under the address's subject (an erasure takes it too).
 */
export async function tellAddress(strapi: Core.Strapi, email: string, kind: MemberNoticeKind, profile: { subjectId: string; locale: Locale | null; email?: string | null } | null) {
  const clinic = await clinicService(strapi).settings();
  const subjectId = profile?.subjectId ?? privacyGuard(strapi).service('consent').subjectIdFor(email);
  await outboxService(strapi).enqueue(memberNoticeMail({ to: profile?.email ?? email, locale: profile?.locale ?? 'en', subjectId, kind, center: centerUrl() }, clinic));
}

/**
 * `GET /api/auth/email-confirmation?confirmation=…`, the link in the mail: it confirms nothing by
 * itself (a mail scanner follows links; and whoever registered chose the password, so a link that
 * confirmed on its own would let a stranger who registered with someone's address become a
 * verified member of it once she clicks). It leads to the privacy center's log-in with the token
 * in the fragment; logging in with the account's password and the token confirms the address.
 * A token that belongs to no unconfirmed account answers `400` as users-permissions' did.
 */
export async function followConfirmationLink(strapi: Core.Strapi, ctx: Context) {
  const token = (ctx.query as Record<string, unknown>).confirmation;
  const user = typeof token === 'string' && TOKEN.test(token)
    ? await strapi.db.query(USER).findOne({ where: { confirmationToken: token, confirmed: { $ne: true } }, select: ['id'] })
    : null;
  if (!user) throw fail(400, 'VALIDATION', 'This confirmation link is not valid any more: ask for a new one');
  ctx.redirect(`${centerUrl()}#member-confirm=${token}`);
}

const validPassword = (strapi: Core.Strapi, password: string, hash: string) => users(strapi).validatePassword(password, hash);

/**
 * Before users-permissions' log-in: an unconfirmed account with the right password and the
 * token of its mailed link (`confirmation`) is confirmed now, by someone who both chose the
 * password and reads the mailbox; with the right password and no (or another) token it answers
 * `401 EMAIL_UNVERIFIED` (users-permissions' own refusal is a 400 without a code). A wrong
 * password is left to users-permissions, so the refusal tells nothing to someone without it.
 */
export async function confirmOrRefuseUnconfirmed(strapi: Core.Strapi, identifier: unknown, password: unknown, confirmation: unknown) {
  if (typeof identifier !== 'string' || typeof password !== 'string' || !identifier || !password) return;
  const user = (await strapi.db.query(USER).findOne({
    where: { provider: 'local', $or: [{ email: identifier.toLowerCase() }, { username: identifier }] },
    select: ['id', 'password', 'confirmed', 'blocked', 'confirmationToken'],
  })) as { id: number; password: string | null; confirmed: boolean | null; blocked: boolean | null; confirmationToken: string | null } | null;
  // An unknown address costs one password check too (users-permissions refuses it without one).
  if (!user?.password) return void (await validPassword(strapi, password, await dummyHash(strapi)));
  if (user.confirmed === true || user.blocked) return;
  // Refused here, as users-permissions would, so that an unconfirmed account costs one check like every other.
  if (!(await validPassword(strapi, password, user.password))) throw new errors.ValidationError('Invalid identifier or password');
  if (typeof confirmation === 'string' && user.confirmationToken && sameSecret(confirmation, user.confirmationToken)) {
    await strapi.db.query(USER).update({ where: { id: user.id }, data: { confirmed: true, confirmationToken: null } });
    return;
  }
  throw fail(401, 'EMAIL_UNVERIFIED', 'Confirm your e-mail address first: follow the link we mailed to it (or ask for a new one)');
}

let dummy: Promise<string> | undefined;
/** A hash of nothing anyone knows, made once, to check a password against when no account has the address. */
const dummyHash = (strapi: Core.Strapi) =>
  (dummy ??= users(strapi)
    .ensureHashedPasswords({ password: crypto.randomBytes(24).toString('base64') })
    .then((v) => v.password));

const sameSecret = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));


/** The account registered with an address, found by its keyed-hash placeholder. */
export async function existingAccount(strapi: Core.Strapi, email: string) {
  return (await strapi.db.query(USER).findOne({ where: { email: accountEmail(strapi, email) }, select: ['id', 'confirmed', 'blocked'] })) as {
    id: number;
    confirmed: boolean | null;
    blocked: boolean | null;
  } | null;
}

/**
 * A new registration of an address whose account nobody confirmed: the earlier one is destroyed
 * (account, profile, its mail; logged under the `unverified-account` rule, as the sweep would
 * after 48 hours), so the newest registration is the one the mailed link confirms.
 */
export async function replaceUnconfirmed(strapi: Core.Strapi, trx: Knex.Transaction, userId: number) {
  const erasure = privacyGuard(strapi).service('erasure');
  const entries = await erasure.destroyAccounts(trx, [{ id: userId }], 'unverified-account');
  await erasure.log(trx, entries, 'registration', privacyGuard(strapi).service('clock').now());
}

/**
 * A registration of an address that already has a confirmed (or blocked) account changes
 * nothing; its owner is told by mail (limited per address like every mail a public request
 * causes). The password is hashed all the same, so the answer takes about as long as a new account's.
 */
export async function tellMemberOfRegistration(strapi: Core.Strapi, userId: number, body: { email: string; password: string }) {
  await users(strapi).ensureHashedPasswords({ password: body.password });
  const profile = await profileOf(strapi, userId);
  await strapi.db.transaction(() => tellAddress(strapi, body.email, 'exists', profile));
}
