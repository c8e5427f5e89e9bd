import { actionId, type ActionKey } from '../permissions';

/** Admin routes, mounted at `/privacy-guard/...`, each guarded by one of the plugin's RBAC actions. */
const ROUTES: Array<[method: string, path: string, handler: string, action: ActionKey]> = [
  ['GET', '/overview', 'dashboard.overview', 'read'],
  ['POST', '/outbox/:id/resend', 'dashboard.resendMail', 'requests'],
  ['GET', '/ledger/verify', 'ledger.verify', 'read'],
  ['GET', '/policy/versions', 'dashboard.policyVersions', 'read'],
  ['GET', '/policy/diff', 'dashboard.policyDiff', 'read'],
  ['GET', '/third-parties', 'dashboard.thirdParties', 'read'],
  ['GET', '/overdue', 'retention.overdue', 'requests'],
  ['GET', '/corrections', 'retention.corrections', 'requests'],
  ['POST', '/corrections/:id/resolve', 'retention.resolveCorrection', 'requests'],
  ['GET', '/complaints', 'requests.complaints', 'requests'],
  ['POST', '/complaints/:id/resolve', 'retention.resolveComplaint', 'requests'],
  ['GET', '/requests/history', 'requests.history', 'requests'],
  ['POST', '/members/:id/expel', 'retention.expel', 'requests'],
  ['GET', '/retention/rules', 'dashboard.retentionRules', 'retention'],
  ['GET', '/retention/preview', 'retention.preview', 'retention'],
  ['POST', '/retention/run', 'retention.run', 'retention'],
  ['GET', '/destruction-log', 'retention.destructionLog', 'retention'],
  ['GET', '/access-log', 'access-log.list', 'accessLog'],
  ['GET', '/access-log/verify', 'access-log.verify', 'accessLog'],
  ['GET', '/access-log/reviews', 'access-log.reviews', 'accessLog'],
  ['POST', '/access-log/reviews', 'access-log.review', 'accessLog'],
  ['GET', '/access-log/export', 'access-log.export', 'accessLogExport'],
  ['GET', '/settings', 'dashboard.settings', 'settings'],
  ['GET', '/front-desk/day', 'front-desk.day', 'frontDesk'],
  ['GET', '/front-desk/reservations/:id', 'front-desk.open', 'frontDesk'],
  ['POST', '/front-desk/reservations/:id/state', 'front-desk.mark', 'frontDesk'],
];

export default {
  type: 'admin',
  routes: ROUTES.map(([method, path, handler, action]) => ({
    method,
    path,
    handler,
    config: {
      policies: ['admin::isAuthenticatedAdmin', { name: 'plugin::privacy-guard.has-permission', config: { action: actionId(action) } }],
    },
  })),
};
