import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { getService } from '.';
import { CORRECTION } from './uids';
import { declarations } from '../declarations';
import type { Destruction, DestructionReceipt, ReservationRow } from '../services/erasure';

interface RecordErasure {
  /** A reservation's or a consultation's type: the records erased one by one (a manage token's withdrawal, a deletion in the Content Manager). */
  uid: string;
  documentIds: string[];
  /** The destruction log's rule: `withdrawal` (the person), `staff-deletion` (the Content Manager). */
  rule: 'withdrawal' | 'staff-deletion';
  /** Who, as the destruction log names them: `self` or `admin:<id>`. */
  performedBy: string;
}

/**
 * Destroys single records and what hangs on them, nothing else of the address: a reservation
 * counted for statistics first, its time freed, its mail and the corrections asked through it
 * deleted; a consultation with its mail. Logged in the destruction log; the receipt has the shape
 * of a subject's. Inside the caller's transaction when there is one.
 */
export async function eraseRecords(strapi: Core.Strapi, input: RecordErasure): Promise<DestructionReceipt> {
  const erasure = getService(strapi, 'erasure');
  const at = getService(strapi, 'clock').now();
  const reference = `D-${randomBytes(5).toString('hex').toUpperCase()}`;
  const table = (uid: string) => strapi.db.metadata.get(uid as never).tableName;
  const RESERVATION = declarations(strapi).uid('reservation');
  const CONSULTATION = declarations(strapi).uid('consultation');
  const entries: Destruction[] = [];
  await strapi.db.transaction(async ({ trx }) => {
    await erasure.secure(trx);
    if (input.uid === RESERVATION) {
      const reservations = (await trx(table(RESERVATION))
        .select('id', 'document_id', 'subject_id', 'state', 'starts_at')
        .whereIn('document_id', input.documentIds)) as ReservationRow[];
      entries.push(...(await erasure.destroyReservations(trx, reservations, input.rule)));
      const corrections = await trx(table(CORRECTION)).select('id', 'document_id', 'subject_id').whereIn('reservation_document_id', input.documentIds);
      entries.push(...(await erasure.destroyRows(trx, CORRECTION, corrections, input.rule, 'correction-request')));
    } else {
      const consultations = await trx(table(CONSULTATION)).select('id', 'document_id', 'subject_id').whereIn('document_id', input.documentIds);
      entries.push(...(await erasure.destroyRows(trx, CONSULTATION, consultations, input.rule, 'consultation')));
    }
    // Mail and upload lines name no subject of their own: they are the one person's when the records are one person's.
    const subjects = new Set(entries.map((e) => e.subjectId).filter((id) => id !== null));
    if (subjects.size === 1) for (const e of entries) e.subjectId ??= [...subjects][0];
    await erasure.log(trx, entries, `${input.performedBy}:${reference}`, at);
  });
  await erasure.flush();
  const categories = new Map<string, number>();
  for (const e of entries) categories.set(e.category, (categories.get(e.category) ?? 0) + e.count);
  return { reference, destroyedAt: at.toISOString(), categories: [...categories].map(([category, count]) => ({ category, count })) };
}

/** Withdrawal through a manage token: the one reservation it opens is destroyed, and nothing else of the address. */
export const eraseReservation = (strapi: Core.Strapi, documentId: string) =>
  eraseRecords(strapi, { uid: declarations(strapi).uid('reservation'), documentIds: [documentId], rule: 'withdrawal', performedBy: 'self' });
