import { ACTION_UIDS } from '../../server/src/permissions/actions';

/** The plugin's RBAC actions as the admin checks them: the server's list (it registers them in its bootstrap). */
const action = (key: keyof typeof ACTION_UIDS) => [{ action: `plugin::privacy-guard.${ACTION_UIDS[key]}`, subject: null }];

export const PERMISSIONS = {
  read: action('read'),
  requests: action('requests'),
  retention: action('retention'),
  accessLog: action('accessLog'),
  accessLogExport: action('accessLogExport'),
  settings: action('settings'),
  frontDesk: action('frontDesk'),
  notices: action('notices'),
  calendarFeeds: action('calendarFeeds'),
};
