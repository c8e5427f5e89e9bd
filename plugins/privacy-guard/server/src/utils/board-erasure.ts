import type { Core } from '@strapi/strapi';
import type { PrivacyGuardConfig } from '../config';
import type { Destruction } from '../services/erasure';
import { declarations } from '../declarations';

/** What replaces the author of a post or comment kept for the thread's sake. */
export const WITHDRAWN_MEMBER = 'withdrawn member';

type Row = { id: number; subjectId: string | null };

/**
 * A member's board writing when they withdraw or are expelled, by the retention setting
 * `boardOnErasure`:
 * - `delete`: their posts (with every comment on them) and their comments are deleted;
 * - `keep-answered-threads` (default): a post staff answered or someone else commented on stays
 *   readable with its author, account link and display name replaced by "withdrawn member",
 *   as do their comments on threads that stay; their other posts are deleted.
 * Runs inside the erasure's transaction, before the member account goes; returns log lines.
 */
export async function eraseBoardWriting(
  strapi: Core.Strapi,
  subjectId: string,
  userId: number | null | undefined,
  rule: string,
): Promise<Destruction[]> {
  const declared = declarations(strapi);
  if (!declared.has('board-post') || !declared.has('board-comment')) return [];
  const BOARD_POST = declared.uid('board-post') as never;
  const BOARD_COMMENT = declared.uid('board-comment') as never;
  const mode = (strapi.config.get('plugin::privacy-guard') as PrivacyGuardConfig).boardOnErasure ?? 'keep-answered-threads';
  const ofMember = { $or: [{ subjectId }, ...(userId ? [{ author: { id: userId } }] : [])] };
  const ofOthers = { $or: [{ subjectId: { $null: true } }, { subjectId: { $ne: subjectId } }] };
  const posts = (await strapi.db.query(BOARD_POST).findMany({ where: ofMember, select: ['id', 'subjectId', 'answer'] })) as Array<
    Row & { answer: string | null }
  >;
  const comments = (await strapi.db
    .query(BOARD_COMMENT)
    .findMany({ where: ofMember, select: ['id', 'subjectId'], populate: { post: { select: ['id'] } } })) as Array<
    Row & { post: { id: number } | null }
  >;

  const keptPosts: number[] = [];
  const deletedPosts: number[] = [];
  for (const post of posts) {
    const othersWrote =
      mode === 'keep-answered-threads' &&
      (Boolean(post.answer) || (await strapi.db.query(BOARD_COMMENT).count({ where: { post: { id: post.id }, ...ofOthers } })) > 0);
    (othersWrote ? keptPosts : deletedPosts).push(post.id);
  }
  const ownPostIds = new Set(posts.map((p) => p.id));
  const keptComments: number[] = [];
  const deletedComments: number[] = [];
  for (const comment of comments) {
    const onKeptThread =
      comment.post && (keptPosts.includes(comment.post.id) || (!ownPostIds.has(comment.post.id) && mode === 'keep-answered-threads'));
    (onKeptThread ? keptComments : deletedComments).push(comment.id);
  }

  // Others' comments on deleted posts go with the post; they are not this member's data, so not counted as theirs.
  const othersOnDeleted = deletedPosts.length
    ? (
        (await strapi.db
          .query(BOARD_COMMENT)
          .findMany({ where: { post: { id: { $in: deletedPosts } }, ...ofOthers }, select: ['id'] })) as Row[]
      ).map((c) => c.id)
    : [];
  for (const id of [...deletedComments, ...othersOnDeleted]) await strapi.db.query(BOARD_COMMENT).delete({ where: { id } });
  for (const id of deletedPosts) await strapi.db.query(BOARD_POST).delete({ where: { id } });
  const anonymous = { author: null, subjectId: null, displayName: WITHDRAWN_MEMBER };
  for (const id of keptComments) await strapi.db.query(BOARD_COMMENT).update({ where: { id }, data: anonymous });
  for (const id of keptPosts) await strapi.db.query(BOARD_POST).update({ where: { id }, data: anonymous });

  const line = (category: string, contentType: string, count: number): Destruction => ({ rule, category, contentType, subjectId, count });
  return [
    line('board-post', BOARD_POST, deletedPosts.length),
    line('board-post-author', BOARD_POST, keptPosts.length),
    line('board-comment', BOARD_COMMENT, deletedComments.length),
    line('board-comment-author', BOARD_COMMENT, keptComments.length),
    line('board-comment-on-deleted-post', BOARD_COMMENT, othersOnDeleted.length),
  ].filter((l) => l.count > 0);
}
