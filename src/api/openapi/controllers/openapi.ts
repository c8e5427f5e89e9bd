import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type openapi from '../services/openapi';

/** `GET /api/openapi.json`: the public contract as OpenAPI 3.1 (the same document as docs/openapi.json). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async document(ctx: Context) {
    const service = strapi.service('api::openapi.openapi') as unknown as ReturnType<typeof openapi>;
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'application/json';
    ctx.body = service.document();
  },
});
