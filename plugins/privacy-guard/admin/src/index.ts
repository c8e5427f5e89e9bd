import { Calendar, Shield } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { PERMISSIONS } from './permissions';
import { prefixed } from './translations/prefix';

interface AdminApp {
  registerPlugin(plugin: { id: string; name: string }): void;
  addMenuLink(link: Record<string, unknown>): void;
}

export default {
  register(app: AdminApp) {
    // Menu links are shown only to users holding the permission: an editor sees neither.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Shield,
      intlLabel: { id: `${PLUGIN_ID}.menu.privacy`, defaultMessage: 'Privacy' },
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/App'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-front-desk`,
      icon: Calendar,
      intlLabel: { id: `${PLUGIN_ID}.menu.front-desk`, defaultMessage: 'Front desk' },
      permissions: PERMISSIONS.frontDesk,
      Component: () => import('./pages/FrontDesk'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Privacy guard' });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixed(data as Record<string, string>), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
