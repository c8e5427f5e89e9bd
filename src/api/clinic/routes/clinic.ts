export default {
  routes: [
    {
      method: 'GET',
      path: '/clinic',
      handler: 'clinic.find',
      config: { auth: false },
    },
  ],
};
