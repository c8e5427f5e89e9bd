import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../utils/validate';

import { cookieConsentBody as body } from '../contract/privacy';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const choice = parse(body, (ctx.request as { body?: unknown }).body);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'cookieConsent').save(choice, ctx.request.ip) };
  },
});
