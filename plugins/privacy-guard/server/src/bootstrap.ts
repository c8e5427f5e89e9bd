import type { Core } from '@strapi/strapi';
import { registerCronTasks } from './cron';
import { registerDocumentMiddlewares } from './document-middlewares';
import { ACTIONS } from './permissions';
import { getService } from './utils';

/**
 * Values written before sealing was bound to its place (`enc1`) are sealed again once per
 * database, at the first start of this version (the same rewrite as `npm run keys:rotate`);
 * once that is recorded, no such value opens in a personal field any more.
 */
async function migrateEnvelopes(strapi: Core.Strapi) {
  const keys = getService(strapi, 'keys');
  if (await keys.firstFormatRetired()) return;
  if (await keys.hasUnboundValues()) {
    const { rotated } = await keys.rotate({ batchSize: 500 });
    const count = Object.values(rotated).reduce((a, b) => a + b, 0);
    strapi.log.info(`privacy-guard: ${count} stored values sealed again, each for its place`);
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
