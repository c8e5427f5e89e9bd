import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

interface Layer {
  path: string | RegExp;
  methods: string[];
}
interface Router {
  match(path: string, method: string): { pathAndMethod: Layer[]; route: boolean };
}

/**
 * The declared path of the route Strapi's router matched for this request (`/content-manager/
 * collection-types/:model`, `/admin/login`), or null when no route matches. Guards compare this,
 * never `ctx.path`: the router matches case-insensitively and with a trailing slash, so a string
 * comparison on the path is skipped by `/ADMIN/login` or `/Content-Manager/…`. Inside a route the
 * router's own answer (`ctx._matchedRoute`) is used; before routing (a global middleware) the
 * same router is asked the same question, so the answer is the route the request will reach.
 */
export function routeOf(strapi: Core.Strapi, ctx: Context): string | null {
  const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
  if (typeof matched === 'string') return matched;
  const router = (strapi.server as unknown as { router?: Router }).router;
  if (!router) return null;
  const { pathAndMethod, route } = router.match(ctx.path, ctx.method);
  if (!route) return null;
  // The router runs the matched layers in order; the first one with methods is the route that answers.
  const layer = pathAndMethod.find((l) => l.methods.length > 0);
  return typeof layer?.path === 'string' ? layer.path : null;
}
