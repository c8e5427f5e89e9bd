import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

const TABLE = 'privacy_leases';

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || String(e.code ?? '').startsWith('SQLITE_CONSTRAINT') || /UNIQUE constraint failed/i.test(e.message ?? '');
};

/**
 * Named leases in the database, so that scheduled work runs once across instances. A lease is
 * taken by one conditional UPDATE (free, expired, or already ours), which only one claimant
 * can win on SQLite and PostgreSQL alike; it expires by itself when its holder dies.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const now = () => getService(strapi, 'clock').now();

  const known = new Set<string>();

  async function ensureRow(name: string) {
    if (known.has(name)) return;
    if (await knex()(TABLE).where({ name }).first('id')) return void known.add(name);
    const at = new Date();
    try {
      await knex()(TABLE).insert({ document_id: `lease-${name}`, name, holder: null, expires_at: null, created_at: at, updated_at: at });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    known.add(name);
  }

  return {
    /** A holder id for this process and this run. */
    newHolder: (): string => `${os.hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`,

    /** Takes (or extends) the lease for `seconds`; false when another live holder has it. */
    async claim(name: string, holder: string, seconds: number): Promise<boolean> {
      await ensureRow(name);
      const at = now();
      const won = await knex()(TABLE)
        .where({ name })
        .andWhere((q) => q.whereNull('holder').orWhere('holder', holder).orWhereNull('expires_at').orWhere('expires_at', '<', at))
        .update({ holder, expires_at: new Date(at.getTime() + seconds * 1000), updated_at: new Date() });
      return won === 1;
    },

    /** Gives the lease back and notes the run's result (counts only). */
    async release(name: string, holder: string, result?: unknown) {
      await knex()(TABLE)
        .where({ name, holder })
        .update({
          holder: null,
          expires_at: null,
          last_run_at: now(),
          last_result: result === undefined ? null : JSON.stringify(result),
          updated_at: new Date(),
        });
    },
  };
};
