'use strict';

/**
 * One row, one number: the version of what the slot query reads of the catalogue (clinic
 * settings, services, practitioners and their hours, closures). Every change to those bumps it
 * in the change's own transaction (src/api/booking/catalog-version.ts), so each instance can
 * keep the catalogue in memory and check one number per query instead of reading it all again.
 * Strapi never managed this table, so its schema sync leaves it alone.
 */
async function up(knex) {
  if (await knex.schema.hasTable('booking_catalog_version')) return;
  await knex.schema.createTable('booking_catalog_version', (table) => {
    table.integer('id').primary();
    table.bigInteger('version').notNullable();
  });
  await knex('booking_catalog_version').insert({ id: 1, version: 0 });
}

module.exports = { up };
