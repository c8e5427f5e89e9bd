import type { Core } from '@strapi/strapi';
import { registerCronTasks } from './cron';
import { registerDocumentMiddlewares } from './document-middlewares';
import { ACTIONS } from './permissions';
import { getService } from './utils';
import { firstFormatRetiredByOperator } from './services/keys';

/**
 * Values written before sealing was bound to its place (`enc1`) are sealed again once per
 * database, at the first start of this version (the same rewrite as `npm run keys:rotate`);
 * once that is recorded, no such value opens in a personal field any more. With
 * `PRIVACY_FIRST_FORMAT=retired` nothing is read in the first format whatever the database says:
 * first-format values in a store without its record are a database writer's doing (or a restored
 * old backup), and the log says so.
 */
async function migrateEnvelopes(strapi: Core.Strapi) {
  const keys = getService(strapi, 'keys');
  // Read first: a wrong value stops every start, a migrated database's too.
  const retiredByOperator = firstFormatRetiredByOperator();
  if (await keys.recordedInStore()) return;
  const unbound = await keys.hasUnboundValues();
  if (unbound && retiredByOperator) {
    // Left unrecorded, and told at every start: an old backup restored on purpose is migrated by
    // one start without PRIVACY_FIRST_FORMAT.
    strapi.log.warn(
      'privacy-guard: first-format values in a database that does not record its envelope migration, while PRIVACY_FIRST_FORMAT=retired: they stay unread and are not sealed again (pasted in, or an old backup restored; see docs/deploy.md)',
    );
    return;
  }
  if (unbound) {
    const { rotated } = await keys.rotate({ batchSize: 500 });
    const count = Object.values(rotated).reduce((a, b) => a + b, 0);
    strapi.log.info(`privacy-guard: ${count} stored values sealed again, each for its place; set PRIVACY_FIRST_FORMAT=retired now`);
  }
  await keys.retireFirstFormat();
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  registerDocumentMiddlewares(strapi);
  await migrateEnvelopes(strapi);
  // The hash chains are not keyed here: a start cannot tell a chain of the first format from a
  // database writer's rewrite of one, and would bless the rewrite (see anchors' migrate).
  registerCronTasks(strapi);
};
