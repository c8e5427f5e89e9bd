export default {
  routes: [
    {
      method: 'GET',
      path: '/booking/services',
      handler: 'booking.services',
      config: { auth: false },
    },
  ],
};
