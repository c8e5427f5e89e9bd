import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => [
  'global::request-log',
  'strapi::errors',
  'global::database-errors',
  {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    },
  },
  {
    name: 'strapi::cors',
    config: {
      origin: corsOrigins(env),
      headers: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Manage-Token', 'X-Privacy-Session', 'Accept-Language'],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  'global::body-errors',
  {
    name: 'strapi::body',
    config: { jsonLimit: '256kb', formLimit: '256kb', textLimit: '256kb' },
  },
  'global::body-read',
  'global::login-guard',
  'strapi::session',
  'strapi::favicon',
  'global::widget-assets',
  'global::privacy-page',
  'global::fhir-bulk-publish',
  'strapi::public',
];

/** The API answers browsers only from the sites the operator allows, plus the server's own origin. */
function corsOrigins(env: Core.Config.Shared.ConfigParams['env']): string[] {
  const port = env('PORT', '1337');
  const own = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const publicUrl = env('PUBLIC_URL', '');
  const allowed = env('WIDGET_ALLOWED_ORIGINS', '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return [...new Set([...own, ...(publicUrl ? [new URL(publicUrl).origin] : []), ...allowed])];
}
