import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { getService } from '../utils';
import { staffRoleOf } from '../utils/staff';
import type { AccessAction } from '../services/access-log';
import { declarations, type RecordKind } from '../declarations';

type Row = Record<string, unknown>;

/**
 * What a route says about its access to personal data; the access-log middleware writes the
 * row from it. `contentType` is whose data the route touches: the record named by the route's
 * `:id` is looked up there for its subject. `reason` describes the access from the request and
 * the answer (never a personal value).
 */
export interface AccessDeclaration {
  action: AccessAction;
  /** A content type by uid (the plugin's own), or by the record kind an app type declares (`reservation`, `outbox` …). */
  contentType?: string | { record: RecordKind };
  reason?: string | ((ctx: Context) => string);
}

const dataOf = (ctx: Context): unknown => (ctx.body as { data?: unknown } | undefined)?.data;

/** Entries in an answer: a list, or the list a page object holds (`reservations`). */
export function countOf(data: unknown, key?: string): number {
  const list = key ? (data as Row | undefined)?.[key] : data;
  return Array.isArray(list) ? list.length : 0;
}

/** The subject of the record the route names, read before the handler runs (a deletion leaves nothing to read after). */
async function subjectOf(strapi: Core.Strapi, contentType: string | undefined, id: unknown): Promise<string | null> {
  if (!contentType || typeof id !== 'string') return null;
  const model = strapi.getModel(contentType as never) as { attributes?: Record<string, unknown> } | undefined;
  if (!model?.attributes?.subjectId) return null;
  const row = (await strapi.db.query(contentType as never).findOne({ where: { documentId: id }, select: ['subjectId'] })) as Row | null;
  return (row?.subjectId as string | null | undefined) ?? null;
}

/**
 * Attached to routes, not called by controllers: after a staff member's request to a route
 * that declares access to personal data succeeds, one row goes to the chained access log
 * (staff, role, action, content type, record, pseudonymous subject, truncated address). The
 * route table (routes/admin.ts) declares it per route, so a new route gets logging by declaring it.
 */
export default (config: AccessDeclaration, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    const contentType = typeof config.contentType === 'object' ? declarations(strapi).uid(config.contentType.record) : config.contentType;
    const id = (ctx.params as Row | undefined)?.id;
    const subjectBefore = await subjectOf(strapi, contentType, id);
    await next();
    if (ctx.status >= 400) return;
    const user = (ctx.state as { user?: { id?: number; roles?: Array<{ code?: string }> } }).user;
    const answered = dataOf(ctx) as Row | undefined;
    const subjectId = subjectBefore ?? (typeof answered?.subjectId === 'string' ? answered.subjectId : null);
    await getService(strapi, 'access-log').record({
      staffId: user?.id ?? null,
      staffRole: staffRoleOf(user),
      action: config.action,
      contentType,
      targetDocumentId: id === undefined ? undefined : String(id),
      subjectId,
      reason: typeof config.reason === 'function' ? config.reason(ctx) : config.reason,
      clientAddress: ctx.request.ip,
    });
  };
