import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parse, fail } from '../../../../plugins/privacy-guard/server/src';
import { policyService } from '../../../utils/services';

import { policyQuery as query } from '../contract';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async current(ctx: Context) {
    const { locale, version } = parse(query, ctx.query);
    const view = await policyService(strapi).publicView(locale, version);
    if (!view) {
      throw version === undefined
        ? fail(404, 'NOT_FOUND', 'No privacy policy is in effect yet')
        : fail(404, 'NOT_FOUND', `There is no published version ${version} of the privacy policy`);
    }
    ctx.body = { data: view };
  },
});
