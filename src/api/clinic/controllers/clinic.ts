import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse, localeSchema } from '../../../../plugins/privacy-guard/server/src';
import { clinicService } from '../../../utils/services';

const query = z.object({ locale: localeSchema.optional() }).strict();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    parse(query, ctx.query);
    ctx.body = { data: await clinicService(strapi).publicView() };
  },
});
