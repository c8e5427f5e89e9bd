import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CONNECTION_LOG_UID } from '../connection-log';
import { getService } from '../../utils';
import { CORRECTION, USER } from '../../utils/uids';
import { declarations } from '../../declarations';
import { eraseBoardWriting } from '../../utils/board-erasure';
import * as tables from '../../repositories/tables';
import { recordsRepository } from '../../repositories';
import { destructionLog, newReference, type Destruction, type DestructionReceipt } from './destruction-log';
import type { destroying } from './destroy';
import type { mailAndUploads } from './mail-and-uploads';
import type { shredding } from './shredding';
import type { ReservationRow } from './statistics';

type Row = Record<string, unknown>;

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

/** A member account that proves nothing of an address (never confirmed, or without a profile), deleted by staff. */
export interface AccountErasure {
  userId: number;
  performedBy: string;
}

const receiptOf = (reference: string, at: Date, entries: Destruction[]): DestructionReceipt => {
  const categories = new Map<string, number>();
  for (const e of entries) categories.set(e.category, (categories.get(e.category) ?? 0) + e.count);
  return { reference, destroyedAt: at.toISOString(), categories: [...categories].map(([category, count]) => ({ category, count })) };
};

/** A subject's erasure: everything held on one person, in one transaction, with its receipt. */
export const subjectErasure = (
  strapi: Core.Strapi,
  { destroyReservations, destroyRows, destroyAccounts }: ReturnType<typeof destroying>,
  { deleteMail }: ReturnType<typeof mailAndUploads>,
  { secure, flush }: ReturnType<typeof shredding>,
) => {
  const declared = declarations(strapi);
  const RESERVATION = declared.uid('reservation');
  const MEMBER_PROFILE = declared.uid('member-profile');
  const CONSULTATION = declared.uid('consultation');
  const COMPLAINT = declared.uid('complaint');
  const OUTBOX = declared.uid('outbox');
  const now = () => getService(strapi, 'clock').now();
  const tableOf = (uid: string) => tables.tableOf(strapi, uid);
  const joinOf = (uid: string, attribute: string) => tables.joinOf(strapi, uid, attribute);
  const log = destructionLog(strapi);
  const records = recordsRepository(strapi);

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
      return receiptOf(reference, at, entries);
    },

    /**
     * An account whose address was never confirmed (or that has no profile), deleted by staff: the
     * account, its profile and the mail about it, logged as `staff-deletion`; nothing else of the
     * address, which the account proves nothing about (anyone can register with any address).
     */
    async eraseAccount(input: AccountErasure): Promise<DestructionReceipt> {
      const at = now();
      const reference = newReference();
      const entries: Destruction[] = [];
      await strapi.db.transaction(async ({ trx }) => {
        await secure(trx);
        entries.push(...(await destroyAccounts(trx, [{ id: input.userId }], 'staff-deletion')));
        await log(trx, entries, `${input.performedBy}:${reference}`, at);
      });
      await flush();
      return receiptOf(reference, at, entries);
    },
  };
};
