export default {
  routes: [
    {
      method: 'GET',
      path: '/privacy-policy',
      handler: 'policy-version.current',
      config: { auth: false },
    },
  ],
};
