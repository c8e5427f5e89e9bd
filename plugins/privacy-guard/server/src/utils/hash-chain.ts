import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getService } from './index';

export const GENESIS = '0'.repeat(64);
const PAGE = 500;
const MAX_RETRIES = 5;

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the chain adds to every entry: its place, the link to the row before, its own hash and its time. */
export interface ChainMeta {
  seq: number;
  prevHash: string;
  hash: string;
  occurredAt: string;
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  firstBadRow?: { seq: number | null; id: number | null; problem: 'edited' | 'inserted' | 'deleted' | 'rewritten' };
}

/** A chain's head as written outside the database: signed with the chain key, so it cannot be forged either. */
export interface Anchor {
  chain: string;
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

/** One hash-chained, append-only table: the consent ledger, the access log. */
export interface ChainSpec<E extends object> {
  /** The chain's table, resolved when first queried (Strapi's metadata exists only once the database is up). */
  table: () => string;
  /** pg_advisory_xact_lock key, 16 hex digits. */
  lockKey: string;
  /** Key of the chain head in the plugin store. */
  headKey: string;
  /** Prefix of the rows' `document_id`. */
  documentPrefix: string;
  /**
   * The digest of a row over its canonical form (which must include `seq`, `prevHash` and
   * `occurredAt`). What the chain stores is its HMAC under the chain key (see `link`); the bare
   * digest was the first format's link.
   */
  hash(row: E & Omit<ChainMeta, 'hash'>): string;
  /** The entry's own columns (snake_case) for an insert. */
  toColumns(entry: E): Record<string, unknown>;
  /** The entry's fields from a stored row. */
  fromColumns(raw: Record<string, unknown>): E;
}

export type ChainRow<E> = E & ChainMeta;

export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(e.message ?? '');
};

