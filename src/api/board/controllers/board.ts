import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse, localeSchema } from '../../../../plugins/privacy-guard/server/src';
import { PAGE_SIZE_MAX } from '../services/board';
import type board from '../services/board';

const id = z.object({ id: z.string().regex(/^[a-z0-9]{10,40}$/, 'is not a post id') }).loose();
const listQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(10),
    category: z.enum(['general', 'review', 'question']).optional(),
    locale: localeSchema.optional(),
  })
  .strict();
const displayName = z.string().trim().min(1).max(40);
const postBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(10000),
    category: z.enum(['general', 'review', 'question']).optional(),
    displayName: displayName.optional(),
  })
  .strict();
const commentBody = z.object({ body: z.string().trim().min(1).max(5000), displayName: displayName.optional() }).strict();

const body = (ctx: Context) => (ctx.request as { body?: unknown }).body;

/** `/api/board/...`: thin handlers; the rules live in the board service. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service('api::board.board') as unknown as ReturnType<typeof board>;
  const writer = (ctx: Context) => service().writer(ctx.get('Authorization') || undefined);

  return {
    async list(ctx: Context) {
      ctx.body = await service().list(parse(listQuery, ctx.query));
    },

    async findOne(ctx: Context) {
      const { id: documentId } = parse(id, ctx.params);
      ctx.body = { data: await service().findOne(documentId) };
    },

    async createPost(ctx: Context) {
      const input = parse(postBody, body(ctx));
      const member = await writer(ctx);
      ctx.status = 201;
      ctx.body = { data: await service().createPost(member, input) };
    },

    async createComment(ctx: Context) {
      const { id: postId } = parse(id, ctx.params);
      const input = parse(commentBody, body(ctx));
      const member = await writer(ctx);
      ctx.status = 201;
      ctx.body = { data: await service().createComment(member, postId, input) };
    },

    async deletePost(ctx: Context) {
      const { id: documentId } = parse(id, ctx.params);
      const member = await service().member(ctx.get('Authorization') || undefined);
      ctx.body = { data: await service().deletePost(member, documentId) };
    },

    async deleteComment(ctx: Context) {
      const { id: documentId } = parse(id, ctx.params);
      const member = await service().member(ctx.get('Authorization') || undefined);
      ctx.body = { data: await service().deleteComment(member, documentId) };
    },
  };
};
