import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { CONNECTION_LOG_UID } from './connection-log';
import type { Knex } from 'knex';
import { getService, host } from '../utils';
import { CORRECTION, USER } from '../utils/uids';
import { declarations } from '../declarations';
import { localDate } from '../utils/clinic-time';
import { eraseBoardWriting } from '../utils/board-erasure';
import { whereInList } from '../utils/bulk';
import * as tables from '../repositories/tables';
import { destructionLogRepository, recordsRepository, statisticsRepository } from '../repositories';

const SLOT_CELLS_TABLE = 'booking_slot_cells';
const QUARTER_HOUR = 15 * 60 * 1000;

/** One line of the destruction log: what went, never the values. */
export interface Destruction {
  rule: string;
  category: string;
  contentType: string;
  subjectId: string | null;
  count: number;
}

export interface DestructionReceipt {
  reference: string;
  destroyedAt: string;
  categories: Array<{ category: string; count: number }>;
}

export interface SubjectErasure {
  subjectId: string;
  /** The member account to delete with its profile (a member's own request, or expulsion). */
  userId?: number | null;
  rule: 'withdrawal' | 'membership-withdrawn' | 'expulsion';
  performedBy: string;
  /** Who withdraws in the consent ledger: the person, or staff for an expulsion. */
  actor: 'self' | 'staff';
  /** Also the ledger's withdrawn rows for every standing grant (not for a retention sweep). */
  withdrawConsents?: boolean;
}

/** A reservation as the sweep and erasure read it: ids and the non-personal skeleton statistics need. */
export interface ReservationRow {
  id: number;
  document_id: string;
  subject_id: string | null;
  state: string;
  starts_at: unknown;
}

type Row = Record<string, unknown>;

export const toDate = (value: unknown): Date => {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  if (/^\d+$/.test(text)) return new Date(Number(text));
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
};

const newReference = () => `D-${randomBytes(5).toString('hex').toUpperCase()}`;

