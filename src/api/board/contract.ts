import { localeSchema } from '../../../plugins/privacy-guard/server/src';
import type { Operation } from '../../../plugins/privacy-guard/server/src';
import { z } from 'zod';
import { data } from '../../openapi/shapes';
import { PAGE_SIZE_MAX } from './services/board';

const CATEGORIES = ['general', 'review', 'question'] as const;
export const idParams = z.object({ id: z.string().regex(/^[a-z0-9]{10,40}$/, 'is not a post id') }).loose();
export const listQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(10000).default(1),
    pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(10),
    category: z.enum(CATEGORIES).optional(),
    locale: localeSchema.optional(),
  })
  .strict();
const displayName = z.string().trim().min(1).max(40).describe('Shown instead of the member’s name (a default when absent).');
export const postBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(10000),
    category: z.enum(CATEGORIES).optional(),
    displayName: displayName.optional(),
  })
  .strict();
export const commentBody = z.object({ body: z.string().trim().min(1).max(5000), displayName: displayName.optional() }).strict();

const timestamp = z.string().describe('ISO 8601, UTC');
const Post = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    category: z.enum(CATEGORIES),
    displayName: z.string(),
    createdAt: timestamp,
    answer: z.object({ body: z.string(), answeredAt: timestamp }).nullable(),
  })
  .meta({ id: 'BoardPost' });
const Comment = z.object({ id: z.string(), body: z.string(), displayName: z.string(), createdAt: timestamp }).meta({ id: 'BoardComment' });
const pending = z.object({ id: z.string(), state: z.literal('pending'), createdAt: timestamp });

const memberOnly = ['memberJwt' as const];
const writeErrors = {
  400: ['VALIDATION' as const],
  401: ['UNAUTHENTICATED' as const, 'EMAIL_UNVERIFIED' as const],
  403: ['RESTRICTED' as const],
  422: ['CONSENT_REQUIRED' as const, 'POLICY_OUTDATED' as const, 'PERSONAL_DATA_IN_POST' as const, 'RRN_REFUSED' as const],
};

export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/board/posts',
    operationId: 'listBoardPosts',
    tag: 'board',
    summary: 'Published posts, newest first',
    query: listQuery,
    responses: {
      200: {
        description: 'One page of posts',
        schema: z.object({
          data: z.array(Post.extend({ commentCount: z.number().int() })),
          meta: z.object({
            pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }),
          }),
        }),
      },
    },
    errors: { 400: ['VALIDATION'] },
  },
  {
    method: 'get',
    path: '/api/board/posts/{id}',
    operationId: 'getBoardPost',
    tag: 'board',
    summary: 'A published post with its published comments',
    params: idParams,
    responses: { 200: { description: 'The post', schema: data(Post.extend({ comments: z.array(Comment) })) } },
    errors: { 400: ['VALIDATION'], 404: ['NOT_FOUND'] },
  },
  {
    method: 'post',
    path: '/api/board/posts',
    operationId: 'createBoardPost',
    tag: 'board',
    summary: 'Write a post (a member with the board consent); staff publish it',
    body: postBody,
    credentials: memberOnly,
    responses: { 201: { description: 'Waiting for staff', schema: data(pending) } },
    errors: writeErrors,
    rateLimited: true,
  },
  {
    method: 'post',
    path: '/api/board/posts/{id}/comments',
    operationId: 'createBoardComment',
    tag: 'board',
    summary: 'Comment on a published post',
    params: idParams,
    body: commentBody,
    credentials: memberOnly,
    responses: { 201: { description: 'Waiting for staff', schema: data(pending.extend({ postId: z.string() })) } },
    errors: { ...writeErrors, 404: ['NOT_FOUND'] },
    rateLimited: true,
  },
  {
    method: 'delete',
    path: '/api/board/posts/{id}',
    operationId: 'deleteBoardPost',
    tag: 'board',
    summary: 'Delete one’s own post, with every comment on it, for good',
    params: idParams,
    credentials: memberOnly,
    responses: { 200: { description: 'Deleted', schema: data(z.object({ id: z.string(), deleted: z.literal(true), deletedAt: timestamp })) } },
    errors: { 400: ['VALIDATION'], 401: ['UNAUTHENTICATED', 'EMAIL_UNVERIFIED'], 403: ['NOT_ALLOWED'], 404: ['NOT_FOUND'] },
    rateLimited: true,
  },
  {
    method: 'delete',
    path: '/api/board/comments/{id}',
    operationId: 'deleteBoardComment',
    tag: 'board',
    summary: 'Delete one’s own comment',
    params: idParams,
    credentials: memberOnly,
    responses: { 200: { description: 'Deleted', schema: data(z.object({ id: z.string(), deleted: z.literal(true) })) } },
    errors: { 400: ['VALIDATION'], 401: ['UNAUTHENTICATED', 'EMAIL_UNVERIFIED'], 403: ['NOT_ALLOWED'], 404: ['NOT_FOUND'] },
    rateLimited: true,
  },
];
