import type { Core } from '@strapi/strapi';
import { ROLE_CODES } from './roles';

/**
 * Demo staff, one per clinic role, to try the admin as each. Made-up people whose passwords are
 * generated on the first start into `.env` (`scripts/ensure-env.mjs`, the variable named beside
 * each) and printed once in the start banner: no password is written in the code or the docs.
 * Created only in development or when the operator asks for demo data, never when NODE_ENV is
 * production, and never without its password variable. An existing demo account keeps its
 * role and names, but its password follows `.env` (an install from before kept the password
 * that was once published).
 */
export const DEMO_STAFF = [
  {
    email: 'editor@demo.dodream.example',
    passwordVariable: 'DEMO_EDITOR_PASSWORD',
    firstname: 'Seoyeon',
    lastname: 'Editor',
    role: ROLE_CODES.editor,
  },
  {
    email: 'frontdesk@demo.dodream.example',
    passwordVariable: 'DEMO_FRONT_DESK_PASSWORD',
    firstname: 'Minho',
    lastname: 'Desk',
    role: ROLE_CODES.frontDesk,
  },
  {
    email: 'officer@demo.dodream.example',
    passwordVariable: 'DEMO_OFFICER_PASSWORD',
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
  for (const { role: code, passwordVariable, ...account } of DEMO_STAFF) {
    const password = env[passwordVariable];
    if (!password) {
      strapi.log.warn(`The demo ${code} account is not created: ${passwordVariable} is not set (npm start generates it into .env).`);
      continue;
    }
    const existing = (await strapi.db.query('admin::user').findOne({ where: { email: account.email }, select: ['id', 'password'] })) as
      | { id: number; password: string | null }
      | null;
    if (existing) {
      const auth = strapi.service('admin::auth') as { validatePassword(password: string, hash: string): Promise<boolean> };
      if (!existing.password || !(await auth.validatePassword(password, existing.password))) {
        await users.updateById(existing.id, { password });
        strapi.log.info(`The demo ${code} account's password now follows ${passwordVariable}.`);
      }
      continue;
    }
    const role = await strapi.service('admin::role').findOne({ code });
    if (!role) continue;
    await users.create({ ...account, password, isActive: true, registrationToken: null, roles: [role.id] });
    strapi.log.info(`Created the demo ${code} account ${account.email}.`);
  }
}
