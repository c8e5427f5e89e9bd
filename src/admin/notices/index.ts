import { Mail } from '@strapi/icons';
import type { AdminApp } from '../admin-app';
import { PERMISSIONS } from '../../../plugins/privacy-guard/admin/src/permissions';


/**
 * The Service notices page: pick a notice composed in the Content Manager, see how many members it
 * would reach now, send it, and follow its progress. Its routes and its menu link need the
 * privacy-guard action `notices.send` (the privacy officer and the super admin).
 */
export function registerNotices(app: AdminApp) {
  app.addMenuLink({
    to: 'service-notices',
    icon: Mail,
    intlLabel: { id: 'clinic.service-notices.menu', defaultMessage: 'Service notices' },
    permissions: PERMISSIONS.notices,
    Component: () => import('./NoticesPage'),
  });
}
