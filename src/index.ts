import type { Core } from '@strapi/strapi';
import { seedDemoData } from '../database/seed';
import { ensureLocales } from '../database/seed/locales';
import { ensureFirstAdmin } from '../database/seed/admin';
import { ensureRoles } from '../database/seed/roles';
import { manageService, outboxService } from './utils/services';
import { privacyGuard } from './utils/privacy-guard';
import { privacyHost } from './utils/privacy-host';
import { RESTRICTION_LIFTED } from '../plugins/privacy-guard/server/src';
import { ensureDemoStaff } from '../database/seed/staff';
import { closeLoginGuard } from './middlewares/login-guard';
import { freeCellsWhenEnded } from './api/reservation/free-cells-when-ended';
import { stampEndings } from './api/reservation/stamp-endings';
import { registerNoticeAdminRoutes } from './api/service-notice/admin-routes';
import { registerCalendarFeedAdminRoutes } from './api/calendar-feed/admin-routes';
import { useWriteAheadLog } from './utils/sqlite-journal';
import { settleDatabaseBeforeClosing } from './utils/settle-database';
import { bumpCatalogVersion } from './api/booking/catalog-version';
import { ensureMemberVerification } from './extensions/users-permissions/verification';
import { reviveGivenUpMail } from './api/outbox-message/revive';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    privacyGuard(strapi).service('host').provide(privacyHost(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await useWriteAheadLog(strapi);
    settleDatabaseBeforeClosing(strapi);
    // Before the seed: every catalogue write, the first ones too, moves the version the slot query's cache checks.
    strapi.db.lifecycles.subscribe(bumpCatalogVersion(strapi));
    await ensureLocales(strapi);
    await ensureRoles(strapi);
    await ensureMemberVerification(strapi);
    await ensureFirstAdmin(strapi);
    await ensureDemoStaff(strapi);
    // Demo data on the first start only (no clinic yet); `npm run seed` (SEED_DEMO_DATA=true) fills in what is missing.
    const seed = process.env.SEED_DEMO_DATA;
    if (seed === 'true' || (seed !== 'false' && !(await strapi.documents('api::clinic.clinic').findFirst({})))) await seedDemoData(strapi);
    strapi.documents.use(freeCellsWhenEnded(strapi) as never);
    strapi.documents.use(stampEndings(strapi) as never);
    // A reminder skipped while a correction restricted the data goes out once the restriction lifts, to the corrected address.
    strapi.eventHub.on(RESTRICTION_LIFTED, async ({ subjectId }: { subjectId: string }) => {
      try {
        await manageService(strapi).refreshReminders(subjectId);
      } catch (error) {
        strapi.log.error(`reminders: could not rebuild after a restriction lifted (${(error as Error).name})`);
      }
    });
    registerNoticeAdminRoutes(strapi);
    registerCalendarFeedAdminRoutes(strapi);
    await reviveGivenUpMail(strapi);
    if (process.env.OUTBOX_WORKER !== 'false') outboxService(strapi).start();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await outboxService(strapi).stop();
    await closeLoginGuard(strapi);
  },
};
