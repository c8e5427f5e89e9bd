import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parse } from '../../../../plugins/privacy-guard/server/src';
import { limitMail } from '../../../middlewares/rate-limit';
import type consultation from '../services/consultation';

import { consultationBody as body } from '../contract';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const input = parse(body, (ctx.request as { body?: unknown }).body);
    // The receipt is mailed to the address given: no open relay under the clinic's name.
    await limitMail(strapi, ctx, input.email);
    const service = strapi.service('api::consultation.consultation') as unknown as ReturnType<typeof consultation>;
    ctx.status = 201;
    ctx.body = { data: await service.ask(input, ctx.request.ip) };
  },
});
