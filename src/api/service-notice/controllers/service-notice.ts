import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse } from '../../../utils/validate';
import { localeSchema } from '../../../utils/locale';
import type serviceNotice from '../services/service-notice';

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,600}$/, 'is not an unsubscribe token') }).loose();
const documentParams = z.object({ id: z.string().regex(/^[a-z0-9]{10,40}$/, 'is not a notice id') }).loose();
const pageQuery = z.object({ locale: localeSchema.optional() }).loose();

const page = {
  en: {
    title: 'Unsubscribed',
    text: 'You will receive no more notices of new services. You can agree to them again at any time when you log in.',
  },
  ko: {
    title: '수신 거부 완료',
    text: '더 이상 신규 서비스 안내를 보내 드리지 않습니다. 로그인하시면 언제든지 다시 동의하실 수 있습니다.',
  },
};

/** Unsubscribe links (public) and the staff's preview, send and progress (admin, see admin-routes.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service('api::service-notice.service-notice') as unknown as ReturnType<typeof serviceNotice>;

  return {
    /** The link in the mail: one click withdraws the consent and says so in a small page. */
    async unsubscribePage(ctx: Context) {
      const { token } = parse(tokenParams, ctx.params);
      const { locale } = parse(pageQuery, ctx.query);
      await service().unsubscribe(token, ctx.request.ip);
      const text = page[locale ?? 'en'];
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = `<!doctype html><html lang="${locale ?? 'en'}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${text.title}</title><main><h1>${text.title}</h1><p>${text.text}</p></main></html>`;
    },

    /** RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the same address. */
    async unsubscribe(ctx: Context) {
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
