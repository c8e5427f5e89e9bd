import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

type Action = 'practitioners' | 'list' | 'create' | 'revoke';

/**
 * Staff routes of the Calendar feeds page, at `/clinic-calendar-feeds/...` with an admin JWT (an
 * app API's routers are always content-API routes in Strapi 5, so these are added to the admin API
 * here, like the Service notices'). Any logged-in admin reaches the controller, which lets through
 * whoever holds `plugin::privacy-guard.calendar-feeds.manage` (every practitioner) or is one of a
 * practitioner's `managers` (that practitioner's feeds only); anyone else gets 403 FORBIDDEN.
 */
export function registerCalendarFeedAdminRoutes(strapi: Core.Strapi) {
  const action = (name: Action) => (ctx: Context) =>
    (strapi.controller('api::calendar-feed.calendar-feed') as unknown as Record<Action, (ctx: Context) => Promise<void>>)[name](ctx);
  const config = { policies: ['admin::isAuthenticatedAdmin'] };
  strapi.server.routes({
    type: 'admin',
    prefix: '/clinic-calendar-feeds',
    routes: [
      { method: 'GET', path: '/', handler: action('list'), config },
      { method: 'GET', path: '/practitioners', handler: action('practitioners'), config },
      { method: 'POST', path: '/', handler: action('create'), config },
      { method: 'POST', path: '/:id/revoke', handler: action('revoke'), config },
    ],
  } as never);
}
