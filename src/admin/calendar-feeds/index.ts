import { Link } from '@strapi/icons';
import type { AdminApp } from '../admin-app';
import { PERMISSIONS } from '../../../plugins/privacy-guard/admin/src/permissions';


/**
 * The Calendar feeds page: practitioners' private feed URLs, created (the URL shown once) and
 * revoked. The link shows for the privacy officer and the front desk; the server decides whose
 * feeds each may touch (every practitioner's, or those the staff member manages).
 */
export function registerCalendarFeeds(app: AdminApp) {
  app.addMenuLink({
    to: 'calendar-feeds',
    icon: Link,
    intlLabel: { id: 'clinic.calendar-feeds.menu', defaultMessage: 'Calendar feeds' },
    permissions: [...PERMISSIONS.calendarFeeds, ...PERMISSIONS.frontDesk],
    Component: () => import('./CalendarFeedsPage'),
  });
}
