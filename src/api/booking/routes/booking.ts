/** Public booking routes; every write is rate limited per client address. */
const publicRead = { auth: false as const };
const publicWrite = { auth: false as const, middlewares: ['global::rate-limit'] };

export default {
  routes: [
    { method: 'GET', path: '/booking/services', handler: 'booking.services', config: publicRead },
    { method: 'GET', path: '/booking/slots', handler: 'booking.slots', config: publicRead },
    { method: 'POST', path: '/booking/reservations', handler: 'booking.reserve', config: publicWrite },
    { method: 'GET', path: '/booking/manage/:token', handler: 'booking.manage', config: publicRead },
    { method: 'POST', path: '/booking/manage/:token/cancel', handler: 'booking.cancel', config: publicWrite },
    { method: 'POST', path: '/booking/manage/:token/reschedule', handler: 'booking.reschedule', config: publicWrite },
    { method: 'POST', path: '/booking/manage/:token/guardian-confirm', handler: 'booking.guardianConfirm', config: publicWrite },
    { method: 'POST', path: '/booking/manage/:token/guardian-code', handler: 'booking.guardianResend', config: publicWrite },
  ],
};
