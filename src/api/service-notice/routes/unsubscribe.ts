/** The one-click unsubscribe link of notice mails: GET from the link in the text, POST from a mail client (RFC 8058). */
const publicWrite = { auth: false as const, middlewares: ['global::rate-limit'] };

export default {
  routes: [
    { method: 'GET', path: '/notices/unsubscribe/:token', handler: 'service-notice.unsubscribePage', config: publicWrite },
    { method: 'POST', path: '/notices/unsubscribe/:token', handler: 'service-notice.unsubscribe', config: publicWrite },
  ],
};
