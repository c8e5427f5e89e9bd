import type { Core } from '@strapi/strapi';
import { createHashChain, GENESIS, sha256, type Anchor, type VerifyResult } from '../utils/hash-chain';
import type { Scope } from '../utils/consent-scope';
import { ledgerRepository, LEDGER_UID } from '../repositories';

export { LEDGER_UID };
export { GENESIS, sha256 };
export type { VerifyResult };
/** pg_advisory_xact_lock key of the consent ledger ("CONSENTL" as a 64-bit number). */
const PG_LOCK_KEY = '4850455753454e54';
const HEAD_KEY = 'consent-ledger-head';

export type ConsentAction = 'granted' | 'withdrawn';
export type ConsentActor = 'self' | 'guardian' | 'staff';

/** What a caller appends; seq, hashes and the time are the ledger's. */
export interface LedgerEntry {
  subjectId: string;
  itemKey: string;
  policyVersion: number;
  textHash: string;
  action: ConsentAction;
  channel: string;
  actor: ConsentActor;
  clientAddress: string | null;
  /** What the decision binds; null only on rows written before scopes existed (read as `subject`). */
  scope: Scope | null;
}

export interface LedgerRow extends LedgerEntry {
  seq: number;
  prevHash: string;
  hash: string;
  occurredAt: string;
}

/**
 * The hash of a row: SHA-256 over its canonical form, which includes the previous row's hash
 * and, on rows written since scopes exist, the scope (rows from before keep their old form, so
 * they still verify; giving one a scope, or taking a scope away, changes the hash).
 */
export function rowHash(row: Omit<LedgerRow, 'hash' | 'scope'> & { scope?: Scope | null }): string {
  const scope = row.scope ?? null;
  return sha256(
    JSON.stringify([
      row.seq,
      row.prevHash,
      row.subjectId,
      row.itemKey,
      row.policyVersion,
      row.textHash,
      row.action,
      row.channel,
      row.actor,
      row.clientAddress ?? null,
      row.occurredAt,
      ...(scope === null ? [] : [scope]),
    ]),
  );
}

/**
 * The append-only, hash-chained consent ledger (the chain's mechanics — serialised appends,
 * head in the plugin store, verify — are in utils/hash-chain.ts, shared with the access log).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = ledgerRepository(strapi);
  const chain = createHashChain<LedgerEntry>(strapi, {
    table: rows.table,
    lockKey: PG_LOCK_KEY,
    headKey: HEAD_KEY,
    documentPrefix: 'ledger',
    hash: rowHash,
    toColumns: (entry) => ({
      subject_id: entry.subjectId,
      item_key: entry.itemKey,
      policy_version: entry.policyVersion,
      text_hash: entry.textHash,
      action: entry.action,
      channel: entry.channel,
      actor: entry.actor,
      client_address: entry.clientAddress ?? null,
      scope: entry.scope,
    }),
    fromColumns: (raw) => ({
      subjectId: String(raw.subject_id),
      itemKey: String(raw.item_key),
      policyVersion: Number(raw.policy_version),
      textHash: String(raw.text_hash),
      action: raw.action as ConsentAction,
      channel: String(raw.channel),
      actor: raw.actor as ConsentActor,
      clientAddress: (raw.client_address as string | null) ?? null,
      scope: (raw.scope as Scope | null) ?? null,
    }),
  });

  return {
    /** Appends rows at the end of the chain, inside the caller's transaction when there is one. */
    async append(entries: LedgerEntry[], occurredAt: Date): Promise<LedgerRow[]> {
      return chain.append(
        entries.map((entry) => ({ ...entry, clientAddress: entry.clientAddress ?? null })),
        occurredAt,
      );
    },

    /** Every row of one subject, oldest first (the caller's transaction sees its own appends). */
    async rowsOf(subjectId: string): Promise<LedgerRow[]> {
      return strapi.db.transaction(async ({ trx }) =>
        (await rows.rowsOf(trx, subjectId)).map(chain.fromDb),
      );
    },

    /** Walks the chain (and, given the last anchor kept outside the database, checks the row it pinned). */
    verify(anchor?: Anchor): Promise<VerifyResult> {
      return chain.verify(anchor);
    },

    /** The signed head, for the anchor file (none while links of the first format remain). */
    anchor: (at: Date) => chain.anchor(at),

    /** Links written before the chain was keyed, linked anew under the chain key (`npm run ledger:migrate`). */
    migrate: (anchor?: Anchor) => chain.migrate(anchor),
  };
};
