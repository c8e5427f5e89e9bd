import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { truncateAddress } from '../utils/client-address';

export const CONNECTION_LOG_UID = 'plugin::privacy-guard.connection-entry';
export type ConnectionResult = 'success' | 'failure' | 'unverified';

/**
 * The connection log the policy names among what membership collects: each member log-in attempt
 * (when, the client's truncated address, the result), under the pseudonymous subject of the address
 * typed. Kept 3 months (`connectionLogDays`, the retention rule `connection-log`), shown in the
 * member's `my-data`, destroyed with the member.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(input: { subjectId: string | null; result: ConnectionResult; clientAddress?: string | null }): Promise<void> {
    await strapi.db.query(CONNECTION_LOG_UID).create({
      data: { subjectId: input.subjectId, result: input.result, clientAddress: truncateAddress(input.clientAddress), occurredAt: getService(strapi, 'clock').now() },
    });
  },

  /** A subject's log-ins, newest first. */
  async of(subjectId: string): Promise<Array<{ at: string; result: ConnectionResult; clientAddress: string | null }>> {
    const rows = (await strapi.db.query(CONNECTION_LOG_UID).findMany({ where: { subjectId }, orderBy: { occurredAt: 'desc' } })) as Array<{
      occurredAt: string | Date;
      result: ConnectionResult;
      clientAddress: string | null;
    }>;
    return rows.map((r) => ({ at: new Date(r.occurredAt).toISOString(), result: r.result, clientAddress: r.clientAddress }));
  },
});
