import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { getService } from '.';
import { CORRECTION, RESERVATION } from './uids';
import type { Destruction, DestructionReceipt, ReservationRow } from '../services/erasure';

/**
 * Withdrawal through a manage token: the one reservation it opens is destroyed (counted for
 * statistics first, its time freed, its mail and the corrections asked through it deleted), and
 * nothing else of the address. The receipt has the shape of a subject's.
 */
export async function eraseReservation(strapi: Core.Strapi, documentId: string, subjectId: string): Promise<DestructionReceipt> {
  const erasure = getService(strapi, 'erasure');
  const at = getService(strapi, 'clock').now();
  const reference = `D-${randomBytes(5).toString('hex').toUpperCase()}`;
  const entries: Destruction[] = [];
  await strapi.db.transaction(async ({ trx }) => {
    await erasure.secure(trx);
    const reservations = (await trx(strapi.db.metadata.get(RESERVATION).tableName)
      .select('id', 'document_id', 'subject_id', 'state', 'starts_at')
      .where('document_id', documentId)) as ReservationRow[];
    entries.push(...(await erasure.destroyReservations(trx, reservations, 'withdrawal')));
    const corrections = await trx(strapi.db.metadata.get(CORRECTION).tableName)
      .select('id', 'document_id', 'subject_id')
      .where('reservation_document_id', documentId);
    entries.push(...(await erasure.destroyRows(trx, CORRECTION, corrections, 'withdrawal', 'correction-request')));
    for (const e of entries) if (e.subjectId === null) e.subjectId = subjectId;
    await erasure.log(trx, entries, `self:${reference}`, at);
  });
  await erasure.flush();
  const categories = new Map<string, number>();
  for (const e of entries) categories.set(e.category, (categories.get(e.category) ?? 0) + e.count);
  return { reference, destroyedAt: at.toISOString(), categories: [...categories].map(([category, count]) => ({ category, count })) };
}
