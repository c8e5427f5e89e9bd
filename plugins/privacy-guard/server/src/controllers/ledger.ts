import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async verify(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'consent').verify() };
  },
});
