/** The plugin's RBAC actions as the admin checks them (the server registers them in its bootstrap). */
const action = (uid: string) => [{ action: `plugin::privacy-guard.${uid}`, subject: null }];

export const PERMISSIONS = {
  read: action('read'),
  requests: action('requests.manage'),
  retention: action('retention.run'),
  accessLog: action('access-log.read'),
  accessLogExport: action('access-log.export'),
  settings: action('settings.read'),
  frontDesk: action('front-desk'),
};
