import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parse } from '../../../../plugins/privacy-guard/server/src';
import type board from '../services/board';

import { commentBody, idParams as id, listQuery, postBody } from '../contract';

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
