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
  /**
   * `UNKEYED_FORMAT`: every row holds, but the first `unkeyedRows` are linked as the first format
   * did (bare SHA-256), which anyone who can write the database can recompute: not verified until
   * an operator keys them (`npm run ledger:migrate`).
   */
  reason?: 'UNKEYED_FORMAT';
  unkeyedRows?: number;
}

/** What `migrate` did: links keyed, or nothing, with the verification that stopped it. */
export type MigrateResult = { migrated: number } | { migrated: 0; refused: VerifyResult };

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
    verify: (anchor?: Anchor): Promise<VerifyResult> => check(strapi.db.connection, anchor),

    /**
     * The head, signed, for a file kept outside the database; none while the chain starts with
     * links of the first format (see `migrate`): every anchor vouches for a keyed chain, so a
     * chain found unkeyed after one was written anew.
     */
    async anchor(at: Date): Promise<Anchor | null> {
      const first = await strapi.db.connection(spec.table()).orderBy('seq', 'asc').first();
      if (first && link(fromDb(first)) !== String(first.hash)) return null;
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
     * Links written before they were keyed are linked anew under the chain key, in one
     * transaction that holds the appends off; an operator's command, never a start: only a chain
     * that verifies as `UNKEYED_FORMAT` (every row intact, and consistent with the last anchor
     * given) is keyed. Anything else is refused and left as it is, so that a writer's rewrite is
     * reported rather than blessed.
     */
    async migrate(anchor?: Anchor): Promise<MigrateResult> {
      return strapi.db.transaction(async ({ trx }) => {
        if (isPostgres()) await trx.raw(`select pg_advisory_xact_lock(x'${spec.lockKey}'::bigint)`);
        const result = await check(trx, anchor);
        if (result.ok) return { migrated: 0 };
        if (result.reason !== 'UNKEYED_FORMAT') return { migrated: 0, refused: result };
        let migrated = 0;
        let head = { seq: 0, hash: GENESIS };
        for await (const { row, prevHash, hash } of relinked(trx)) {
          await trx(spec.table()).where('id', row.id).update({ prev_hash: prevHash, hash });
          head = { seq: row.seq, hash };
          migrated += 1;
        }
        await setHead(head);
        return { migrated };
      });
    },
  };

  /** `verify` on `knex`: the connection, or `migrate`'s transaction. */
  async function check(knex: Knex, anchor?: Anchor): Promise<VerifyResult> {
    if (anchor && (anchor.chain !== spec.headKey || anchorMac(anchor) !== anchor.mac))
      throw new Error(`privacy-guard: the anchor for ${spec.headKey} is not one this server signed`);
    const result = await walk(knex);
    if (!anchor || (!result.ok && !result.reason)) return result;
    if (result.reason) return unkeyedSince(knex, anchor, result.rows);
    if (anchor.seq === 0) return result;
    const pinned = await knex(spec.table()).where('seq', anchor.seq).first('id', 'hash');
    if (!pinned || String(pinned.hash) !== anchor.hash)
      return {
        ok: false,
        rows: result.rows,
        firstBadRow: { seq: anchor.seq, id: pinned ? Number(pinned.id) : null, problem: 'rewritten' },
      };
    return result;
  }

  /**
   * A chain with links of the first format after an anchor (only keyed chains are anchored) was
   * written anew without the key. Its rows up to the anchored seq, linked under the key again,
   * tell whether they still are what the anchor signed: then the first row after it is the first
   * one nothing vouches for; otherwise the anchored row itself no longer is.
   */
  async function unkeyedSince(knex: Knex, anchor: Anchor, rows: number): Promise<VerifyResult> {
    let covered = anchor.seq === 0 ? GENESIS : null;
    if (anchor.seq > 0)
      for await (const { row, hash } of relinked(knex)) {
        if (row.seq === anchor.seq) covered = hash;
        if (row.seq >= anchor.seq) break;
      }
    const seq = covered === anchor.hash && rows > anchor.seq ? anchor.seq + 1 : anchor.seq;
    const named = await knex(spec.table()).where('seq', seq).first('id');
    return { ok: false, rows: Math.min(rows, seq - 1), firstBadRow: { seq, id: named ? Number(named.id) : null, problem: 'rewritten' } };
  }

  /** Every row in `seq` order with the link it gets under the key when the chain is linked anew from its start. */
  async function* relinked(knex: Knex) {
    let prevHash = GENESIS;
    let lastSeq = -2147483648;
    for (;;) {
      const page = (await knex(spec.table()).where('seq', '>', lastSeq).orderBy('seq', 'asc').limit(PAGE)).map(fromDb);
      for (const row of page) {
        const hash = link({ ...row, prevHash });
        yield { row, prevHash, hash };
        prevHash = hash;
        lastSeq = row.seq;
      }
      if (page.length < PAGE) return;
    }
  }

  /**
   * The chain walk of `verify`. A link is the HMAC of the row's digest, or, only in an unbroken
   * run from the first row, the bare digest of the first format: this version keys every link it
   * writes, so bare links can only come before keyed ones (those an older version wrote before
   * the upgrade); a bare link after a keyed one was written without the key.
   */
  async function walk(knex: Knex): Promise<VerifyResult> {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let rows = 0;
    let unkeyed = 0;
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
        const digest = spec.hash(row);
        const bare = unkeyed === rows && digest === row.hash;
        if (!bare && mac(digest) !== row.hash) return bad(row.prevHash === prevHash ? 'edited' : 'inserted');
        if (row.prevHash !== prevHash) return bad('deleted');
        rows += 1;
        if (bare) unkeyed += 1;
        expectedSeq += 1;
        prevHash = row.hash;
        lastId = row.id;
        lastSeq = row.seq;
      }
      if (page.length < PAGE) {
        const head = (await headStore().get({ key: spec.headKey })) as { seq: number; hash: string } | null;
        if (head && head.seq > lastSeq) return { ok: false, rows, firstBadRow: { seq: expectedSeq, id: null, problem: 'deleted' } };
        if (head && head.seq < lastSeq) return { ok: false, rows, firstBadRow: { seq: head.seq + 1, id: null, problem: 'inserted' } };
        if (head && head.hash !== prevHash) return { ok: false, rows, firstBadRow: { seq: lastSeq, id: lastId, problem: 'edited' } };
        if (unkeyed > 0) return { ok: false, rows, reason: 'UNKEYED_FORMAT', unkeyedRows: unkeyed };
        return { ok: true, rows };
      }
    }
  }
}
