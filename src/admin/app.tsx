import type { StrapiApp } from '@strapi/strapi/admin';
import { registerNotices } from './notices';

export default {
  config: {
    locales: ['ko'],
  },
  register(app: StrapiApp) {
    registerNotices(app);
  },
};
