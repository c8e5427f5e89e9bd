import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parse } from '../../../../plugins/privacy-guard/server/src';
import type member from '../services/member';

import { updateBody } from '../contract';

/** `/api/members/me`: thin handlers; the rules live in the member service. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service('api::member-profile.member') as unknown as ReturnType<typeof member>;
  const authorization = (ctx: Context) => ctx.get('Authorization') || undefined;

  return {
    async me(ctx: Context) {
      const who = await service().identify(authorization(ctx));
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await service().read(who) };
    },

    async update(ctx: Context) {
      const input = parse(updateBody, (ctx.request as { body?: unknown }).body);
      const who = await service().identify(authorization(ctx));
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await service().update(who, input, ctx.request.ip) };
    },
  };
};
