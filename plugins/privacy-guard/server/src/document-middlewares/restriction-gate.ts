import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { routeOf } from '../utils/route';
import { isRestrictable } from '../services/restriction';
import type { DocumentContext, DocumentMiddleware } from './types';

const CM_PREFIX = '/content-manager/';

/** Whether this Document Service call serves a staff member's Content Manager request. */
function isContentManagerRequest(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get() as Context | undefined;
  if (!ctx || !(ctx.state as { user?: unknown } | undefined)?.user) return false;
  return Boolean(routeOf(strapi, ctx)?.startsWith(CM_PREFIX));
}

/**
 * Rule 5 in the admin panel: a record restricted by a pending correction is not edited through
 * the Content Manager (`403 RESTRICTED`) until staff resolve the correction, which applies the
 * corrected value itself. The person's own routes ask the same service.
 */
export const restrictionGate = (strapi: Core.Strapi): DocumentMiddleware => {
  return async (context: DocumentContext, next) => {
    const documentId = context.params?.documentId;
    if (context.action !== 'update' || typeof documentId !== 'string' || !isRestrictable(strapi, context.uid)) return next();
    if (isContentManagerRequest(strapi)) await getService(strapi, 'restriction').assertWritable(context.uid, { documentId });
    return next();
  };
};
