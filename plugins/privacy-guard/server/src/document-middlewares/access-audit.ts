import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { declarations, type DeclaredField } from '../declarations';
import { maskValue } from '../utils/mask';
import { routeOf } from '../utils/route';
import { staffRoleOf } from '../utils/staff';
import type { AccessAction } from '../services/access-log';
import type { DocumentContext, DocumentMiddleware } from './types';

type Row = Record<string, unknown>;

const ACTIONS: Record<string, AccessAction> = {
  findMany: 'list',
  findOne: 'read',
  findFirst: 'read',
  create: 'change',
  update: 'change',
  delete: 'delete',
};

const CM_PREFIX = '/content-manager/';
/** The Content Manager's list route, as declared (compared with the route the router matched, never with the path). */
const CM_LIST = '/content-manager/collection-types/:model';

interface AdminRequest {
  ctx: Context;
  route: string;
  user: { id?: number; roles?: Array<{ code?: string }> };
}

/** The request behind this Document Service call, when it is a staff member's Content Manager request. */
function adminRequest(strapi: Core.Strapi): AdminRequest | null {
  const ctx = strapi.requestContext.get() as Context | undefined;
  const state = ctx?.state as { user?: AdminRequest['user']; auth?: { strategy?: { name?: string } } } | undefined;
  if (!ctx || !state?.user) return null;
  // Logged here: the Content Manager's own calls. The plugin's routes record their accesses themselves.
  const route = routeOf(strapi, ctx);
  if (!route?.startsWith(CM_PREFIX)) return null;
  return { ctx, route, user: state.user };
}

const entriesOf = (result: unknown): Row[] => {
  if (Array.isArray(result)) return result as Row[];
  if (result && typeof result === 'object') {
    const r = result as Row;
    if (Array.isArray(r.entries)) return r.entries as Row[];
    return [r];
  }
  return [];
};

/**
 * Staff access through the Content Manager to personal data: each list, opening, change and
 * deletion is logged (staff, role, action, content type, document, pseudonymous subject,
 * truncated address — never the data). Lists are masked for every role, the super admin and the
 * privacy officer included; opening one record shows it and is the logged read.
 * The content types are those that declare `audited`; their declared personal fields are masked.
 * Registered before the encryption middleware, so it sees (and masks) decrypted values.
 */
export const accessAudit = (strapi: Core.Strapi): DocumentMiddleware => {
  const declared = declarations(strapi);
  return async (context: DocumentContext, next) => {
    const action = ACTIONS[context.action];
    if (!action || !declared.audited(context.uid)) return next();
    const request = adminRequest(strapi);
    if (!request) return next();
    const { ctx, route, user } = request;

    let subjectBefore: string | null = null;
    const documentId = typeof context.params?.documentId === 'string' ? (context.params.documentId as string) : null;
    if (action === 'delete' && documentId) {
      const row = (await strapi.db.query(context.uid as never).findOne({ where: { documentId }, select: ['subjectId'] })) as Row | null;
      subjectBefore = (row?.subjectId as string | null) ?? null;
    }

    const result = await next();
    const entries = entriesOf(result);
    const log = getService(strapi, 'access-log');
    const base = { staffId: user.id ?? null, staffRole: staffRoleOf(user), contentType: context.uid, clientAddress: ctx.request.ip };
    const seen = ((ctx.state as { privacyAccessLogged?: Set<string> }).privacyAccessLogged ??= new Set<string>());
    const once = (key: string) => (seen.has(key) ? false : (seen.add(key), true));

    if (action === 'list') {
      const isListRoute = ctx.method === 'GET' && route === CM_LIST;
      if (isListRoute && once(`list:${context.uid}`)) {
        await log.record({ ...base, action: 'list', reason: `${entries.length} entries, masked` });
      }
      // Only the list the staff member sees is masked: other calls in the request (hooks, guards) get real values.
      if (isListRoute && Array.isArray(result)) return result.map((entry) => maskEntry(declared.of(context.uid)?.fields ?? [], entry as Row));
      return result;
    }
    if (action === 'read') {
      for (const entry of entries) {
        const target = (entry.documentId as string | undefined) ?? documentId;
        if (!target || !once(`read:${context.uid}:${target}`)) continue;
        await log.record({ ...base, action: 'read', targetDocumentId: target, subjectId: (entry.subjectId as string | null) ?? null });
      }
      return result;
    }
    if (action === 'delete') {
      await log.record({ ...base, action: 'delete', targetDocumentId: documentId, subjectId: subjectBefore });
      return result;
    }
    const entry = entries[0];
    await log.record({
      ...base,
      action: 'change',
      targetDocumentId: (entry?.documentId as string | undefined) ?? documentId,
      subjectId: (entry?.subjectId as string | null | undefined) ?? null,
      reason: context.action,
    });
    return result;
  };
};

function maskEntry(fields: readonly DeclaredField[], entry: Row): Row {
  if (!entry || typeof entry !== 'object') return entry;
  const masked: Row = { ...entry };
  for (const { name, mask } of fields) {
    if (name in masked) masked[name] = maskValue(mask, masked[name]);
  }
  return masked;
}
