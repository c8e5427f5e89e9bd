import type { Core } from '@strapi/strapi';
import { BOARD_COMMENT, BOARD_POST } from './board-erasure';

type Row = Record<string, unknown>;

/** What a person wrote on the bulletin board, whatever its state, for their my-data export. */
export async function boardWritingOf(strapi: Core.Strapi, subjectId: string) {
  if (!strapi.contentTypes[BOARD_POST as never]) return { posts: [], comments: [] };
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
