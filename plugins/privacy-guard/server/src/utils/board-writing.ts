import type { Core } from '@strapi/strapi';
import { declarations } from '../declarations';

type Row = Record<string, unknown>;

/** What a person wrote on the bulletin board, whatever its state, for their my-data export. */
export async function boardWritingOf(strapi: Core.Strapi, subjectId: string) {
  const declared = declarations(strapi);
  if (!declared.has('board-post') || !declared.has('board-comment')) return { posts: [], comments: [] };
  const BOARD_POST = declared.uid('board-post') as never;
  const BOARD_COMMENT = declared.uid('board-comment') as never;
  const [posts, comments] = await Promise.all([
    strapi.db.query(BOARD_POST).findMany({ where: { subjectId }, orderBy: { createdAt: 'asc' } }) as Promise<Row[]>,
    strapi.db
      .query(BOARD_COMMENT)
      .findMany({ where: { subjectId }, orderBy: { createdAt: 'asc' }, populate: { post: { select: ['documentId'] } } }) as Promise<Row[]>,
  ]);
  return {
    posts: posts.map((p) => ({
      id: p.documentId,
      title: p.title,
      body: p.body,
      category: p.category,
      displayName: p.displayName,
      status: p.state,
      answer: p.answer ?? null,
      createdAt: p.createdAt,
    })),
    comments: comments.map((c) => ({
      id: c.documentId,
      postId: (c.post as Row | null)?.documentId ?? null,
      body: c.body,
      displayName: c.displayName,
      status: c.state,
      createdAt: c.createdAt,
    })),
  };
}
