import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parse } from '../../../../plugins/privacy-guard/server/src';
import { clinicService } from '../../../utils/services';

import { clinicQuery as query } from '../contract';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    parse(query, ctx.query);
    ctx.body = { data: await clinicService(strapi).publicView() };
  },
});
