/**
 * The unsubscribe link of notice mails: GET shows the choice (changes nothing), POST does it, from
 * the page's form or from a mail client's one-click (RFC 8058).
 */
const publicWrite = { auth: false as const, middlewares: ['global::rate-limit'] };

export default {
  routes: [
    { method: 'GET', path: '/notices/unsubscribe/:token', handler: 'service-notice.unsubscribePage', config: publicWrite },
    { method: 'POST', path: '/notices/unsubscribe/:token', handler: 'service-notice.unsubscribe', config: publicWrite },
  ],
};
