import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parse } from '../../../../plugins/privacy-guard/server/src';
import { consentItemService } from '../../../utils/services';

import { consentItemsQuery as query } from '../contract';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { channel, locale } = parse(query, ctx.query);
    ctx.body = { data: await consentItemService(strapi).publicView(channel, locale) };
  },
});
