import path from 'node:path';
import send from 'koa-send';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

const PREFIX = '/widget/';
/** Vite names shared chunks `chunks/<name>-<hash>.js`: safe to cache for a year. */
const HASHED = /-[A-Za-z0-9_-]{8,}\.(js|css|map)$/;

/**
 * Serves the built widget package (`widget/dist`) at `/widget/…`: the entry files under
 * stable names with a short cache lifetime, hashed chunks immutable for a year.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const root = path.join(strapi.dirs.app.root, 'widget', 'dist');
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(PREFIX)) return next();
    let file = ctx.path.slice(PREFIX.length);
    if (file === '' || file.endsWith('/')) file += 'index.html';
    if (file === 'demo') return ctx.redirect(`${PREFIX}demo/`);
    try {
      await send(ctx, file, {
        root,
        gzip: true,
        immutable: HASHED.test(file),
        maxage: HASHED.test(file) ? 365 * 24 * 3600 * 1000 : 300 * 1000,
        setHeaders(res: import('node:http').ServerResponse) {
          res.setHeader('Access-Control-Allow-Origin', '*');
          res.setHeader('Vary', 'Accept-Encoding');
          res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        },
      });
    } catch (error) {
      if ((error as { status?: number }).status === 404) return next();
      throw error;
    }
  };
};
