import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getService, host } from '../utils';
import { ledgerRepository } from '../repositories';
import { whereInList, orWhereInList } from '../utils/bulk';
import { fold, isScope, memberOf, storedScope, SUBJECT_SCOPE, type Scope, type ScopedDecision } from '../utils/consent-scope';
import { USER } from '../utils/uids';
import { fail, validationError } from '../utils/errors';
import type { Channel, ConsentItem } from './host';
import type { Locale } from '../utils/locale';
import { truncateAddress } from '../utils/client-address';
import { sha256, type ConsentActor, type LedgerEntry, type LedgerRow } from './ledger';

export type Consents = Record<string, boolean>;
type LedgerChannel = Channel | 'board' | 'mail' | 'admin' | 'privacy-center';
export type { Scope };

export interface RecordInput {
  subjectId: string | null;
  channel: LedgerChannel;
  consents: Consents;
  actor: ConsentActor;
  clientAddress?: string | null;
  /** The locale the items were shown in (the clinic's default when absent). */
  locale?: Locale;
  /**
   * What the decision binds: `subject` only with proof of control of the address (privacy
   * session, confirmed member, a link mailed to it, staff); else the record it came with.
   */
  scope: Scope;
}

/** A consent decision ready to append: everything but the ledger's own reads and writes. */
export interface PreparedDecision {
  subjectId: string;
  channel: LedgerChannel;
  actor: ConsentActor;
  clientAddress: string | null;
  scope: Scope;
  policyVersion: number;
  decisions: Array<{ key: string; given: boolean; textHash: string }>;
  /** The channel's required items, when the channel asks items itself (what the consent gate checks the decision against). */
  required?: string[];
}

export interface ItemState {
  granted: boolean;
  policyVersion: number;
  channel: string;
  occurredAt: string;
  textHash: string;
  /** The scope of the row that decided it. */
  scope: Scope;
}

/** A record the applicable decision is asked for: its subject and its own scope (`subject` for the subject as a whole). */
export interface ScopedRecord {
  subjectId: string;
  scope: Scope;
}

/** SHA-256 of exactly what a person read for an item, in the locale it was shown. */
export const textHash = (item: Pick<ConsentItem, 'title' | 'purpose' | 'dataCategories' | 'retention' | 'refusalConsequence'>): string =>
  sha256(JSON.stringify([item.title, item.purpose, item.dataCategories, item.retention, item.refusalConsequence]));

