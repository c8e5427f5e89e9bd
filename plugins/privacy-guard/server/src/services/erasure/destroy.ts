import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { USER } from '../../utils/uids';
import { declarations } from '../../declarations';
import { whereInList } from '../../utils/bulk';
import * as tables from '../../repositories/tables';
import type { Destruction } from './destruction-log';
import type { mailAndUploads } from './mail-and-uploads';
import type { statisticsOfDestroyed, ReservationRow } from './statistics';

const SLOT_CELLS_TABLE = 'booking_slot_cells';

/** Deletes rows (never flags them) with their mail and uploads; returns the log lines. */
export const destroying = (
  strapi: Core.Strapi,
  { deleteMail, destroyUploads }: ReturnType<typeof mailAndUploads>,
  { countStatistics }: ReturnType<typeof statisticsOfDestroyed>,
) => {
  const declared = declarations(strapi);
  const RESERVATION = declared.uid('reservation');
  const MEMBER_PROFILE = declared.uid('member-profile');
  const OUTBOX = declared.uid('outbox');
  const tableOf = (uid: string) => tables.tableOf(strapi, uid);
  const joinOf = (uid: string, attribute: string) => tables.joinOf(strapi, uid, attribute);

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
      const mails = subjectId ? await deleteMail(trx, (q) => q.where('subject_id', subjectId).whereIn('kind', ['account.confirm-email', 'account.password-reset', 'account.notice'])) : 0;
      if (mails) own.push({ rule, category: 'outbox-mail', contentType: OUTBOX, subjectId, count: mails });
      // Through the query engine: it unlinks the account's role and relations before the row goes.
      if (await strapi.db.query(USER).delete({ where: { id } })) own.push({ rule, category: 'member-account', contentType: USER, subjectId, count: 1 });
      for (const e of own) e.subjectId ??= subjectId;
      entries.push(...own);
    }
    return entries;
  }

  return { destroyReservations, destroyRows, destroyAccounts };
};
