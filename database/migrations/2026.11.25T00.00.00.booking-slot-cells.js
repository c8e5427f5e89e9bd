'use strict';

/**
 * The table that makes double booking impossible: one row per occupied 5-minute cell of a
 * practitioner, owned by one reservation. The composite primary key lets the database refuse
 * a second reservation of the same cell, whatever the number of servers or requests.
 * Strapi never managed this table, so its schema sync leaves it alone.
 */
async function up(knex) {
  if (await knex.schema.hasTable('booking_slot_cells')) return;
  await knex.schema.createTable('booking_slot_cells', (table) => {
    table.string('practitioner_document_id', 64).notNullable();
    table.bigInteger('cell').notNullable();
    table.string('reservation_document_id', 64).notNullable();
    table.primary(['practitioner_document_id', 'cell'], 'booking_slot_cells_pk');
    table.index(['reservation_document_id'], 'booking_slot_cells_reservation_idx');
  });
}

module.exports = { up };