/**
 * Destroys personal data at once and for good: rows are deleted (or, for complaints, their
 * personal fields overwritten with null), never flagged. Statistics are counted first, every
 * destruction is logged without its values, and on SQLite deleted bytes are zeroed
 * (`secure_delete`) and the write-ahead log truncated so no old page keeps them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const declared = declarations(strapi);
  const RESERVATION = declared.uid('reservation');
  const MEMBER_PROFILE = declared.uid('member-profile');
  const CONSULTATION = declared.uid('consultation');
  const COMPLAINT = declared.uid('complaint');
  const OUTBOX = declared.uid('outbox');
  const isSqlite = () => strapi.db.dialect.client === 'sqlite';
  let hasMorphTable: boolean | undefined;
  const now = () => getService(strapi, 'clock').now();
  const tableOf = (uid: string) => tables.tableOf(strapi, uid);
  const joinOf = (uid: string, attribute: string) => tables.joinOf(strapi, uid, attribute);
  const statistics = statisticsRepository(strapi);
  const destructionLog = destructionLogRepository(strapi);
  const records = recordsRepository(strapi);

  /** Zeroes what a transaction deletes (SQLite keeps deleted cells on free pages otherwise). */
  async function secure(trx: Knex.Transaction) {
    if (isSqlite()) await trx.raw('PRAGMA secure_delete = ON');
  }

  /** Old page images of the deleted rows live on in the WAL until it is checkpointed and cut. */
  async function flush() {
    if (!isSqlite()) return;
    const [result] = (await strapi.db.connection.raw('PRAGMA wal_checkpoint(TRUNCATE)')) as Array<{ busy: number }>;
    // A reader kept the log from being cut: the deleted rows' old pages stay in it until the next checkpoint.
    if (result?.busy)
      strapi.log.warn(
        'privacy-guard: the write-ahead log could not be truncated after destroying data (busy); it will be at the next sweep',
      );
  }

  /**
   * Deletes outbox rows and, while no SMTP server is set, the copies of sent mail the outbox
   * left in MAIL_DIR (they hold the person's name and address in clear).
   */
  async function deleteMail(trx: Knex.Transaction, where: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<number> {
    const rows: Array<{ id: number; document_id: string }> = await where(trx(tableOf(OUTBOX)).select('id', 'document_id'));
    if (rows.length === 0) return 0;
    for (let i = 0; i < rows.length; i += 500)
      await whereInList(
        trx,
        trx(tableOf(OUTBOX)),
        'id',
        rows.slice(i, i + 500).map((r) => r.id),
      ).delete();
    if (!process.env.SMTP_HOST) {
      const dir = process.env.MAIL_DIR || path.join('.tmp', 'mail');
      const base = path.isAbsolute(dir) ? dir : path.join(strapi.dirs.app.root, dir);
      await Promise.all(rows.map((r) => fs.rm(path.join(base, `${r.document_id}.eml`), { force: true })));
    }
    return rows.length;
  }

  const log = (trx: Knex.Transaction, entries: Destruction[], performedBy: string, at: Date) => destructionLog.append(trx, entries, performedBy, at);

  /** Counts per day (clinic time), treatment and channel that outlive the reservations. */
  async function countStatistics(trx: Knex.Transaction, rows: ReservationRow[], zone?: string) {
    if (rows.length === 0) return;
    const timeZone = zone ?? (await host(strapi).clinic.settings()).timeZone;
    const join = joinOf(RESERVATION, 'service');
    const serviceTable = tableOf(tables.targetOf(strapi, RESERVATION, 'service'));
    const services = new Map<number, string>();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const links: Array<{ rid: number; sid: string }> = await whereInList(
        trx,
        trx(`${join.name} as l`).join(`${serviceTable} as s`, 's.id', `l.${join.inverseJoinColumn.name}`),
        `l.${join.joinColumn.name}`,
        ids.slice(i, i + 500),
      ).select(`l.${join.joinColumn.name} as rid`, 's.document_id as sid');
      for (const link of links) services.set(Number(link.rid), link.sid);
    }
    const counts = new Map<string, { day: string; metric: string; dimension: string | null; count: number }>();
    // Zone arithmetic is the costliest step per row; a quarter hour never straddles a day in any zone.
    const days = new Map<number, string>();
    const dayOf = (at: Date) => {
      const quarter = Math.floor(at.getTime() / QUARTER_HOUR);
      let day = days.get(quarter);
      if (day === undefined) days.set(quarter, (day = localDate(at, timeZone)));
      return day;
    };
    for (const row of rows) {
      const day = dayOf(toDate(row.starts_at));
      const metric = `reservation.${row.state}`;
      const dimension = services.get(Number(row.id)) ?? null;
      const key = `${day}|${metric}|${dimension}`;
      const entry = counts.get(key) ?? { day, metric, dimension, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    await statistics.add(
      trx,
      [...counts.values()].map((c) => ({ ...c, channel: 'online' })),
    );
  }

  /** Files of the upload plugin attached to destroyed entries (none of today's content types has one). */
  async function destroyUploads(trx: Knex.Transaction, uid: string, ids: number[]): Promise<number> {
    if (ids.length === 0 || !strapi.plugin('upload')) return 0;
    // The upload plugin's morph table, as its metadata names it.
    const morph = tables.joinOf(strapi, 'plugin::upload.file', 'related').name;
    hasMorphTable ??= await trx.schema.hasTable(morph);
    if (!hasMorphTable) return 0;
    const fileIds: number[] = (await whereInList(trx, trx(morph).where('related_type', uid), 'related_id', ids).distinct('file_id')).map(
      (r: Row) => Number(r.file_id),
    );
    const upload = strapi.plugin('upload').service('upload') as { remove(file: unknown): Promise<unknown> };
    for (const id of fileIds) {
      const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id } });
      if (file) await upload.remove(file);
    }
    return fileIds.length;
  }

  /**
   * Deletes reservations with their slot cells and their mail, after counting them for
   * statistics; returns the log lines (one per subject). Inside the caller's transaction.
   */
  async function destroyReservations(
    trx: Knex.Transaction,
    rows: ReservationRow[],
    rule: string,
    timeZone?: string,
  ): Promise<Destruction[]> {
    if (rows.length === 0) return [];
    await countStatistics(trx, rows, timeZone);
    const docIds = rows.map((r) => r.document_id);
    const ids = rows.map((r) => r.id);
    const uploads = await destroyUploads(trx, RESERVATION, ids);
    await whereInList(trx, trx(SLOT_CELLS_TABLE), 'reservation_document_id', docIds).delete();
    const mails = await deleteMail(trx, (q) => whereInList(trx, q, 'related_document_id', docIds));
    await whereInList(trx, trx(tableOf(RESERVATION)), 'id', ids).delete();
    const perSubject = new Map<string | null, number>();
    for (const row of rows) perSubject.set(row.subject_id, (perSubject.get(row.subject_id) ?? 0) + 1);
    const entries: Destruction[] = [...perSubject].map(([subjectId, count]) => ({
      rule,
      category: 'reservation',
      contentType: RESERVATION,
      subjectId,
      count,
    }));
    if (mails) entries.push({ rule, category: 'outbox-mail', contentType: OUTBOX, subjectId: null, count: mails });
    if (uploads) entries.push({ rule, category: 'upload', contentType: 'plugin::upload.file', subjectId: null, count: uploads });
    return entries;
  }

  /** Deletes rows of one content type by id, with their mail; one log line. */
  async function destroyRows(
    trx: Knex.Transaction,
    uid: string,
    rows: Array<{ id: number; document_id: string; subject_id: string | null }>,
    rule: string,
    category: string,
  ) {
    if (rows.length === 0) return [] as Destruction[];
    const uploads = await destroyUploads(
      trx,
      uid,
      rows.map((r) => r.id),
    );
    const mails = await deleteMail(trx, (q) =>
      whereInList(
        trx,
        q,
        'related_document_id',
        rows.map((r) => r.document_id),
      ),
    );
    const count = await whereInList(
      trx,
      trx(tableOf(uid)),
      'id',
      rows.map((r) => r.id),
    ).delete();
    const perSubject = new Map<string | null, number>();
    for (const row of rows) perSubject.set(row.subject_id, (perSubject.get(row.subject_id) ?? 0) + 1);
    const entries: Destruction[] = count
      ? [...perSubject].map(([subjectId, n]) => ({ rule, category, contentType: uid, subjectId, count: n }))
      : [];
    if (mails) entries.push({ rule, category: 'outbox-mail', contentType: OUTBOX, subjectId: null, count: mails });
    if (uploads) entries.push({ rule, category: 'upload', contentType: 'plugin::upload.file', subjectId: null, count: uploads });
    return entries;
  }

  /**
   * Member accounts never confirmed, with their profiles and the mail about them (confirmation
   * links, reset codes); nothing else of the subject: anyone can register with any address, and
   * what the address's owner holds (reservations, consultations) is not the account's. The
   * ledger keeps its pseudonymous rows. Inside the caller's transaction; log lines per account and kind.
   */
  async function destroyAccounts(trx: Knex.Transaction, users: Array<{ id: number }>, rule: string): Promise<Destruction[]> {
    const join = joinOf(MEMBER_PROFILE, 'user');
    const entries: Destruction[] = [];
    for (const { id } of users) {
      const profiles: Array<{ id: number; document_id: string; subject_id: string | null }> = await trx(tableOf(MEMBER_PROFILE))
        .select('id', 'document_id', 'subject_id')
        .whereIn('id', trx(join.name).select(join.joinColumn.name).where(join.inverseJoinColumn.name, id));
      const subjectId = profiles[0]?.subject_id ?? null;
      const own = await destroyRows(trx, MEMBER_PROFILE, profiles, rule, 'member-profile');
      const mails = subjectId ? await deleteMail(trx, (q) => q.where('subject_id', subjectId).whereIn('kind', ['account.confirm-email', 'account.password-reset'])) : 0;
      if (mails) own.push({ rule, category: 'outbox-mail', contentType: OUTBOX, subjectId, count: mails });
      // Through the query engine: it unlinks the account's role and relations before the row goes.
      if (await strapi.db.query(USER).delete({ where: { id } })) own.push({ rule, category: 'member-account', contentType: USER, subjectId, count: 1 });
      for (const e of own) e.subjectId ??= subjectId;
      entries.push(...own);
    }
    return entries;
  }

  /** Rows of a content type that belong to a subject: by its pseudonymous id, or by the member account. */
  async function rowsOfSubject(trx: Knex.Transaction, uid: string, subjectId: string, userId: number | null | undefined, select: string[]) {
    const table = tableOf(uid);
    const hasMember = Boolean((strapi.db.metadata.get(uid).attributes as Record<string, unknown>).member);
    const query = trx(table)
      .select(select.map((c) => `${table}.${c}`))
      .where(`${table}.subject_id`, subjectId);
    if (userId && hasMember) {
      const join = joinOf(uid, 'member');
      query.orWhereIn(`${table}.id`, trx(join.name).select(join.joinColumn.name).where(join.inverseJoinColumn.name, userId));
    }
    return query;
  }

  /**
   * The ledger's withdrawn rows, in scope `subject`, for every item any record of the subject
   * was last told yes, per channel it was given on; membership consents only when the member
   * account goes too.
   */
  async function withdrawConsents(subjectId: string, actor: 'self' | 'staff', withMembership: boolean) {
    const consent = getService(strapi, 'consent');
    const state = await consent.stateInAnyScope(subjectId);
    const byChannel = new Map<string, Record<string, boolean>>();
    for (const [key, item] of Object.entries(state)) {
      if (!item.granted || (item.channel === 'membership' && !withMembership)) continue;
      byChannel.set(item.channel, { ...(byChannel.get(item.channel) ?? {}), [key]: false });
    }
    for (const [channel, consents] of byChannel) {
      await consent.record({ subjectId, channel: channel as never, consents, actor, scope: 'subject' });
    }
  }

  return {
    toDate,
    destroyReservations,
    destroyRows,
    destroyAccounts,
    log,
    secure,
    flush,

    /**
     * Everything held on one person, destroyed in one transaction: member account and profile,
     * reservations (counted for statistics first; their time freed), consultations,
     * correction requests, the personal fields of complaints, their mail, their uploads. The
     * ledger keeps its pseudonymous rows and gains the withdrawals. Returns the receipt.
     */
    async eraseSubject(input: SubjectErasure): Promise<DestructionReceipt> {
      const at = now();
      const reference = newReference();
      const performedBy = `${input.performedBy}:${reference}`;
      const entries: Destruction[] = [];
      await strapi.db.transaction(async ({ trx }) => {
        await secure(trx);
        if (input.withdrawConsents) await withdrawConsents(input.subjectId, input.actor, Boolean(input.userId));

        const reservations = (await rowsOfSubject(trx, RESERVATION, input.subjectId, input.userId, [
          'id',
          'document_id',
          'subject_id',
          'state',
          'starts_at',
        ])) as ReservationRow[];
        entries.push(...(await destroyReservations(trx, reservations, input.rule)));

        const consultations = await rowsOfSubject(trx, CONSULTATION, input.subjectId, input.userId, ['id', 'document_id', 'subject_id']);
        entries.push(...(await destroyRows(trx, CONSULTATION, consultations, input.rule, 'consultation')));

        const corrections = await trx(tableOf(CORRECTION)).select('id', 'document_id', 'subject_id').where('subject_id', input.subjectId);
        entries.push(...(await destroyRows(trx, CORRECTION, corrections, input.rule, 'correction-request')));

        const connections = await trx(tableOf(CONNECTION_LOG_UID)).select('id', 'document_id', 'subject_id').where('subject_id', input.subjectId);
        entries.push(...(await destroyRows(trx, CONNECTION_LOG_UID, connections, input.rule, 'connection-log')));

        const complaints = await trx(tableOf(COMPLAINT))
          .select('id', 'document_id')
          .where('subject_id', input.subjectId)
          .whereNotNull('email');
        if (complaints.length) {
          const docIds = complaints.map((c: Row) => String(c.document_id));
          const mails = await deleteMail(trx, (q) => q.whereIn('related_document_id', docIds));
          await records.blank(
            trx,
            COMPLAINT,
            complaints.map((c: Row) => Number(c.id)),
          );
          entries.push({
            rule: input.rule,
            category: 'complaint-personal-fields',
            contentType: COMPLAINT,
            subjectId: input.subjectId,
            count: complaints.length,
          });
          if (mails)
            entries.push({ rule: input.rule, category: 'outbox-mail', contentType: OUTBOX, subjectId: input.subjectId, count: mails });
        }

        entries.push(...(await eraseBoardWriting(strapi, input.subjectId, input.userId, input.rule)));

        if (input.userId) {
          const join = joinOf(MEMBER_PROFILE, 'user');
          const profiles = await trx(tableOf(MEMBER_PROFILE))
            .select('id', 'document_id', 'subject_id')
            .where('subject_id', input.subjectId)
            .orWhereIn('id', trx(join.name).select(join.joinColumn.name).where(join.inverseJoinColumn.name, input.userId));
          entries.push(...(await destroyRows(trx, MEMBER_PROFILE, profiles, input.rule, 'member-profile')));
          // Through the query engine: it unlinks the account's role and relations before the row goes.
          const removed = await strapi.db.query(USER).delete({ where: { id: input.userId } });
          if (removed)
            entries.push({ rule: input.rule, category: 'member-account', contentType: USER, subjectId: input.subjectId, count: 1 });
        }

        const mails = await deleteMail(trx, (q) => q.where('subject_id', input.subjectId));
        if (mails)
          entries.push({ rule: input.rule, category: 'outbox-mail', contentType: OUTBOX, subjectId: input.subjectId, count: mails });
        for (const e of entries) if (e.subjectId === null) e.subjectId = input.subjectId;
        await log(trx, entries, performedBy, at);
      });
      await flush();
      const categories = new Map<string, number>();
      for (const e of entries) categories.set(e.category, (categories.get(e.category) ?? 0) + e.count);
      return { reference, destroyedAt: at.toISOString(), categories: [...categories].map(([category, count]) => ({ category, count })) };
    },
  };
};
