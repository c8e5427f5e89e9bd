import type { Context, Next } from 'koa';

/**
 * Marks that Strapi's body parser has finished (see body-errors.ts), and gives a body of an
 * unsupported content type the same shape as an empty one, so every route refuses it through
 * its own validation instead of tripping over `undefined`.
 */
export default () => {
  return async (ctx: Context, next: Next) => {
    ctx.state.bodyRead = true;
    const request = ctx.request as Context['request'] & { body?: unknown };
    if (request.body === undefined && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method)) request.body = {};
    await next();
  };
};
