import type { Core } from '@strapi/strapi';
import crypto from 'node:crypto';
import type { Context } from 'koa';
import { passwordResetMail } from '../../mail/account';
import { parse, type Locale } from '../../../plugins/privacy-guard/server/src';
import { clinicService, outboxService } from '../../utils/services';
import { privacyGuard } from '../../utils/privacy-guard';
import { endEarlierTokens, jwtWithCredentialCheck } from './credentials';
import {
  accountEmail,
  accountUsername,
  assertMemberConsents,
  createProfile,
  isAccountEmail,
  loginConsents,
  parseRegisterBody,
  screenRegistration,
} from './membership';
import { emailBody } from './contract';
import {
  confirmOrRefuseUnconfirmed,
  existingAccount,
  followConfirmationLink,
  issueConfirmation,
  replaceUnconfirmed,
  resendConfirmation,
  sendConfirmationToProfile,
  tellAddress,
  tellMemberOfRegistration,
} from './verification';
import { limitMail } from '../../middlewares/rate-limit';

type Controller = Record<string, (ctx: Context) => Promise<unknown>>;
interface Route {
  method: string;
  path: string;
  config?: { middlewares?: unknown[] };
}
interface Plugin {
  controllers: Record<string, (deps: { strapi: Core.Strapi }) => Controller>;
  services: Record<string, (deps: { strapi: Core.Strapi }) => Record<string, unknown>>;
  routes: Record<'content-api', { routes: Route[] }>;
}


/**
 * Extends (does not replace) users-permissions' register and login: registration needs a
 * birth date (no one under 14) and the membership consents, and creates the member profile
 * and the ledger rows in the account's transaction; login re-asks consent after a material
 * policy change.
 */
