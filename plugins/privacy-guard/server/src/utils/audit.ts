import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '.';
import { staffRoleOf } from './staff';
import type { AccessRecord } from '../services/access-log';

/** Records a staff member's access through the plugin's admin routes in the access log. */
export const auditOf = (strapi: Core.Strapi) => (ctx: Context, entry: Omit<AccessRecord, 'staffId' | 'staffRole' | 'clientAddress'>) => {
  const user = (ctx.state as { user?: { id?: number } }).user;
  return getService(strapi, 'access-log').record({
    ...entry,
    staffId: user?.id ?? null,
    staffRole: staffRoleOf(user),
    clientAddress: ctx.request.ip,
  });
};
