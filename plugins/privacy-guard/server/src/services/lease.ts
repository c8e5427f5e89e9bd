import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { leasesRepository } from '../repositories';

/**
 * Named leases in the database, so that scheduled work runs once across instances. A lease is
 * taken by one conditional UPDATE (free, expired, or already ours), which only one claimant
 * can win on SQLite and PostgreSQL alike; it expires by itself when its holder dies.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const leases = leasesRepository(strapi);
  const now = () => getService(strapi, 'clock').now();

  const known = new Set<string>();

  async function ensureRow(name: string) {
    if (known.has(name)) return;
    await leases.ensure(name);
    known.add(name);
  }

  return {
    /** A holder id for this process and this run. */
    newHolder: (): string => `${os.hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`,

    /** Takes (or extends) the lease for `seconds`; false when another live holder has it. */
    async claim(name: string, holder: string, seconds: number): Promise<boolean> {
      await ensureRow(name);
      const at = now();
      return leases.claim(name, holder, at, new Date(at.getTime() + seconds * 1000));
    },

    /** Gives the lease back and notes the run's result (counts only). */
    async release(name: string, holder: string, result?: unknown) {
      await leases.release(name, holder, now(), result === undefined ? null : JSON.stringify(result));
    },
  };
};
