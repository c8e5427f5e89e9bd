import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { cellAt } from '../availability/cells';
import type { Occupancy } from '../availability/slots';
import { fail } from '../../../../plugins/privacy-guard/server/src';

const TABLE = 'booking_slot_cells';

/** SQLite and PostgreSQL words for "that cell has an owner" (and PostgreSQL's deadlock, which means the same). */
function isConflict(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  return code.startsWith('SQLITE_CONSTRAINT') || code === '23505' || code === '40P01';
}

/**
 * The occupied-cell table (database/migrations): the only raw SQL of booking, because it holds
 * no personal data and its primary key is the double-booking guarantee.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Takes the cells for a reservation inside the caller's transaction; a taken cell is `409 SLOT_UNAVAILABLE`. */
  async claim(trx: Knex.Transaction, practitionerId: string, cells: number[], reservationId: string) {
    const rows = [...cells]
      .sort((a, b) => a - b)
      .map((cell) => ({ practitioner_document_id: practitionerId, cell, reservation_document_id: reservationId }));
    try {
      await strapi.db.connection(TABLE).transacting(trx).insert(rows);
    } catch (error) {
      if (isConflict(error)) throw fail(409, 'SLOT_UNAVAILABLE', 'This time has just been taken; please choose another');
      throw error;
    }
  },

  /** Frees a reservation's cells, inside the caller's transaction when there is one. */
  async release(reservationId: string) {
    await strapi.db.transaction(({ trx }) =>
      strapi.db.connection(TABLE).transacting(trx).where({ reservation_document_id: reservationId }).delete(),
    );
  },

  /** Taken cells of the given practitioners between two instants, except those of one reservation. */
  async occupancy(practitionerIds: string[], from: Date, to: Date, exceptReservation?: string): Promise<Occupancy> {
    const occupancy: Occupancy = new Map(practitionerIds.map((id) => [id, new Set<number>()]));
    if (practitionerIds.length === 0) return occupancy;
    // A row per practitioner, its cells as one comma-separated text: a month of one practitioner is a couple
    // of thousand cells, and turning each into a row object was most of a slot query's database time.
    const knex = strapi.db.connection;
    const list =
      strapi.db.dialect.client === 'postgres' ? knex.raw("string_agg(cell::text, ',') as cells") : knex.raw('group_concat(cell) as cells');
    const rows: Array<{ practitioner_document_id: string; cells: string | null }> = await knex(TABLE)
      .select('practitioner_document_id', list)
      .whereIn('practitioner_document_id', practitionerIds)
      .whereBetween('cell', [cellAt(from), cellAt(to)])
      .modify((q) => {
        if (exceptReservation) q.whereNot('reservation_document_id', exceptReservation);
      })
      .groupBy('practitioner_document_id');
    for (const row of rows) {
      const taken = occupancy.get(row.practitioner_document_id);
      for (const cell of row.cells?.split(',') ?? []) taken?.add(Number(cell));
    }
    return occupancy;
  },
});
