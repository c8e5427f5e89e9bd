import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { tableOf } from './tables';

export const LEDGER_UID = 'plugin::privacy-guard.consent-entry';

/** The consent ledger's reads outside the chain's own mechanics (utils/hash-chain.ts appends and verifies). */
export const ledgerRepository = (strapi: Core.Strapi) => {
  const table = () => tableOf(strapi, LEDGER_UID);
  return {
    table,
    /** One subject's rows, oldest first, as stored. */
    rowsOf: (trx: Knex | Knex.Transaction, subjectId: string) => trx(table()).where('subject_id', subjectId).orderBy('seq', 'asc') as Promise<Array<Record<string, unknown>>>,

    /** The latest consent withdrawals, newest first. */
    withdrawals: (limit: number) =>
      strapi.db
        .connection(table())
        .select('subject_id', 'item_key', 'channel', 'actor', 'occurred_at')
        .where('action', 'withdrawn')
        .orderBy('seq', 'desc')
        .limit(limit) as unknown as Promise<Array<{ subject_id: string; item_key: string; channel: string; actor: string; occurred_at: string | Date }>>,

    /** How many subjects granted something under a policy version (on one channel, or any). */
    async consentedTo(version: number, channel?: string): Promise<number> {
      const q = strapi.db.connection(table()).countDistinct({ n: 'subject_id' }).where({ policy_version: version, action: 'granted' });
      const [row] = (await (channel ? q.andWhere({ channel }) : q)) as Array<{ n: number | string }>;
      return Number(row.n);
    },

    /** Every decision since a time, in ledger order. */
    since: (at: Date) =>
      strapi.db.connection(table()).select('item_key', 'subject_id', 'action').where('occurred_at', '>=', at).orderBy('seq', 'asc') as unknown as Promise<
        Array<{ item_key: string; subject_id: string; action: string }>
      >,
  };
};
