import type { Core } from '@strapi/strapi';

/**
 * With ADMIN_EMAIL and ADMIN_PASSWORD set, that super admin exists after the first start;
 * otherwise Strapi's own first-admin screen asks for one.
 */
export async function ensureFirstAdmin(strapi: Core.Strapi) {
  const email = process.env.ADMIN_EMAIL?.trim().toLowerCase();
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;
  const users = strapi.service('admin::user');
  if (await users.exists()) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) return;
  await users.create({
    email,
    firstname: 'Clinic',
    lastname: 'Administrator',
    password,
    registrationToken: null,
    isActive: true,
    roles: [superAdmin.id],
  });
  strapi.log.info('Created the first admin from ADMIN_EMAIL.');
}
