import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { consentItems, fail, policies, validationError, type Channel, type ConsentItem, type Locale } from '../utils/app';
import { truncateAddress } from '../utils/client-address';
import { LEDGER_TABLE, sha256, type ConsentActor, type LedgerEntry, type LedgerRow } from './ledger';

export type Consents = Record<string, boolean>;
type LedgerChannel = Channel | 'board' | 'mail' | 'admin';

export interface RecordInput {
  subjectId: string | null;
  channel: LedgerChannel;
  consents: Consents;
  actor: ConsentActor;
  clientAddress?: string | null;
  /** The locale the items were shown in (the clinic's default when absent). */
  locale?: Locale;
}

/** A consent decision ready to append: everything but the ledger's own reads and writes. */
export interface PreparedDecision {
  subjectId: string;
  channel: LedgerChannel;
  actor: ConsentActor;
  clientAddress: string | null;
  policyVersion: number;
  decisions: Array<{ key: string; given: boolean; textHash: string }>;
}

export interface ItemState {
  granted: boolean;
  policyVersion: number;
  channel: string;
  occurredAt: string;
  textHash: string;
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

  /** Latest row per item of a subject: a grant stands until a later withdrawal. */
  async function state(subjectId: string): Promise<Record<string, ItemState>> {
    const current: Record<string, ItemState> = {};
    for (const row of await ledger().rowsOf(subjectId)) {
      current[row.itemKey] = {
        granted: row.action === 'granted',
        policyVersion: row.policyVersion,
        channel: row.channel,
        occurredAt: row.occurredAt,
        textHash: row.textHash,
      };
    }
    return current;
  }

  /**
   * The oldest policy version whose consents still count: the latest material version in
   * effect (a non-material change keeps earlier consents valid), else the first version.
   */
  async function baseline(): Promise<{ inEffect: number; baseline: number }> {
    const { versions, current, today } = await policies(strapi).timeline();
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
      (['membership', 'reservation', 'consultation'] as const).map((c) => consentItems(strapi).forChannel(c, locale)),
    );
    return [...new Map(lists.flat().map((item) => [item.key, item])).values()];
  }

  /** The required items of a channel the subject has no standing grant for, split by why. */
  async function standing(subjectId: string, channel: Channel) {
    const [items, versions, granted] = await Promise.all([consentItems(strapi).forChannel(channel), baseline(), state(subjectId)]);
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
    const itemChannel = (['reservation', 'membership', 'consultation', 'cookie'] as const).includes(input.channel as Channel)
      ? (input.channel as Channel)
      : null;
    const [items, { inEffect }] = await Promise.all([
      itemChannel ? consentItems(strapi).forChannel(itemChannel, input.locale) : itemsOfEveryChannel(input.locale),
      baseline(),
    ]);
    const byKey = new Map(items.map((item) => [item.key, item]));
    const clientAddress = input.clientAddress?.includes('/') ? input.clientAddress : truncateAddress(input.clientAddress);
    const decisions: PreparedDecision['decisions'] = [];
    for (const [key, given] of Object.entries(input.consents ?? {})) {
      const item = byKey.get(key);
      if (item) decisions.push({ key, given, textHash: textHash(item) });
    }
    return { subjectId: input.subjectId, channel: input.channel, actor: input.actor, clientAddress, policyVersion: inEffect, decisions };
  }

  /**
   * Appends the ledger rows of a prepared decision: a grant per item given, a withdrawal per
   * item refused that was granted before (a first refusal of an optional item changes
   * nothing). Inside the caller's transaction when there is one; the subject's earlier rows
   * are read there, and only when something is refused.
   */
  async function append(decision: PreparedDecision): Promise<LedgerRow[]> {
    const before = decision.decisions.some((d) => !d.given) ? await state(decision.subjectId) : {};
    const entries: LedgerEntry[] = decision.decisions
      .filter((d) => d.given || before[d.key]?.granted)
      .map((d) => ({
        subjectId: decision.subjectId,
        itemKey: d.key,
        policyVersion: decision.policyVersion,
        textHash: d.textHash,
        action: d.given ? 'granted' : 'withdrawn',
        channel: decision.channel,
        actor: decision.actor,
        clientAddress: decision.clientAddress,
      }));
    return ledger().append(entries, getService(strapi, 'clock').now());
  }

  return {
    /**
     * `400 VALIDATION` for keys the channel does not ask, `422 CONSENT_REQUIRED { keys }` for
     * required items not given. Returns the channel's items.
     */
    async check(channel: Channel, consents: Consents): Promise<ConsentItem[]> {
      const items = await consentItems(strapi).forChannel(channel);
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
      return (await consentItems(strapi).forChannel(channel)).filter((item) => item.required).map((item) => item.key);
    },

    /** Current grants per item of a subject. */
    state,

    /** The subjects whose latest ledger row for an item is a grant: the audience of a notice, read at send time. */
    async grantedSubjects(itemKey: string): Promise<string[]> {
      const rows: Array<{ subject_id: string; action: string }> = await strapi.db
        .connection(LEDGER_TABLE)
        .select('subject_id', 'action')
        .where('item_key', itemKey)
        .orderBy('seq');
      const last = new Map<string, string>();
      for (const row of rows) last.set(row.subject_id, row.action);
      return [...last].filter(([, action]) => action === 'granted').map(([subject]) => subject);
    },

    /** The required items of a channel a subject lacks (never given, withdrawn, or given to an outdated policy). */
    async missingGrants(subjectId: string, channel: Channel): Promise<string[]> {
      const { missing, outdated } = await standing(subjectId, channel);
      return [...missing, ...outdated];
    },

    /**
     * For a returning person (next booking, next login): `422 POLICY_OUTDATED { keys, policyVersion }`
     * when their grants predate a material version now in effect, `422 CONSENT_REQUIRED` when
     * a required item was never given or was withdrawn.
     */
    async assertCurrent(subjectId: string, channel: Channel): Promise<void> {
      const { missing, outdated, inEffect } = await standing(subjectId, channel);
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
