import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { truncateAddress } from '../utils/client-address';

export const CONNECTION_LOG_UID = 'plugin::privacy-guard.connection-entry';
export type ConnectionResult = 'success' | 'failure' | 'unverified';

/**
 * The connection log the policy names among what membership collects: each log-in attempt (when,
 * the client's truncated address, the result) of a member, under the pseudonymous subject of the
 * address typed, and each failed staff log-in. Kept 3 months (`connectionLogDays`, the retention
 * rule `connection-log`), shown in the member's `my-data`, destroyed with the member. Lockouts,
 * the security events, go to the hash-chained access log.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(input: {
    channel?: 'member' | 'admin';
    subjectId?: string | null;
    staffId?: number | null;
    result: ConnectionResult;
    clientAddress?: string | null;
  }): Promise<void> {
    await strapi.db.query(CONNECTION_LOG_UID).create({
      data: {
        channel: input.channel ?? 'member',
        subjectId: input.subjectId ?? null,
        staffId: input.staffId ?? null,
        result: input.result,
        clientAddress: truncateAddress(input.clientAddress),
        occurredAt: getService(strapi, 'clock').now(),
      },
    });
  },

  /** A subject's log-ins, newest first. */
  async of(subjectId: string): Promise<Array<{ at: string; result: ConnectionResult; clientAddress: string | null }>> {
    const rows = (await strapi.db.query(CONNECTION_LOG_UID).findMany({ where: { subjectId, channel: 'member' }, orderBy: { occurredAt: 'desc' } })) as Array<{
      occurredAt: string | Date;
      result: ConnectionResult;
      clientAddress: string | null;
    }>;
    return rows.map((r) => ({ at: new Date(r.occurredAt).toISOString(), result: r.result, clientAddress: r.clientAddress }));
  },
});
