import type { Core } from '@strapi/strapi';
import { ROLE_CODES } from './roles';

/**
 * Demo staff, one per clinic role, to try the admin as each. Made-up people with published
 * passwords: created only in development or when the operator asks for demo data, and never
 * when NODE_ENV is production. An existing account is left as it is.
 */
export const DEMO_STAFF = [
  {
    email: 'editor@demo.dodream.example',
    password: 'Demo-Editor-2026!',
    firstname: 'Seoyeon',
    lastname: 'Editor',
    role: ROLE_CODES.editor,
  },
  {
    email: 'frontdesk@demo.dodream.example',
    password: 'Demo-FrontDesk-2026!',
    firstname: 'Minho',
    lastname: 'Desk',
    role: ROLE_CODES.frontDesk,
  },
  {
    email: 'officer@demo.dodream.example',
    password: 'Demo-Officer-2026!',
    firstname: 'Jiwoo',
    lastname: 'Officer',
    role: ROLE_CODES.privacyOfficer,
  },
] as const;

export const wantsDemoStaff = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.NODE_ENV !== 'production' && (env.NODE_ENV === 'development' || env.SEED_DEMO_STAFF === 'true');

export async function ensureDemoStaff(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) {
  if (!wantsDemoStaff(env)) return;
  const users = strapi.service('admin::user');
  for (const { role: code, ...account } of DEMO_STAFF) {
    if (await users.findOneByEmail(account.email)) continue;
    const role = await strapi.service('admin::role').findOne({ code });
    if (!role) continue;
    await users.create({ ...account, isActive: true, registrationToken: null, roles: [role.id] });
    strapi.log.info(`Created the demo ${code} account ${account.email}.`);
  }
}
