import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** Path segments that carry secrets (manage tokens, unsubscribe tokens, calendar feed tokens) are never written to logs. */
const SECRET_SEGMENT = /\/(manage|unsubscribe|guardian|feeds)\/+[^/?]+/gi;

/**
 * Replaces Strapi's request logger: logs method, path without query string or tokens,
 * status and time, so no personal data (emails in queries, tokens in paths) reaches the log.
 * A request that reached a route is logged by the route's declared path (`/api/booking/manage/:token`),
 * whatever its spelling; anything else by its path with the secret segments cut out.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      const safePath = typeof route === 'string' ? route : ctx.path.replace(SECRET_SEGMENT, '/$1/[redacted]');
      strapi.log.http(`${ctx.method} ${safePath} (${ms.toFixed(0)} ms) ${ctx.status}`);
    }
  };
};
