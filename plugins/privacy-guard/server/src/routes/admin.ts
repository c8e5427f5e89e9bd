import type { Context } from 'koa';
import { actionId, type ActionKey } from '../permissions';
import { countOf, type AccessDeclaration } from '../middlewares/access-log';
import { ACCESS_LOG_UID } from '../services/access-log';
import { CORRECTION, USER } from '../utils/uids';

const COMPLAINT = { record: 'complaint' as const };
const OUTBOX = { record: 'outbox' as const };
const RESERVATION = { record: 'reservation' as const };

export interface AdminRoute {
  method: 'GET' | 'POST';
  path: string;
  handler: string;
  /** The plugin's RBAC action that opens it. */
  action: ActionKey;
  /**
   * Its access to personal data, written to the access log by the route's middleware; `null`
   * only for a route whose answer holds no personal value (counts, pseudonymous ids, policy text).
   */
  access: AccessDeclaration | null;
}

const body = (ctx: Context) => ((ctx.request as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;
const answer = (ctx: Context) => (ctx.body as { data?: unknown } | undefined)?.data;

/** Admin routes, mounted at `/privacy-guard/...`, each guarded by one of the plugin's RBAC actions. */
export const ADMIN_ROUTES: AdminRoute[] = [
  { method: 'GET', path: '/overview', handler: 'dashboard.overview', action: 'read', access: null },
  {
    method: 'POST',
    path: '/outbox/:id/resend',
    handler: 'dashboard.resendMail',
    action: 'requests',
    access: { action: 'change', contentType: OUTBOX, reason: 'failed mail resent' },
  },
  { method: 'GET', path: '/ledger/verify', handler: 'ledger.verify', action: 'read', access: null },
  { method: 'GET', path: '/policy/versions', handler: 'dashboard.policyVersions', action: 'read', access: null },
  { method: 'GET', path: '/policy/diff', handler: 'dashboard.policyDiff', action: 'read', access: null },
  { method: 'GET', path: '/third-parties', handler: 'dashboard.thirdParties', action: 'read', access: null },
  { method: 'GET', path: '/overdue', handler: 'retention.overdue', action: 'requests', access: null },
  {
    method: 'GET',
    path: '/corrections',
    handler: 'corrections.list',
    action: 'requests',
    access: { action: 'list', contentType: CORRECTION, reason: (ctx) => `${countOf(answer(ctx))} corrections` },
  },
  {
    method: 'POST',
    path: '/corrections/:id/resolve',
    handler: 'corrections.resolve',
    action: 'requests',
    access: { action: 'change', contentType: CORRECTION, reason: (ctx) => `correction ${String(body(ctx).outcome)}` },
  },
  {
    method: 'GET',
    path: '/complaints',
    handler: 'requests.complaints',
    action: 'requests',
    access: { action: 'list', contentType: COMPLAINT, reason: (ctx) => `${countOf(answer(ctx))} complaints` },
  },
  {
    method: 'POST',
    path: '/complaints/:id/resolve',
    handler: 'complaints.resolve',
    action: 'requests',
    access: { action: 'change', contentType: COMPLAINT, reason: 'complaint resolved' },
  },
  { method: 'GET', path: '/requests/history', handler: 'requests.history', action: 'requests', access: null },
  {
    method: 'POST',
    path: '/members/:id/expel',
    handler: 'members.expel',
    action: 'requests',
    access: { action: 'delete', contentType: USER, reason: 'expulsion' },
  },
  { method: 'GET', path: '/retention/rules', handler: 'dashboard.retentionRules', action: 'retention', access: null },
  { method: 'GET', path: '/retention/preview', handler: 'retention.preview', action: 'retention', access: null },
  { method: 'POST', path: '/retention/run', handler: 'retention.run', action: 'retention', access: { action: 'delete', reason: 'retention sweep run now' } },
  { method: 'GET', path: '/destruction-log', handler: 'retention.destructionLog', action: 'retention', access: null },
  { method: 'GET', path: '/access-log', handler: 'access-log.list', action: 'accessLog', access: null },
  { method: 'GET', path: '/access-log/verify', handler: 'access-log.verify', action: 'accessLog', access: null },
  { method: 'GET', path: '/access-log/reviews', handler: 'access-log.reviews', action: 'accessLog', access: null },
  { method: 'POST', path: '/access-log/reviews', handler: 'access-log.review', action: 'accessLog', access: null },
  {
    method: 'GET',
    path: '/access-log/export',
    handler: 'access-log.export',
    action: 'accessLogExport',
    access: {
      action: 'export',
      contentType: ACCESS_LOG_UID,
      reason: (ctx) => `access log CSV, ${ctx.response.get('X-Total-Count') || 0} rows: ${String(ctx.query.reason ?? '')}`,
    },
  },
  { method: 'GET', path: '/settings', handler: 'dashboard.settings', action: 'settings', access: null },
  {
    method: 'GET',
    path: '/front-desk/day',
    handler: 'front-desk.day',
    action: 'frontDesk',
    access: {
      action: 'list',
      contentType: RESERVATION,
      reason: (ctx) => {
        const day = answer(ctx) as { date?: string } | undefined;
        return `front desk day ${day?.date ?? ''}: ${countOf(day, 'reservations')} entries, masked`;
      },
    },
  },
  { method: 'GET', path: '/front-desk/reservations/:id', handler: 'front-desk.open', action: 'frontDesk', access: { action: 'read', contentType: RESERVATION } },
  {
    method: 'POST',
    path: '/front-desk/reservations/:id/state',
    handler: 'front-desk.mark',
    action: 'frontDesk',
    access: { action: 'change', contentType: RESERVATION, reason: (ctx) => `marked ${String(body(ctx).state)}` },
  },
];

export default {
  type: 'admin',
  routes: ADMIN_ROUTES.map(({ method, path, handler, action, access }) => ({
    method,
    path,
    handler,
    config: {
      policies: ['admin::isAuthenticatedAdmin', { name: 'plugin::privacy-guard.has-permission', config: { action: actionId(action) } }],
      middlewares: access ? [{ name: 'plugin::privacy-guard.access-log', config: access }] : [],
    },
  })),
};
