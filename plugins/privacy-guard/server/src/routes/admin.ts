/** Admin routes, mounted at `/privacy-guard/...` and open to logged-in admins only. */
export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/ledger/verify',
      handler: 'ledger.verify',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    ...[
      ['GET', '/retention/preview', 'retention.preview'],
      ['POST', '/retention/run', 'retention.run'],
      ['GET', '/destruction-log', 'retention.destructionLog'],
      ['GET', '/corrections', 'retention.corrections'],
      ['POST', '/corrections/:id/resolve', 'retention.resolveCorrection'],
      ['POST', '/complaints/:id/resolve', 'retention.resolveComplaint'],
      ['POST', '/members/:id/expel', 'retention.expel'],
      ['GET', '/access-log', 'access-log.list'],
      ['GET', '/access-log/verify', 'access-log.verify'],
      ['GET', '/overdue', 'retention.overdue'],
    ].map(([method, path, handler]) => ({ method, path, handler, config: { policies: ['admin::isAuthenticatedAdmin'] } })),
  ],
};
