import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse } from '../../../utils/validate';
import { localeSchema } from '../../../utils/locale';
import { bookingService } from '../../../utils/services';

const servicesQuery = z.object({ locale: localeSchema.optional() }).strict();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async services(ctx: Context) {
    const { locale } = parse(servicesQuery, ctx.query);
    ctx.body = { data: await bookingService(strapi).services(locale) };
  },
});
