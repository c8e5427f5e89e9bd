import type { Core } from '@strapi/strapi';

/**
 * Scheduled work. Each task is safe to start on every instance: it takes a lease in the
 * database first, so one instance does the work. Add tasks beside the existing ones.
 */
export default {
  /** Retention sweep (privacy-guard): hourly by default, `RETENTION_SWEEP_CRON` to change. */
  privacyRetentionSweep: {
    task: async ({ strapi }: { strapi: Core.Strapi }) => {
      try {
        const result = (await strapi.plugin('privacy-guard').service('retention').run({ performedBy: 'retention-sweep' })) as { ran: boolean; counts?: unknown };
        if (result.ran) strapi.log.info(`privacy-guard: retention sweep done ${JSON.stringify(result.counts)}`);
      } catch (error) {
        strapi.log.error(`privacy-guard: retention sweep failed (${(error as Error).name})`);
      }
    },
    options: { rule: process.env.RETENTION_SWEEP_CRON || '0 7 * * * *' },
  },
  /** Advance notices (policy changes, new provisions; once per person) and the 10-day deadline flags (privacy-guard); hourly. */
  privacyNotices: {
    task: async ({ strapi }: { strapi: Core.Strapi }) => {
      try {
        const notices = strapi.plugin('privacy-guard').service('notices') as {
          announcePolicy(): Promise<{ queued: number }>;
          announceProvisions(): Promise<{ queued: number }>;
        };
        const policy = await notices.announcePolicy();
        const provisions = await notices.announceProvisions();
        await (strapi.plugin('privacy-guard').service('deadlines') as { flagOverdue(): Promise<unknown> }).flagOverdue();
        if (policy.queued + provisions.queued > 0) {
          strapi.log.info(`privacy-guard: queued ${policy.queued} policy and ${provisions.queued} provision notice(s)`);
        }
      } catch (error) {
        strapi.log.error(`privacy-guard: notices failed (${(error as Error).name})`);
      }
    },
    options: { rule: process.env.PRIVACY_NOTICES_CRON || '0 17 * * * *' },
  },
  /** Daily: the signed heads of the consent ledger and the access log appended to the anchor file kept outside the database (privacy-guard). */
  privacyAnchors: {
    task: async ({ strapi }: { strapi: Core.Strapi }) => {
      try {
        await (strapi.plugin('privacy-guard').service('anchors') as { write(): Promise<unknown> }).write();
      } catch (error) {
        strapi.log.error(`privacy-guard: writing the chain anchors failed (${(error as Error).name})`);
      }
    },
    options: { rule: process.env.PRIVACY_ANCHOR_CRON || '0 30 3 * * *' },
  },
  /** Idempotency records older than their 24 hours are deleted (they hold a booking's first answer); hourly. */
  idempotencySweep: {
    task: async ({ strapi }: { strapi: Core.Strapi }) => {
      try {
        const removed = await (strapi.service('api::idempotency-record.idempotency') as { sweepExpired(): Promise<number> }).sweepExpired();
        if (removed > 0) strapi.log.info(`idempotency: ${removed} expired record(s) deleted`);
      } catch (error) {
        strapi.log.error(`idempotency: sweep failed (${(error as Error).name})`);
      }
    },
    options: { rule: process.env.IDEMPOTENCY_SWEEP_CRON || '0 27 * * * *' },
  },
};
