import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse, localeSchema } from '../../../../plugins/privacy-guard/server/src';
import { consentItemService } from '../../../utils/services';
import { CHANNELS } from '../services/consent-item';

const query = z.object({ channel: z.enum(CHANNELS), locale: localeSchema.optional() }).strict();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { channel, locale } = parse(query, ctx.query);
    ctx.body = { data: await consentItemService(strapi).publicView(channel, locale) };
  },
});
