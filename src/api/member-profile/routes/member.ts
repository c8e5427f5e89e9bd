/** The member's own information ("Modify Member Information"): a member JWT, checked by the service. */
const member = { auth: false as const, middlewares: ['global::rate-limit'] };

export default {
  routes: [
    { method: 'GET', path: '/members/me', handler: 'member.me', config: { auth: false as const } },
    { method: 'PUT', path: '/members/me', handler: 'member.update', config: member },
  ],
};
