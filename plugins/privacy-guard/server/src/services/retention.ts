import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getService, host } from '../utils';
import { recordScope } from '../utils/consent-scope';
import type { PrivacyGuardConfig } from '../config';
import type { Destruction, ReservationRow } from './erasure';
import { declarations, RULES, type RuleName } from '../declarations';

const LEASE = 'retention-sweep';
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** A registration whose address was not confirmed within this time is destroyed. */
const UNVERIFIED_ACCOUNT_HOURS = 48;

export { RULES, type RuleName };
export type Counts = Record<RuleName, number>;

export interface SweepOptions {
  performedBy?: string;
  batchSize?: number;
  /** Called after each committed batch, before the next one starts (progress; the sweep waits for it). */
  onBatch?: (rule: RuleName, destroyed: number) => void | Promise<void>;
}

export type SweepResult = { ran: true; counts: Counts; batches: number } | { ran: false; reason: 'lease-held' };

interface Context {
  at: Date;
  config: Required<PrivacyGuardConfig>;
  keepDays: number | null;
  consultationKeepDays: number;
  /** The clinic's zone, for the day statistics are counted on. */
  timeZone: string;
}

interface Rule {
  name: RuleName;
  table: string;
  /** Rows past their period, after `afterId`, oldest id first (locked on PostgreSQL). */
  candidates(q: Knex.QueryBuilder, c: Context): Knex.QueryBuilder;
  columns: string[];
  /** Whether the optional keep consent may hold these rows longer, counted from which column. */
  keepFrom?: string;
  destroy(trx: Knex.Transaction, rows: Array<Record<string, unknown>>, c: Context): Promise<Destruction[]>;
}

const ago = (at: Date, ms: number) => new Date(at.getTime() - ms);