export const toIso = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`).toISOString();
};

/**
 * The mechanics shared by every hash-chained table. Appends are serialised so that the chain
 * never forks: on PostgreSQL by a transaction-scoped advisory lock (held until the caller's
 * transaction commits, across instances), on SQLite by its single writer; the unique `seq` is
 * the backstop, and a conflicting append outside a caller's transaction is retried. The head
 * (last seq and hash) is kept apart in the plugin store, so that cutting rows off the end shows.
 *
 * Each link is an HMAC under the chain key from the environment, so whoever can write the
 * database cannot compute a valid chain; and the head is anchored outside the database (a signed
 * line in a file the operator keeps), so a chain cut short, or rewritten by someone who has the
 * key, no longer matches the last anchor.
 */
export function createHashChain<E extends object>(strapi: Core.Strapi, spec: ChainSpec<E>) {
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const headStore = () => strapi.store({ type: 'plugin', name: 'privacy-guard' });
  const mac = (text: string) => getService(strapi, 'crypto').chainMac(text);
  const link = (row: E & Omit<ChainMeta, 'hash'>) => mac(spec.hash(row));
  const anchorMac = (a: Omit<Anchor, 'mac'>) => mac(JSON.stringify(['anchor', a.chain, a.seq, a.hash, a.at]));

  /**
   * Moves the head in one UPDATE of the store's row (the store's own `set` reads it, writes it
   * and reads it again: three more statements in every append's transaction); the first head
   * is written by the store.
   */
  async function setHead(head: { seq: number; hash: string }) {
    const { count } = await strapi.db.query('strapi::core-store').updateMany({
      where: { key: `plugin_privacy-guard_${spec.headKey}`, environment: null, tag: null },
      data: { value: JSON.stringify(head), type: 'object' },
    });
    if (count === 0) await headStore().set({ key: spec.headKey, value: head });
  }

  const fromDb = (raw: Record<string, unknown>): ChainRow<E> & { id: number } => ({
    ...spec.fromColumns(raw),
    id: Number(raw.id),
    seq: Number(raw.seq),
    prevHash: String(raw.prev_hash),
    hash: String(raw.hash),
    occurredAt: toIso(raw.occurred_at),
  });

  async function appendLocked(trx: Knex.Transaction, entries: E[], occurredAt: Date): Promise<ChainRow<E>[]> {
    if (isPostgres()) await trx.raw(`select pg_advisory_xact_lock(x'${spec.lockKey}'::bigint)`);
    const last = await trx(spec.table()).select('seq', 'hash').orderBy('seq', 'desc').first();
    let seq = last ? Number(last.seq) : 0;
    let prevHash: string = last ? String(last.hash) : GENESIS;
    const rows: ChainRow<E>[] = [];
    for (const entry of entries) {
      seq += 1;
      const row = { ...entry, seq, prevHash, occurredAt: occurredAt.toISOString() };
      const hash = link(row);
      rows.push({ ...row, hash });
      prevHash = hash;
    }
    const now = new Date();
    await trx(spec.table()).insert(
      rows.map((row) => ({
        document_id: `${spec.documentPrefix}-${row.seq}`,
        seq: row.seq,
        prev_hash: row.prevHash,
        hash: row.hash,
        ...spec.toColumns(row),
        occurred_at: occurredAt,
        created_at: now,
        updated_at: now,
      })),
    );
    const head = rows[rows.length - 1];
    await setHead({ seq: head.seq, hash: head.hash });
    return rows;
  }

  return {
    fromDb,

    /** Appends rows at the end of the chain, inside the caller's transaction when there is one. */
    async append(entries: E[], occurredAt: Date): Promise<ChainRow<E>[]> {
      if (entries.length === 0) return [];
      const nested = strapi.db.inTransaction();
      for (let attempt = 1; ; attempt++) {
        try {
          return await strapi.db.transaction(({ trx }) => appendLocked(trx, entries, occurredAt));
        } catch (error) {
          if (nested || attempt >= MAX_RETRIES || !isUniqueViolation(error)) throw error;
        }
      }
    },

    /**
     * Walks the chain in `seq` order and names the first row that does not hold: an edited row
     * no longer matches its hash, an inserted or deleted one breaks the link or the numbering.
     * With an anchor, the row it names must still carry the hash it recorded (a chain cut short
     * or written anew fails as `rewritten`).
     */
    async verify(anchor?: Anchor): Promise<VerifyResult> {
      if (anchor) {
        if (anchor.chain !== spec.headKey || anchorMac(anchor) !== anchor.mac)
          throw new Error(`privacy-guard: the anchor for ${spec.headKey} is not one this server signed`);
        const result = await walk(link, true);
        if (!result.ok) return result;
        if (anchor.seq === 0) return result;
        const pinned = await strapi.db.connection(spec.table()).where('seq', anchor.seq).first('id', 'hash');
        if (!pinned || String(pinned.hash) !== anchor.hash)
          return {
            ok: false,
            rows: result.rows,
            firstBadRow: { seq: anchor.seq, id: pinned ? Number(pinned.id) : null, problem: 'rewritten' },
          };
        return result;
      }
      return walk(link, true);
    },

    /** The head, signed, for a file kept outside the database. */
    async anchor(at: Date): Promise<Anchor> {
      const last = await strapi.db.connection(spec.table()).orderBy('seq', 'desc').first('seq', 'hash');
      const unsigned = {
        chain: spec.headKey,
        seq: last ? Number(last.seq) : 0,
        hash: last ? String(last.hash) : GENESIS,
        at: at.toISOString(),
      };
      return { ...unsigned, mac: anchorMac(unsigned) };
    },

    /**
     * Chains written before links were keyed (bare SHA-256 digests) are checked in that form and, if
     * intact, linked anew under the chain key, in one transaction. A chain already keyed is left
     * alone; a broken one is left as it is (its verification reports where).
     */
    async migrate(): Promise<{ migrated: number } | { migrated: 0; broken: true }> {
      const last = await strapi.db.connection(spec.table()).orderBy('seq', 'desc').first();
      if (!last) return { migrated: 0 };
      const head = fromDb(last);
      if (link(head) === head.hash) return { migrated: 0 };
      if (!(await walk(spec.hash, false)).ok) return { migrated: 0, broken: true };
      let migrated = 0;
      await strapi.db.transaction(async ({ trx }) => {
        let prevHash = GENESIS;
        let lastSeq = -2147483648;
        for (;;) {
          const page = (await trx(spec.table()).where('seq', '>', lastSeq).orderBy('seq', 'asc').limit(PAGE)).map(fromDb);
          for (const row of page) {
            const hash = link({ ...row, prevHash });
            await trx(spec.table()).where('id', row.id).update({ prev_hash: prevHash, hash });
            prevHash = hash;
            lastSeq = row.seq;
            migrated += 1;
          }
          if (page.length < PAGE) break;
        }
        await setHead({ seq: lastSeq, hash: prevHash });
      });
      return { migrated };
    },
  };

  /** The chain walk of `verify`, with the link function of one format, and the head check or not. */
  async function walk(linkOf: (row: E & Omit<ChainMeta, 'hash'>) => string, checkHead: boolean): Promise<VerifyResult> {
    const knex = strapi.db.connection;
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let rows = 0;
    let lastId = -1;
    let lastSeq = -2147483648;
    for (;;) {
      const page = (await knex(spec.table()).where('seq', '>', lastSeq).orderBy('seq', 'asc').limit(PAGE)).map(fromDb);
      for (const row of page) {
        const bad = (problem: NonNullable<VerifyResult['firstBadRow']>['problem']): VerifyResult => ({
          ok: false,
          rows,
          firstBadRow: { seq: row.seq, id: row.id, problem },
        });
        // A gap in the numbering: the row that should be here was deleted.
        if (row.seq > expectedSeq) return { ok: false, rows, firstBadRow: { seq: expectedSeq, id: null, problem: 'deleted' } };
        // Ids grow with appends: the row before this one was created after it, so slipped in.
        if (row.id < lastId) return { ok: false, rows: rows - 1, firstBadRow: { seq: lastSeq, id: lastId, problem: 'inserted' } };
        if (linkOf(row) !== row.hash) return bad(row.prevHash === prevHash ? 'edited' : 'inserted');
        if (row.prevHash !== prevHash) return bad('deleted');
        rows += 1;
        expectedSeq += 1;
        prevHash = row.hash;
        lastId = row.id;
        lastSeq = row.seq;
      }
      if (page.length < PAGE) {
        if (!checkHead) return { ok: true, rows };
        const head = (await headStore().get({ key: spec.headKey })) as { seq: number; hash: string } | null;
        if (head && head.seq > lastSeq) return { ok: false, rows, firstBadRow: { seq: expectedSeq, id: null, problem: 'deleted' } };
        if (head && head.seq < lastSeq) return { ok: false, rows, firstBadRow: { seq: head.seq + 1, id: null, problem: 'inserted' } };
        if (head && head.hash !== prevHash) return { ok: false, rows, firstBadRow: { seq: lastSeq, id: lastId, problem: 'edited' } };
        return { ok: true, rows };
      }
    }
  }
}
