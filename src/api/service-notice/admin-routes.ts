import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type Action = 'list' | 'preview' | 'send' | 'progress';

/**
 * Staff routes of the Service notices page, at `/clinic-notices/...` with an admin JWT. An app
 * API's routers are always content-API routes in Strapi 5, so these are added to the admin API
 * here; only roles with the privacy-guard action `notices.send` pass (the privacy officer and the super admin) (the audience is personal data, and
 * sending is a use of the marketing consent).
 */
export function registerNoticeAdminRoutes(strapi: Core.Strapi) {
  const action = (name: Action) => (ctx: Context) =>
    (strapi.controller('api::service-notice.service-notice') as unknown as Record<Action, (ctx: Context) => Promise<void>>)[name](ctx);
  const config = {
    policies: ['admin::isAuthenticatedAdmin', { name: 'plugin::privacy-guard.has-permission', config: { action: 'plugin::privacy-guard.notices.send' } }],
  };
  strapi.server.routes({
    type: 'admin',
    prefix: '/clinic-notices',
    routes: [
      { method: 'GET', path: '/', handler: action('list'), config },
      { method: 'GET', path: '/:id/preview', handler: action('preview'), config },
      { method: 'POST', path: '/:id/send', handler: action('send'), config },
      { method: 'GET', path: '/:id/progress', handler: action('progress'), config },
    ],
  } as never);
}
