import type { Core } from '@strapi/strapi';

/**
 * Scheduled work. Each task is safe to start on every instance: it takes a lease in the
 * database first, so one instance does the work. Add tasks beside the existing ones.
 * The privacy-guard plugin registers its own (retention sweep, notices, anchors) in its bootstrap.
 */
export default {
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
