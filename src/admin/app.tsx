import type { StrapiApp } from '@strapi/strapi/admin';
import { registerNotices } from './notices';
import { registerCalendarFeeds } from './calendar-feeds';

export default {
  config: {
    locales: ['ko'],
    // No call to GitHub for Strapi's release notes: the admin fetches nothing off the machine.
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    registerNotices(app);
    registerCalendarFeeds(app);
  },
};
