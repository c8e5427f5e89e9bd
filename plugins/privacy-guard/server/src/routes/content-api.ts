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
    { method: 'GET', path: '/my-data', handler: 'rights.myData', config: { auth: false } },
    { method: 'POST', path: '/corrections', handler: 'rights.correction', config: { auth: false, middlewares: ['global::rate-limit'] } },
    { method: 'POST', path: '/withdrawal', handler: 'rights.withdrawal', config: { auth: false, middlewares: ['global::rate-limit'] } },
    { method: 'POST', path: '/complaints', handler: 'rights.complaint', config: { auth: false, middlewares: ['global::rate-limit'] } },
  ],
};
