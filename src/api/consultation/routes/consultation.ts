export default {
  routes: [
    {
      method: 'POST',
      path: '/consultations',
      handler: 'consultation.create',
      config: { auth: false, middlewares: ['global::rate-limit'] },
    },
  ],
};
