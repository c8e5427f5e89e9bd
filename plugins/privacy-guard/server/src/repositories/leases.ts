import type { Core } from '@strapi/strapi';
import { tableOf } from './tables';

export const LEASE_UID = 'plugin::privacy-guard.lease';

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || String(e.code ?? '').startsWith('SQLITE_CONSTRAINT') || /UNIQUE constraint failed/i.test(e.message ?? '');
};

/** The leases table: one row per named lease, taken by one conditional UPDATE. */
export const leasesRepository = (strapi: Core.Strapi) => {
  const leases = () => strapi.db.connection(tableOf(strapi, LEASE_UID));
  return {
    /** Makes sure the lease's row exists (two instances may race to insert it: the loser's insert is dropped). */
    async ensure(name: string): Promise<void> {
      if (await leases().where({ name }).first('id')) return;
      const at = new Date();
      try {
        await leases().insert({ document_id: `lease-${name}`, name, holder: null, expires_at: null, created_at: at, updated_at: at });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },

    /** Takes the lease if it is free, expired or already `holder`'s; whether it was won. */
    async claim(name: string, holder: string, at: Date, until: Date): Promise<boolean> {
      const won = await leases()
        .where({ name })
        .andWhere((q) => q.whereNull('holder').orWhere('holder', holder).orWhereNull('expires_at').orWhere('expires_at', '<', at))
        .update({ holder, expires_at: until, updated_at: new Date() });
      return won === 1;
    },

    async release(name: string, holder: string, at: Date, result: string | null): Promise<void> {
      await leases().where({ name, holder }).update({ holder: null, expires_at: null, last_run_at: at, last_result: result, updated_at: new Date() });
    },

    /** When the lease's work last ran, and what it noted. */
    lastRun: (name: string) =>
      leases().where({ name }).first('last_run_at', 'last_result') as Promise<{ last_run_at: string | Date | null; last_result: unknown } | undefined>,
  };
};
