/** Admin routes, mounted at `/privacy-guard/...`: the privacy officer's and the super admin's only. */
const officerOnly = { policies: ['admin::isAuthenticatedAdmin', 'plugin::privacy-guard.is-privacy-officer'] };

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/ledger/verify',
      handler: 'ledger.verify',
      config: officerOnly,
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
    ].map(([method, path, handler]) => ({ method, path, handler, config: officerOnly })),
  ],
};
