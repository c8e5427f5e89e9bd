import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
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

type Controller = Record<string, (ctx: Context) => Promise<unknown>>;
interface Plugin {
  controllers: Record<string, (deps: { strapi: Core.Strapi }) => Controller>;
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

      async register(ctx: Context) {
        const body = parseRegisterBody(ctx);
        await screenRegistration(strapi, body);
        await strapi.db.transaction(async () => {
          (ctx.request as { body?: unknown }).body = {
            username: accountUsername(strapi, body.email),
            email: accountEmail(strapi, body.email),
            password: body.password,
          };
          await auth.register(ctx);
          const user = (ctx.body as { user?: { documentId: string; email?: string } }).user;
          if (!user) throw new Error('users-permissions returned no user');
          await createProfile(strapi, ctx, body, user);
          user.email = body.email;
        });
      },

      async callback(ctx: Context) {
        const request = ctx.request as { body?: Record<string, unknown> };
        const consents = loginConsents(request.body);
        const identifier = request.body?.identifier;
        const real = typeof identifier === 'string' && identifier.includes('@') && !isAccountEmail(identifier) ? identifier : null;
        if (request.body) {
          const { consents: _consents, ...rest } = request.body;
          request.body = real ? { ...rest, identifier: accountEmail(strapi, real) } : rest;
        }
        await strapi.db.transaction(async () => {
          await auth.callback(ctx);
          const user = (ctx.body as { user?: { id: number; email?: string } } | undefined)?.user;
          if (!user) return;
          await assertMemberConsents(strapi, ctx, user.id, consents);
          if (real) user.email = real;
        });
      },
    };
  };

  return plugin;
};