/**
 * Consent before processing: which items a channel needs, the ledger rows that prove a
 * person gave them, and whether those grants still stand under the policy version in effect.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = () => getService(strapi, 'ledger');
  const usersTable = () => strapi.db.metadata.get(USER).tableName;

  /** Which of these member accounts are confirmed (their decisions bind the subject): one query. */
  async function confirmedMembers(userDocumentIds: string[]): Promise<Set<string>> {
    if (userDocumentIds.length === 0) return new Set();
    return strapi.db.transaction(async ({ trx }) => {
      const rows: Array<{ document_id: string }> = await trx(usersTable()).select('document_id').whereIn('document_id', userDocumentIds).andWhere('confirmed', true);
      return new Set(rows.map((r) => r.document_id));
    });
  }

  /** A subject's rows, oldest first, each with its scope and whether it binds the whole subject. */
  async function scopedRowsOf(subjectId: string) {
    const rows = await ledger().rowsOf(subjectId);
    const confirmed = await confirmedMembers([...new Set(rows.map((r) => memberOf(r.scope)).filter((m): m is string => m !== null))]);
    return rows.map((row) => {
      const scope = storedScope(row.scope);
      const member = memberOf(scope);
      return { row, scope, subjectWide: scope === SUBJECT_SCOPE || (member !== null && confirmed.has(member)) };
    });
  }

  const itemState = (row: { action: string; policyVersion: number; channel: string; occurredAt: string; textHash: string }, scope: Scope): ItemState => ({
    granted: row.action === 'granted',
    policyVersion: row.policyVersion,
    channel: row.channel,
    occurredAt: row.occurredAt,
    textHash: row.textHash,
    scope,
  });

  /**
   * The decision per item that applies to one record of a subject (`{ scope }`: the latest row
   * in scope `subject` or in that record's scope), or without a scope, to the subject as a
   * whole (rows in scope `subject` only). A confirmed member's own decisions count subject-wide.
   */
  async function state(subjectId: string, options: { scope?: Scope } = {}): Promise<Record<string, ItemState>> {
    const scope = options.scope ?? SUBJECT_SCOPE;
    if (!isScope(scope)) throw new Error('privacy-guard: consent.state got a malformed scope');
    const current: Record<string, ItemState> = {};
    for (const { row, scope: rowScope, subjectWide } of await scopedRowsOf(subjectId)) {
      if (subjectWide || rowScope === scope) current[row.itemKey] = itemState(row, rowScope);
    }
    return current;
  }

  /**
   * The latest row per item whatever its scope: what any record of the subject was last told.
   * For erasing or withdrawing everything of a subject, never for deciding what applies to a record.
   */
  async function stateInAnyScope(subjectId: string): Promise<Record<string, ItemState>> {
    const current: Record<string, ItemState> = {};
    for (const row of await ledger().rowsOf(subjectId)) current[row.itemKey] = itemState(row, storedScope(row.scope));
    return current;
  }

  /**
   * The latest of a subject's ledger `rows` per item written in exactly this record's scope,
   * nothing that binds the whole subject: what was decided with that record (its manage token's
   * receipt). Never for deciding what applies to it: a later subject-wide decision may override it.
   */
  function decidedIn(rows: LedgerRow[], scope: Scope): Record<string, ItemState> {
    if (!isScope(scope) || scope === SUBJECT_SCOPE) throw new Error('privacy-guard: consent.decidedIn needs one record\'s scope');
    const current: Record<string, ItemState> = {};
    for (const row of rows) if (row.scope === scope) current[row.itemKey] = itemState(row, scope);
    return current;
  }

  /** The decision per item that applies to every scope a subject has rows in (`subject` included). */
  async function stateByScope(subjectId: string): Promise<Record<Scope, Record<string, ItemState>>> {
    const rows = await scopedRowsOf(subjectId);
    const scopes = new Set<Scope>([SUBJECT_SCOPE, ...rows.filter((r) => !r.subjectWide).map((r) => r.scope)]);
    const out = {} as Record<Scope, Record<string, ItemState>>;
    for (const scope of scopes) {
      const current: Record<string, ItemState> = {};
      for (const { row, scope: rowScope, subjectWide } of rows) if (subjectWide || rowScope === scope) current[row.itemKey] = itemState(row, rowScope);
      out[scope] = current;
    }
    return out;
  }

  /**
   * One item's ledger rows for these subjects (every subject when `subjectIds` is null), each
   * with whether it binds the whole subject: one query, the member scopes joined to their
   * accounts' `confirmed`.
   */
  async function decisionRows(knex: Knex | Knex.Transaction, itemKey: string, subjectIds: string[] | null, recordScopes: Scope[]): Promise<ScopedDecision[]> {
    const q = knex(`${ledgerRepository(strapi).table()} as l`)
      // A member scope's account, by its documentId (`member:` is 7 characters); other scopes hold a ':' no documentId has.
      .leftJoin(`${usersTable()} as u`, (j) => j.on('u.document_id', '=', knex.raw('substr(??, 8)', ['l.scope'])))
      .select('l.seq', 'l.subject_id', 'l.scope', 'l.action', 'u.confirmed')
      .where('l.item_key', itemKey);
    if (subjectIds) {
      whereInList(knex, q, 'l.subject_id', subjectIds);
      q.andWhere((w) => {
        w.whereNull('l.scope').orWhere('l.scope', SUBJECT_SCOPE).orWhere('l.scope', 'like', 'member:%');
        if (recordScopes.length) orWhereInList(knex, w, 'l.scope', recordScopes);
      });
    }
    const rows: Array<{ seq: number; subject_id: string; scope: string | null; action: string; confirmed: unknown }> = await q.orderBy('l.seq', 'asc');
    return rows.map((r) => {
      const scope = storedScope(r.scope);
      return {
        seq: Number(r.seq),
        subjectId: r.subject_id,
        scope,
        granted: r.action === 'granted',
        subjectWide: scope === SUBJECT_SCOPE || (memberOf(scope) !== null && (r.confirmed === true || Number(r.confirmed) === 1)),
      };
    });
  }

  /**
   * The records (of any number of subjects) whose applicable decision on an item is a grant,
   * set-based: one query per 1,000 records (a sweep batch), for the sweep and the provision
   * export. Returns the granted records' scopes.
   */
  async function grantsFor(records: ScopedRecord[], itemKey: string, knex: Knex | Knex.Transaction = strapi.db.connection): Promise<Set<Scope>> {
    const granted = new Set<Scope>();
    for (let i = 0; i < records.length; i += 1000) {
      const chunk = records.slice(i, i + 1000);
      const subjects = [...new Set(chunk.map((r) => r.subjectId))];
      const own = [...new Set(chunk.map((r) => r.scope).filter((s) => s !== SUBJECT_SCOPE))];
      const { applies } = fold(await decisionRows(knex, itemKey, subjects, own));
      for (const r of chunk) if (applies(r.subjectId, r.scope)) granted.add(r.scope);
    }
    return granted;
  }

  /**
   * The oldest policy version whose consents still count: the latest material version in
   * effect (a non-material change keeps earlier consents valid), else the first version.
   */
  async function baseline(): Promise<{ inEffect: number; baseline: number }> {
    const { versions, current, today } = await host(strapi).policies.timeline();
    if (!current) throw new Error('privacy-guard: no privacy policy version is in effect');
    const effective = versions.filter((v) => v.effectiveDate <= today);
    const material = effective.filter((v, i) => i > 0 && v.material).at(-1);
    return { inEffect: current.version, baseline: material?.version ?? effective[0].version };
  }

  /**
   * A decision made on a channel that asks no items itself (an unsubscribe link in a mail, the
   * board, staff in the admin) is about items asked elsewhere: look them up on every channel.
   */
  async function itemsOfEveryChannel(locale?: Locale): Promise<ConsentItem[]> {
    const lists = await Promise.all(
      (['membership', 'reservation', 'consultation'] as const).map((c) => host(strapi).consentItems.forChannel(c, locale)),
    );
    return [...new Map(lists.flat().map((item) => [item.key, item])).values()];
  }

  /** The required items of a channel the subject (or one record of it) has no standing grant for, split by why. */
  async function standing(subjectId: string, channel: Channel, options: { scope?: Scope } = {}) {
    const [items, versions, granted] = await Promise.all([host(strapi).consentItems.forChannel(channel), baseline(), state(subjectId, options)]);
    const required = items.filter((item) => item.required).map((item) => item.key);
    const missing = required.filter((key) => !granted[key]?.granted);
    const outdated = required.filter((key) => granted[key]?.granted && granted[key].policyVersion < versions.baseline);
    return { missing, outdated, ...versions };
  }

  /**
   * The reads and hashing of a consent decision, done before the caller opens its transaction:
   * the channel's items, the policy version in effect and each item's text hash.
   */
  async function prepare(input: RecordInput): Promise<PreparedDecision> {
    if (!input.subjectId) throw new Error('privacy-guard: consent.record needs a subjectId');
    // No default: a writer that forgets to say what its decision binds must not bind the subject.
    if (!isScope(input.scope)) throw new Error('privacy-guard: consent.record needs a scope');
    const itemChannel = (['reservation', 'membership', 'consultation', 'cookie'] as const).includes(input.channel as Channel)
      ? (input.channel as Channel)
      : null;
    const [items, { inEffect }] = await Promise.all([
      itemChannel ? host(strapi).consentItems.forChannel(itemChannel, input.locale) : itemsOfEveryChannel(input.locale),
      baseline(),
    ]);
    const byKey = new Map(items.map((item) => [item.key, item]));
    const clientAddress = input.clientAddress?.includes('/') ? input.clientAddress : truncateAddress(input.clientAddress);
    const decisions: PreparedDecision['decisions'] = [];
    for (const [key, given] of Object.entries(input.consents ?? {})) {
      const item = byKey.get(key);
      if (item) decisions.push({ key, given, textHash: textHash(item) });
    }
    const required = itemChannel ? items.filter((item) => item.required).map((item) => item.key) : undefined;
    return { subjectId: input.subjectId, channel: input.channel, actor: input.actor, clientAddress, scope: input.scope, policyVersion: inEffect, decisions, required };
  }

  /**
   * Appends the ledger rows of a prepared decision: a grant per item given; in scope `subject`,
   * a withdrawal per item refused that any record was told was granted (a first refusal of an
   * optional item changes nothing). In a record's scope every refusal is a row, whatever the
   * address's other decisions: whether one is written must not tell the person who booked (who
   * may not be the address's owner) that the address granted something elsewhere. Inside the
   * caller's transaction when there is one; the subject's earlier rows are read there, and only
   * for a refusal in scope `subject`.
   */
  async function append(decision: PreparedDecision): Promise<LedgerRow[]> {
    const subjectWide = decision.scope === SUBJECT_SCOPE;
    const before = subjectWide && decision.decisions.some((d) => !d.given) ? await stateInAnyScope(decision.subjectId) : {};
    const entries: LedgerEntry[] = decision.decisions
      .filter((d) => d.given || !subjectWide || before[d.key]?.granted)
      .map((d) => ({
        subjectId: decision.subjectId,
        itemKey: d.key,
        policyVersion: decision.policyVersion,
        textHash: d.textHash,
        action: d.given ? 'granted' : 'withdrawn',
        channel: decision.channel,
        actor: decision.actor,
        clientAddress: decision.clientAddress,
        scope: decision.scope,
      }));
    return ledger().append(entries, getService(strapi, 'clock').now());
  }

  return {
    /**
     * `400 VALIDATION` for keys the channel does not ask, `422 CONSENT_REQUIRED { keys }` for
     * required items not given. Returns the channel's items.
     */
    async check(channel: Channel, consents: Consents): Promise<ConsentItem[]> {
      const items = await host(strapi).consentItems.forChannel(channel);
      const known = new Set(items.map((item) => item.key));
      const unknown = Object.keys(consents ?? {}).filter((key) => !known.has(key));
      if (unknown.length) {
        throw validationError(
          unknown.map((key) => ({ path: `consents.${key}`, message: `"${key}" is not a consent item of the ${channel} channel` })),
        );
      }
      const missing = items.filter((item) => item.required && consents?.[item.key] !== true).map((item) => item.key);
      if (missing.length) throw fail(422, 'CONSENT_REQUIRED', 'Some required consents are missing', { keys: missing });
      return items;
    },

    subjectIdFor(email: string): string {
      return getService(strapi, 'crypto').subjectIdFor(email);
    },

    prepare,

    append,

    /** `prepare` then `append`: one consent decision into the ledger. */
    async record(input: RecordInput): Promise<LedgerRow[]> {
      return append(await prepare(input));
    },

    async requiredKeys(channel: Channel): Promise<string[]> {
      return (await host(strapi).consentItems.forChannel(channel)).filter((item) => item.required).map((item) => item.key);
    },

    state,
    stateInAnyScope,
    stateByScope,
    decidedIn,
    grantsFor,

    /** The scope of a member account's own decisions: `member:<user documentId>`. */
    async memberScope(userId: number): Promise<Scope> {
      const user = (await strapi.db.query(USER).findOne({ where: { id: userId }, select: ['documentId'] })) as { documentId: string } | null;
      if (!user) throw new Error('privacy-guard: no member account for a consent decision');
      return `member:${user.documentId}`;
    },

    /**
     * The subjects and records whose applicable decision on an item is a grant (`subject`: the
     * subject as a whole; else one record): the audience of a notice, read at send time.
     */
    async grantedRecords(itemKey: string): Promise<ScopedRecord[]> {
      return fold(await decisionRows(strapi.db.connection, itemKey, null, [])).granted();
    },

    /** The required items of a channel a subject (or one record of it) lacks (never given, withdrawn, or given to an outdated policy). */
    async missingGrants(subjectId: string, channel: Channel, options: { scope?: Scope } = {}): Promise<string[]> {
      const { missing, outdated } = await standing(subjectId, channel, options);
      return [...missing, ...outdated];
    },

    /**
     * For a returning person (next booking, next login): `422 POLICY_OUTDATED { keys, policyVersion }`
     * when their grants predate a material version now in effect, `422 CONSENT_REQUIRED` when
     * a required item was never given or was withdrawn.
     */
    async assertCurrent(subjectId: string, channel: Channel, options: { scope?: Scope } = {}): Promise<void> {
      const { missing, outdated, inEffect } = await standing(subjectId, channel, options);
      if (outdated.length) {
        throw fail(422, 'POLICY_OUTDATED', 'The privacy policy changed; please read it and consent again', {
          keys: outdated,
          policyVersion: inEffect,
        });
      }
      if (missing.length) throw fail(422, 'CONSENT_REQUIRED', 'Some required consents are missing', { keys: missing });
    },

    verify: () => ledger().verify(),
  };
};
