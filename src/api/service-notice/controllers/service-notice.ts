import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse } from '../../../../plugins/privacy-guard/server/src';
import { clinicService } from '../../../utils/services';
import type serviceNotice from '../services/service-notice';
import { unsubscribeToken } from '../unsubscribe-token';
import { FORM_FIELD, sendUnsubscribePage } from '../unsubscribe-page';

import { pageQuery, tokenParams } from '../contract';

const documentParams = z.object({ id: z.string().regex(/^[a-z0-9]{10,40}$/, 'is not a notice id') }).loose();

/** Unsubscribe links (public) and the staff's preview, send and progress (admin, see admin-routes.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service('api::service-notice.service-notice') as unknown as ReturnType<typeof serviceNotice>;

  return {
    /**
     * The link in the mail: a page with the choice and a button, changing nothing (mail scanners
     * open links). A token this server did not seal gets a page saying so, with 404.
     */
    async unsubscribePage(ctx: Context) {
      const { locale } = parse(pageQuery, ctx.query);
      const link = unsubscribeToken.read(strapi, String(ctx.params.token ?? ''));
      const clinic = await clinicService(strapi).settings();
      sendUnsubscribePage(ctx, link ? 'choice' : 'invalid', locale ?? link?.locale ?? clinic.defaultLocale, clinic.name);
    },

    /**
     * The page's form (its `confirm` field) withdraws the consent and answers the done page; any
     * other POST is the RFC 8058 one-click a mail client sends (`List-Unsubscribe=One-Click`),
     * answered in JSON.
     */
    async unsubscribe(ctx: Context) {
      const body = (ctx.request as { body?: unknown }).body as Record<string, unknown> | undefined;
      if (body?.[FORM_FIELD] === 'yes') {
        const { locale } = parse(pageQuery, ctx.query);
        const token = String(ctx.params.token ?? '');
        const link = unsubscribeToken.read(strapi, token);
        const clinic = await clinicService(strapi).settings();
        if (link) await service().unsubscribe(token, ctx.request.ip);
        sendUnsubscribePage(ctx, link ? 'done' : 'invalid', locale ?? link?.locale ?? clinic.defaultLocale, clinic.name);
        return;
      }
      const { token } = parse(tokenParams, ctx.params);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await service().unsubscribe(token, ctx.request.ip) };
    },

    async list(ctx: Context) {
      ctx.body = { data: await service().list() };
    },

    async preview(ctx: Context) {
      const { id } = parse(documentParams, ctx.params);
      ctx.body = { data: await service().preview(id) };
    },

    async send(ctx: Context) {
      const { id } = parse(documentParams, ctx.params);
      const staff = (ctx.state as { user?: { id?: number } }).user?.id;
      ctx.status = 202;
      ctx.body = { data: await service().send(id, `admin:${staff ?? 'unknown'}`) };
    },

    async progress(ctx: Context) {
      const { id } = parse(documentParams, ctx.params);
      ctx.body = { data: await service().progress(id) };
    },
  };
};
