import type { Core } from '@strapi/strapi';
import { fail, notFound, type Locale } from '../../../../plugins/privacy-guard/server/src';
import { refusePersonalData } from '../../../utils/personal-data';
import { privacyGuard } from '../../../utils/privacy-guard';

export const POST = 'api::board.board-post';
export const COMMENT = 'api::board.board-comment';
/** The consent item a member gives (at registration or a later login) to write on the board. */
export const BOARD_ITEM = 'board_posting';
export const PAGE_SIZE_MAX = 50;

export interface Member {
  subjectId: string;
  userId: number;
  locale: Locale;
}

export interface PostInput {
  title: string;
  body: string;
  category?: 'general' | 'review' | 'question';
  displayName?: string;
}

type Doc = Record<string, unknown> & { documentId: string; id: number };
const docs = (strapi: Core.Strapi, uid: string) =>
  strapi.documents(uid as never) as unknown as {
    findMany(p: Record<string, unknown>): Promise<Doc[]>;
    findFirst(p: Record<string, unknown>): Promise<Doc | null>;
    count(p: Record<string, unknown>): Promise<number>;
    create(p: Record<string, unknown>): Promise<Doc>;
    delete(p: Record<string, unknown>): Promise<unknown>;
  };

const defaultName = (locale: Locale) => (locale === 'ko' ? '회원' : 'Member');

/** What the public sees of a post: never the author's account, email or phone. */
const publicPost = (post: Doc) => ({
  id: post.documentId,
  title: post.title,
  body: post.body,
  category: post.category,
  displayName: post.displayName,
  createdAt: post.createdAt,
  answer: post.answer ? { body: post.answer, answeredAt: post.answeredAt ?? post.updatedAt } : null,
});
const publicComment = (comment: Doc) => ({
  id: comment.documentId,
  body: comment.body,
  displayName: comment.displayName,
  createdAt: comment.createdAt,
});

/**
 * The bulletin board: the public reads published posts; a member with the board consent writes
 * posts and comments, which wait for staff to publish them; text that looks like a phone number,
 * an e-mail address or a resident registration number is refused before anything is stored.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rights = () => privacyGuard(strapi).service('rights');

  /** The member behind `Authorization: Bearer` (deleting one's own writing needs nothing more). */
  async function member(authorization: string | undefined): Promise<Member> {
    if (!authorization) throw fail(401, 'UNAUTHENTICATED', 'Log in as a member to write on the board');
    const caller = await rights().identify({ authorization });
    if (caller.via !== 'member' || !caller.userId) throw fail(401, 'UNAUTHENTICATED', 'Log in as a member to write on the board');
    return { subjectId: caller.subjectId, userId: caller.userId, locale: caller.locale };
  }

  /** A member allowed to write: the board consent standing, the policy consents current, not restricted. */
  async function writer(authorization: string | undefined): Promise<Member> {
    const who = await member(authorization);
    const consent = privacyGuard(strapi).service('consent');
    const scope = { scope: await consent.memberScope(who.userId) };
    await consent.assertCurrent(who.subjectId, 'membership', scope);
    const state = await consent.state(who.subjectId, scope);
    if (!state[BOARD_ITEM]?.granted)
      throw fail(422, 'CONSENT_REQUIRED', 'Writing on the board needs the board consent', { keys: [BOARD_ITEM] });
    await privacyGuard(strapi).service('restriction').assertSubjectWritable(who.subjectId);
    return who;
  }

  async function publishedPost(documentId: string): Promise<Doc> {
    const post = await docs(strapi, POST).findFirst({ filters: { documentId, state: 'published' } });
    if (!post) throw notFound('No published post with this id');
    return post;
  }

  return {
    member,
    writer,

    async list(query: { page: number; pageSize: number; category?: string }) {
      const filters = { state: 'published', ...(query.category ? { category: query.category } : {}) };
      const [posts, total] = await Promise.all([
        docs(strapi, POST).findMany({
          filters,
          sort: ['createdAt:desc', 'id:desc'],
          limit: query.pageSize,
          start: (query.page - 1) * query.pageSize,
        }),
        docs(strapi, POST).count({ filters }),
      ]);
      // The published comments of the whole page in one query, counted per post.
      const comments = (await strapi.db.query(COMMENT).findMany({
        where: { state: 'published', post: { id: { $in: posts.map((p) => p.id) } } },
        select: ['id'],
        populate: { post: { select: ['id'] } },
      })) as Array<{ post: { id: number } | null }>;
      const counts = new Map<number, number>();
      for (const c of comments) if (c.post) counts.set(c.post.id, (counts.get(c.post.id) ?? 0) + 1);
      return {
        data: posts.map((p) => ({ ...publicPost(p), commentCount: counts.get(p.id as number) ?? 0 })),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    async findOne(documentId: string) {
      const post = await publishedPost(documentId);
      const comments = await docs(strapi, COMMENT).findMany({
        filters: { post: { documentId }, state: 'published' },
        sort: ['createdAt:asc', 'id:asc'],
      });
      return { ...publicPost(post), comments: comments.map(publicComment) };
    },

    async createPost(member: Member, input: PostInput) {
      refusePersonalData({ title: input.title, body: input.body, displayName: input.displayName });
      const post = await docs(strapi, POST).create({
        data: {
          title: input.title,
          body: input.body,
          category: input.category ?? 'general',
          displayName: input.displayName ?? defaultName(member.locale),
          state: 'pending',
          author: member.userId,
          subjectId: member.subjectId,
        },
      });
      return { id: post.documentId, state: 'pending' as const, createdAt: post.createdAt };
    },

    async createComment(member: Member, postId: string, input: { body: string; displayName?: string }) {
      refusePersonalData({ body: input.body, displayName: input.displayName });
      const post = await publishedPost(postId);
      const comment = await docs(strapi, COMMENT).create({
        data: {
          body: input.body,
          displayName: input.displayName ?? defaultName(member.locale),
          state: 'pending',
          post: post.id,
          author: member.userId,
          subjectId: member.subjectId,
        },
      });
      return { id: comment.documentId, postId, state: 'pending' as const, createdAt: comment.createdAt };
    },

    /** A member deletes their own post, with every comment on it, for good. */
    async deletePost(member: Member, documentId: string) {
      const post = await docs(strapi, POST).findFirst({ filters: { documentId } });
      if (!post) throw notFound('No post with this id');
      if (post.subjectId !== member.subjectId) throw fail(403, 'NOT_ALLOWED', 'You can delete only your own posts');
      await strapi.db.transaction(async () => {
        const comments = await docs(strapi, COMMENT).findMany({ filters: { post: { documentId } }, fields: ['documentId'] });
        for (const c of comments) await docs(strapi, COMMENT).delete({ documentId: c.documentId });
        await docs(strapi, POST).delete({ documentId });
      });
      return { id: documentId, deleted: true, deletedAt: privacyGuard(strapi).service('clock').now().toISOString() };
    },

    async deleteComment(member: Member, documentId: string) {
      const comment = await docs(strapi, COMMENT).findFirst({ filters: { documentId } });
      if (!comment) throw notFound('No comment with this id');
      if (comment.subjectId !== member.subjectId) throw fail(403, 'NOT_ALLOWED', 'You can delete only your own comments');
      await docs(strapi, COMMENT).delete({ documentId });
      return { id: documentId, deleted: true };
    },
  };
};
