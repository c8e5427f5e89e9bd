export default {
  routes: [
    {
      method: 'GET',
      path: '/consent-items',
      handler: 'consent-item.find',
      config: { auth: false },
    },
  ],
};
