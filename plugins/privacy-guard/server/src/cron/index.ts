import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

type Task = (context: { strapi: Core.Strapi }) => Promise<void>;

/**
 * The plugin's scheduled work. Each task is safe to start on every instance: it takes a lease in
 * the database first (or writes once per key), so one instance does the work.
 */
export const cronTasks = (env: NodeJS.ProcessEnv): Record<string, { task: Task; options: { rule: string } }> => ({
  /** Retention sweep: hourly by default, `RETENTION_SWEEP_CRON` to change. */
  privacyRetentionSweep: {
    task: async ({ strapi }) => {
      try {
        const result = await getService(strapi, 'retention').run({ performedBy: 'retention-sweep' });
        if (result.ran) strapi.log.info(`privacy-guard: retention sweep done ${JSON.stringify(result.counts)}`);
      } catch (error) {
        strapi.log.error(`privacy-guard: retention sweep failed (${(error as Error).name})`);
      }
    },
    options: { rule: env.RETENTION_SWEEP_CRON || '0 7 * * * *' },
  },
  /** Advance notices (policy changes, new provisions; once per person) and the 10-day deadline flags; hourly. */
  privacyNotices: {
    task: async ({ strapi }) => {
      try {
        const notices = getService(strapi, 'notices');
        const policy = await notices.announcePolicy();
        const provisions = await notices.announceProvisions();
        await getService(strapi, 'deadlines').flagOverdue();
        if (policy.queued + provisions.queued > 0) {
          strapi.log.info(`privacy-guard: queued ${policy.queued} policy and ${provisions.queued} provision notice(s)`);
        }
      } catch (error) {
        strapi.log.error(`privacy-guard: notices failed (${(error as Error).name})`);
      }
    },
    options: { rule: env.PRIVACY_NOTICES_CRON || '0 17 * * * *' },
  },
  /** Daily: the signed heads of the consent ledger and the access log appended to the anchor file kept outside the database. */
  privacyAnchors: {
    task: async ({ strapi }) => {
      try {
        await getService(strapi, 'anchors').write();
      } catch (error) {
        strapi.log.error(`privacy-guard: writing the chain anchors failed (${(error as Error).name})`);
      }
    },
    options: { rule: env.PRIVACY_ANCHOR_CRON || '0 30 3 * * *' },
  },
});

/**
 * Adds the plugin's tasks to Strapi's cron when the app's scheduled work is on (`server.cron.enabled`,
 * `CRON_ENABLED` in config/server.ts): the same switch that starts the app's own tasks.
 */
export function registerCronTasks(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!strapi.config.get('server.cron.enabled', true)) return false;
  strapi.cron.add(cronTasks(env));
  return true;
}
