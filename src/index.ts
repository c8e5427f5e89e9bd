import type { Core } from '@strapi/strapi';
import { seedDemoData } from '../database/seed';
import { ensureLocales } from '../database/seed/locales';
import { ensureFirstAdmin } from '../database/seed/admin';
import { ensureRoles } from '../database/seed/roles';

export default {
  register(_: { strapi: Core.Strapi }) {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await ensureRoles(strapi);
    await ensureFirstAdmin(strapi);
    if (process.env.SEED_DEMO_DATA !== 'false') await seedDemoData(strapi);
  },
};