export default (plugin: Plugin) => {
  const authFactory = plugin.controllers.auth;

  plugin.controllers.auth = ({ strapi }) => {
    const auth = authFactory({ strapi });
    return {
      ...auth,

      /**
       * The account is created unconfirmed and the link mailed to the real address: no JWT until it
       * is followed. The answer is the same whether or not the address already has an account (no
       * one learns who is a member): a confirmed account is left as it is and its owner is told by
       * mail; an unconfirmed one, which nobody proved, is replaced (destroyed and logged).
       */
      async register(ctx: Context) {
        const body = parseRegisterBody(ctx);
        await screenRegistration(strapi, body);
        await limitMail(strapi, ctx, body.email);
        const existing = await existingAccount(strapi, body.email);
        if (existing && (existing.confirmed === true || existing.blocked)) {
          await tellMemberOfRegistration(strapi, existing.id, body);
        } else {
          await strapi.db.transaction(async ({ trx }) => {
            if (existing) await replaceUnconfirmed(strapi, trx, existing.id);
            (ctx.request as { body?: unknown }).body = {
              username: accountUsername(strapi, body.email),
              email: accountEmail(strapi, body.email),
              password: body.password,
            };
            await auth.register(ctx);
            const user = (ctx.body as { user?: { id: number; documentId: string } }).user;
            if (!user) throw new Error('users-permissions returned no user');
            const profile = await createProfile(strapi, ctx, body, user);
            await issueConfirmation(strapi, user.id, { ...profile, email: body.email });
          });
        }
        ctx.body = { user: { email: body.email, confirmed: false } };
      },

      /** The mailed link leads to the privacy center's log-in, which confirms: see followConfirmationLink. */
      async emailConfirmation(ctx: Context) {
        await followConfirmationLink(strapi, ctx);
      },

      async sendEmailConfirmation(ctx: Context) {
        await resendConfirmation(strapi, ctx);
      },

      /**
       * The users table holds a keyed-hash placeholder, not the member's address, so
       * users-permissions' own forgot-password would mail `…@members.invalid`. This one finds the
       * account by the same hash, stores the reset code and queues the mail (through the outbox,
       * so a mail server that is down loses nothing) to the address typed, which the hash proves is
       * the member's. It answers `{ ok: true }` and queues one mail for every address (an address
       * without an account that could be reset is told so), with the same reads and writes, so
       * neither the answer nor its time tells whether an account exists.
       */
      async forgotPassword(ctx: Context) {
        const { email } = parse(emailBody, (ctx.request as { body?: unknown }).body);
        // Counted per address and client before anything is looked up: the same answer for every address.
        await limitMail(strapi, ctx, email);
        const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
          where: { email: accountEmail(strapi, email) },
          select: ['id', 'blocked', 'confirmed'],
        })) as { id: number; blocked: boolean | null; confirmed: boolean | null } | null;
        const resettable = user && !user.blocked && user.confirmed === true ? user : null;
        const profile = (await strapi.db.query('api::member-profile.member-profile').findOne({
          where: { user: { id: resettable?.id ?? -1 } },
          select: ['subjectId', 'locale'],
        })) as { subjectId: string; locale: Locale | null } | null;
        const advanced = (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) as { email_reset_password?: string | null } | null;
        const code = crypto.randomBytes(64).toString('hex');
        const clinic = await clinicService(strapi).settings();
        await strapi.db.transaction(async () => {
          await strapi.db.query('plugin::users-permissions.user').updateMany({ where: { id: resettable?.id ?? -1 }, data: { resetPasswordToken: code } });
          if (!resettable) return tellAddress(strapi, email, 'no-account', null);
          await outboxService(strapi).enqueue(
            passwordResetMail(
              { to: email, locale: profile?.locale ?? 'en', subjectId: profile?.subjectId ?? null, code, resetPage: advanced?.email_reset_password || null },
              clinic,
            ),
          );
        });
        ctx.body = { ok: true };
      },

      /**
       * users-permissions' reset, answering with the member's real address rather than the
       * placeholder. It confirms nothing: codes go to confirmed accounts only (an unconfirmed one
       * holds what whoever registered typed and consented to; its owner registers again, which replaces it).
       */
      async resetPassword(ctx: Context) {
        await auth.resetPassword(ctx);
        const user = (ctx.body as { user?: { id: number; email?: string; confirmed?: boolean } } | undefined)?.user;
        if (!user) return;
        await endEarlierTokens(strapi, user.id, (ctx.body as { jwt?: string }).jwt);
        const profile = (await strapi.documents('api::member-profile.member-profile').findFirst({
          filters: { user: { id: user.id } },
          fields: ['email'],
        } as never)) as { email?: string } | null;
        if (profile?.email) user.email = profile.email;
      },

      async callback(ctx: Context) {
        const request = ctx.request as { body?: Record<string, unknown> };
        const consents = loginConsents(request.body);
        const confirmation = request.body?.confirmation;
        const identifier = request.body?.identifier;
        const real = typeof identifier === 'string' && identifier.includes('@') && !isAccountEmail(identifier) ? identifier : null;
        if (request.body) {
          const { consents: _consents, confirmation: _confirmation, ...rest } = request.body;
          request.body = real ? { ...rest, identifier: accountEmail(strapi, real) } : rest;
        }
        // The connection log (3 months): every attempt by an address, under its pseudonymous subject.
        const subjectId = real ? privacyGuard(strapi).service('consent').subjectIdFor(real) : null;
        const log = (result: 'success' | 'failure' | 'unverified') => privacyGuard(strapi).service('connection-log').record({ channel: 'member', subjectId, result, clientAddress: ctx.request.ip });
        try {
          await confirmOrRefuseUnconfirmed(strapi, request.body?.identifier, request.body?.password, confirmation);
          await strapi.db.transaction(async () => {
            await auth.callback(ctx);
            const user = (ctx.body as { user?: { id: number; email?: string } } | undefined)?.user;
            if (!user) return;
            await assertMemberConsents(strapi, ctx, user.id, consents);
            if (real) user.email = real;
          });
        } catch (error) {
          await log((error as { details?: { code?: string } }).details?.code === 'EMAIL_UNVERIFIED' ? 'unverified' : 'failure');
          throw error;
        }
        await log(ctx.status < 400 ? 'success' : 'failure');
      },

      /** users-permissions' change of password, answering with the member's real address rather than the placeholder. */
      async changePassword(ctx: Context) {
        await auth.changePassword(ctx);
        const user = (ctx.body as { user?: { id: number; email?: string } } | undefined)?.user;
        if (!user) return;
        await endEarlierTokens(strapi, user.id, (ctx.body as { jwt?: string }).jwt);
        const profile = (await strapi.documents('api::member-profile.member-profile').findFirst({
          filters: { user: { id: user.id } },
          fields: ['email'],
        } as never)) as { email?: string } | null;
        if (profile?.email) user.email = profile.email;
      },
    };
  };

  plugin.services.jwt = jwtWithCredentialCheck(plugin.services.jwt as never) as never;

  // users-permissions' own confirmation mail would go to the `…@members.invalid` placeholder.
  const userFactory = plugin.services.user;
  plugin.services.user = ({ strapi }) => ({
    ...userFactory({ strapi }),
    sendConfirmationEmail: (user: { id: number }) => sendConfirmationToProfile(strapi, user),
  });

  // Every public write is limited per client address, whatever address it names (users-permissions' own
  // limit counts per address and client together, so a new address each time never hit it); the ones
  // that mail someone are limited per address in their handlers too. Log-in has the login guard.
  const PUBLIC_WRITES = new Set(['/auth/local/register', '/auth/forgot-password', '/auth/reset-password', '/auth/change-password', '/auth/send-email-confirmation', '/auth/refresh', '/auth/logout']);
  for (const route of plugin.routes['content-api'].routes) {
    if (route.method !== 'POST' || !PUBLIC_WRITES.has(route.path)) continue;
    route.config = { ...route.config, middlewares: ['global::rate-limit', ...(route.config?.middlewares ?? [])] };
  }

  return plugin;
};
