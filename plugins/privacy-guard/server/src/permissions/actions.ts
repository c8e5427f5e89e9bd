/**
 * The plugin's own admin RBAC actions (`plugin::privacy-guard.<uid>`). The privacy officer's role
 * gets all of them but `front-desk` is also the front desk's; the super admin gets all of them
 * from Strapi. Routes check them with `admin::hasPermissions`, menu links with `permissions`.
 * Constants only: the admin panel builds its checks from this same list (admin/src/permissions.ts).
 */
export const ACTION_UIDS = {
  read: 'read',
  requests: 'requests.manage',
  retention: 'retention.run',
  accessLog: 'access-log.read',
  accessLogExport: 'access-log.export',
  settings: 'settings.read',
  frontDesk: 'front-desk',
  notices: 'notices.send',
  calendarFeeds: 'calendar-feeds.manage',
} as const;
