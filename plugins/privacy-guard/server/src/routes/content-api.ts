/**
 * Public routes. A plugin's content-API routes are mounted at `/api/<plugin-name>` by default;
 * the public contract wants `/api/privacy/...`, so this router sets its own prefix.
 */
export default {
  type: 'content-api',
  prefix: '/privacy',
  routes: [
    {
      method: 'POST',
      path: '/cookie-consents',
      handler: 'cookie-consent.create',
      config: { auth: false },
    },
    { method: 'POST', path: '/verify', handler: 'privacy-session.verify', config: { auth: false, middlewares: ['global::rate-limit'] } },
    { method: 'POST', path: '/session', handler: 'privacy-session.open', config: { auth: false, middlewares: ['global::rate-limit'] } },
    { method: 'GET', path: '/session', handler: 'privacy-session.show', config: { auth: false } },
    { method: 'DELETE', path: '/session', handler: 'privacy-session.revoke', config: { auth: false } },
    { method: 'GET', path: '/my-data', handler: 'rights.myData', config: { auth: false } },
    { method: 'GET', path: '/consents', handler: 'rights.consents', config: { auth: false } },
    { method: 'POST', path: '/consents', handler: 'rights.changeConsents', config: { auth: false, middlewares: ['global::rate-limit'] } },
    { method: 'GET', path: '/withdrawal', handler: 'rights.withdrawalPreview', config: { auth: false } },
    { method: 'POST', path: '/corrections', handler: 'rights.correction', config: { auth: false, middlewares: ['global::rate-limit'] } },
    { method: 'POST', path: '/withdrawal', handler: 'rights.withdrawal', config: { auth: false, middlewares: ['global::rate-limit'] } },
    { method: 'POST', path: '/complaints', handler: 'rights.complaint', config: { auth: false, middlewares: ['global::rate-limit'] } },
  ],
};
