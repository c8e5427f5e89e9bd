import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse } from '../../../../plugins/privacy-guard/server/src';
import { registerBody } from '../../../extensions/users-permissions/membership';
import type member from '../services/member';

/**
 * The fields a member changes, with registration's rules; `null` clears one. The e-mail address
 * (the account's proof of control) and the birth date (the age check) change only by a correction.
 */
const updateBody = z
  .object({
    name: registerBody.shape.name.unwrap().nullable().optional(),
    phone: registerBody.shape.phone.unwrap().nullable().optional(),
    gender: registerBody.shape.gender.unwrap().nullable().optional(),
    address: registerBody.shape.address.unwrap().nullable().optional(),
    locale: registerBody.shape.locale.unwrap().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');

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