/**
 * Retention rules with the policy's periods, and the sweep that applies them: batches of rows,
 * each batch one transaction (a reservation goes with its cells, mail and log line, or stays
 * whole), run by one instance at a time under a lease.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const erasure = () => getService(strapi, 'erasure');
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const config = () => ({ ...(strapi.config.get('plugin::privacy-guard') as Required<PrivacyGuardConfig>) });
  const declared = declarations(strapi);
  /** The content type a rule destroys records of: the one that declares the rule in its `retention`. */
  const typeOf = (rule: RuleName) => {
    const type = declared.forRule(rule);
    if (!type) throw new Error(`privacy-guard: no content type declares the retention rule "${rule}"`);
    return type.uid;
  };
  const tableOf = (uid: string) => strapi.db.metadata.get(uid as never).tableName;
  const MEMBER_PROFILE = declared.uid('member-profile');
  const memberJoin = () =>
    (
      strapi.db.metadata.get(MEMBER_PROFILE).attributes.user as unknown as {
        joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
      }
    ).joinTable;

  const reservationRule = (name: RuleName, where: (q: Knex.QueryBuilder, c: Context) => Knex.QueryBuilder, keepFrom?: string): Rule => ({
    name,
    table: tableOf(typeOf(name)),
    columns: ['id', 'document_id', 'subject_id', 'state', 'starts_at', 'ends_at', 'completed_at', 'cancelled_at'],
    candidates: where,
    keepFrom,
    destroy: (trx, rows, c) => erasure().destroyReservations(trx, rows as unknown as ReservationRow[], name, c.timeZone),
  });

  const rowsRule = (name: RuleName, category: string, where: Rule['candidates']): Rule => {
    const uid = typeOf(name);
    return {
      name,
      table: tableOf(uid),
      columns: ['id', 'document_id', 'subject_id'],
      candidates: where,
      destroy: (trx, rows) => erasure().destroyRows(trx, uid, rows as never, name, category),
    };
  };

  const rules = (): Rule[] => [
    // The policy: "in case of reservation, when treatment is completed" — plus a short grace for the front desk (0–5 days).
    reservationRule(
      'reservation-completed',
      (q, c) =>
        q
          .where('state', 'completed')
          .andWhere((w) =>
            w
              .where('completed_at', '<=', ago(c.at, c.config.retentionGraceDays * DAY))
              .orWhere((x) => x.whereNull('completed_at').andWhere('ends_at', '<=', ago(c.at, c.config.retentionGraceDays * DAY))),
          ),
      'completed_at',
    ),
    // A cancelled or missed reservation has no purpose left: destroyed at once unless the patient consented to keeping it.
    reservationRule('reservation-cancelled', (q) => q.where('state', 'cancelled'), 'cancelled_at'),
    reservationRule('reservation-no-show', (q) => q.where('state', 'no_show'), 'ends_at'),
    reservationRule('reservation-pending-guardian', (q, c) =>
      q.where('state', 'pending_guardian').andWhere('created_at', '<=', ago(c.at, c.config.pendingGuardianHours * HOUR)),
    ),
    rowsRule('consultation-answered', 'consultation', (q, c) =>
      q.where('state', 'answered').andWhere('answered_at', '<=', ago(c.at, c.consultationKeepDays * DAY)),
    ),
    // Complaints are kept 3 years after resolution: the Korean Act on Consumer Protection in
    // Electronic Commerce (enforcement decree art. 6) obliges keeping records of consumer
    // complaints and their handling for 3 years; after that nothing justifies them.
    rowsRule('complaint-resolved', 'complaint', (q, c) =>
      q.where('state', 'resolved').andWhere('resolved_at', '<=', ago(c.at, c.config.complaintKeepDays * DAY)),
    ),
    rowsRule('legal-hold-expired', 'legal-hold', (q, c) => q.where('destroy_at', '<=', c.at)),
    // Members are verified before they are members: a registration nobody confirmed from the address's mailbox has no purpose.
    {
      name: 'unverified-account',
      table: strapi.db.metadata.get('plugin::users-permissions.user').tableName,
      columns: ['id'],
      candidates: (q, c) => {
        const join = memberJoin();
        return q
          .where((w) => w.where('confirmed', false).orWhereNull('confirmed'))
          .andWhere('created_at', '<=', ago(c.at, UNVERIFIED_ACCOUNT_HOURS * HOUR))
          .whereIn('id', strapi.db.connection(join.name).select(join.inverseJoinColumn.name));
      },
      destroy: (trx, rows) => erasure().destroyAccounts(trx, rows as Array<{ id: number }>, 'unverified-account'),
    },
    // The membership consent says it: connection logs for 3 months.
    rowsRule('connection-log', 'connection-log', (q, c) =>
      q.where('occurred_at', '<=', ago(c.at, c.config.connectionLogDays * DAY)),
    ),
    // A browser's cookie choice proves consent while it may still be in force; a year after, the banner asks again.
    {
      name: 'cookie-consent',
      table: tableOf(typeOf('cookie-consent')),
      columns: ['id', 'document_id'],
      candidates: (q, c) => q.where('occurred_at', '<=', ago(c.at, c.config.cookieConsentDays * DAY)),
      destroy: (trx, rows) => erasure().destroyRows(trx, typeOf('cookie-consent'), rows.map((r) => ({ ...r, subject_id: null })) as never, 'cookie-consent', 'cookie-consent'),
    },
  ];

  async function context(): Promise<Context> {
    const cfg = config();
    const [reservationItems, consultationItems, clinic] = await Promise.all([
      host(strapi).consentItems.forChannel('reservation'),
      host(strapi).consentItems.forChannel('consultation'),
      host(strapi).clinic.settings(),
    ]);
    const keep = reservationItems.find((item) => item.kind === 'keep_after_treatment');
    const collection = consultationItems.find((item) => item.kind === 'collection' && item.keepDays !== null);
    return {
      at: getService(strapi, 'clock').now(),
      config: cfg,
      keepDays: keep?.keepDays ?? null,
      consultationKeepDays: collection?.keepDays ?? cfg.consultationKeepDays,
      timeZone: clinic.timeZone,
    };
  }

  /** Splits candidate rows into those to destroy now and those the keep consent holds (with their end date). */
  async function decide(trx: Knex | Knex.Transaction, rule: Rule, rows: Array<Record<string, unknown>>, c: Context) {
    if (!rule.keepFrom || c.keepDays === null) return { destroy: rows, keep: [] as Array<{ id: number; until: Date }> };
    // The keep decision that applies to each reservation: given with that booking, or binding its subject.
    const scopeOf = (row: Record<string, unknown>) => recordScope('reservation', String(row.document_id));
    const keeping = await getService(strapi, 'consent').grantsFor(
      rows.filter((r) => typeof r.subject_id === 'string').map((r) => ({ subjectId: r.subject_id as string, scope: scopeOf(r) })),
      'reservation_keep',
      trx,
    );
    const destroy: Array<Record<string, unknown>> = [];
    const keep: Array<{ id: number; until: Date }> = [];
    for (const row of rows) {
      const from = row[rule.keepFrom] ?? row.ends_at;
      const until = new Date(erasure().toDate(from).getTime() + c.keepDays * DAY);
      if (typeof row.subject_id === 'string' && keeping.has(scopeOf(row)) && until > c.at) keep.push({ id: Number(row.id), until });
      else destroy.push(row);
    }
    return { destroy, keep };
  }

  function page(trx: Knex | Knex.Transaction, rule: Rule, c: Context, afterId: number, limit: number, lock: boolean) {
    const q = rule
      .candidates(trx(rule.table).select(rule.columns).where('id', '>', afterId), c)
      .orderBy('id', 'asc')
      .limit(limit);
    return lock && isPostgres() ? q.forUpdate().skipLocked() : q;
  }

  /** Ended memberships (staff set `expelled` or `withdrawn` in the admin) are erased like a withdrawal. */
  async function endedMembers(limit: number, performedBy: string): Promise<number> {
    const table = tableOf(typeOf('member-ended'));
    const join = memberJoin();
    const rows: Array<{ subject_id: string; state: string; user_id: number | null }> = await strapi.db
      .connection(`${table} as p`)
      .leftJoin(`${join.name} as l`, `l.${join.joinColumn.name}`, 'p.id')
      .select('p.subject_id', 'p.state', `l.${join.inverseJoinColumn.name} as user_id`)
      .whereIn('p.state', ['withdrawn', 'expelled'])
      .limit(limit);
    for (const row of rows) {
      await erasure().eraseSubject({
        subjectId: row.subject_id,
        userId: row.user_id,
        rule: row.state === 'expelled' ? 'expulsion' : 'membership-withdrawn',
        performedBy,
        actor: 'staff',
        withdrawConsents: true,
      });
    }
    return rows.length;
  }

  const zero = (): Counts => Object.fromEntries(RULES.map((r) => [r, 0])) as Counts;

  return {
    /** What a sweep now would destroy, by rule: counts only. */
    async preview(): Promise<{ at: string; counts: Counts }> {
      const c = await context();
      const counts = zero();
      const knex = strapi.db.connection;
      for (const rule of rules()) {
        let afterId = 0;
        for (;;) {
          const rows = await page(knex, rule, c, afterId, 1000, false);
          if (rows.length === 0) break;
          counts[rule.name] += (await decide(knex, rule, rows, c)).destroy.length;
          afterId = Number(rows[rows.length - 1].id);
        }
      }
      const table = tableOf(typeOf('member-ended'));
      const ended = await knex(table).whereIn('state', ['withdrawn', 'expelled']).count({ n: '*' });
      counts['member-ended'] = Number(ended[0].n);
      return { at: c.at.toISOString(), counts };
    },

    /**
     * One sweep: takes the lease (or answers `lease-held`), applies every rule batch by batch
     * and releases the lease with the counts. A crash leaves committed batches done and the
     * rest untouched; the lease then expires and the next run finishes.
     */
    async run(options: SweepOptions = {}): Promise<SweepResult> {
      const lease = getService(strapi, 'lease');
      const c = await context();
      const holder = lease.newHolder();
      const leaseSeconds = c.config.sweepLeaseSeconds;
      if (!(await lease.claim(LEASE, holder, leaseSeconds))) return { ran: false, reason: 'lease-held' };
      let claimedAt = Date.now();
      const performedBy = options.performedBy ?? 'retention-sweep';
      const batchSize = options.batchSize ?? c.config.sweepBatchSize;
      const counts = zero();
      let batches = 0;
      const afterBatch = async (rule: RuleName, destroyed: number) => {
        batches += 1;
        await options.onBatch?.(rule, destroyed);
        // Renewed once a third of it has run rather than after every batch: each renewal is a committed write.
        if (Date.now() - claimedAt < (leaseSeconds * 1000) / 3) return;
        if (!(await lease.claim(LEASE, holder, leaseSeconds))) throw new Error('retention sweep: lease lost');
        claimedAt = Date.now();
      };
      try {
        for (const rule of rules()) {
          let afterId = 0;
          for (;;) {
            const batch = await strapi.db.transaction(async ({ trx }) => {
              await erasure().secure(trx);
              const rows = await page(trx, rule, c, afterId, batchSize, true);
              if (rows.length === 0) return null;
              const { destroy, keep } = await decide(trx, rule, rows, c);
              for (const k of keep) await trx(rule.table).where('id', k.id).update({ keep_until: k.until });
              const entries = await rule.destroy(trx, destroy, c);
              await erasure().log(trx, entries, performedBy, c.at);
              return { lastId: Number(rows[rows.length - 1].id), destroyed: destroy.length };
            });
            if (!batch) break;
            counts[rule.name] += batch.destroyed;
            afterId = batch.lastId;
            await afterBatch(rule.name, batch.destroyed);
          }
        }
        counts['member-ended'] = await endedMembers(batchSize, performedBy);
      } catch (error) {
        await lease.release(LEASE, holder, { error: true });
        throw error;
      } finally {
        // Batches committed before a failure destroyed data too: their old pages leave the WAL either way.
        await erasure().flush();
      }
      const result = { ran: true as const, counts, batches };
      await lease.release(LEASE, holder, { counts, at: c.at.toISOString() });
      return result;
    },
  };
};
