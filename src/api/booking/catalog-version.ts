import type { Core } from '@strapi/strapi';

const TABLE = 'booking_catalog_version';

/** What the slot query reads of the catalogue: a write to any of these changes its answers. */
const CATALOG = new Set(['api::clinic.clinic', 'api::service.service', 'api::practitioner.practitioner', 'api::closure.closure']);
const WRITES = new Set(['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany']);

/** The catalogue's version every instance sees (database/migrations); null if its row is missing, which means: trust no copy. */
export async function readCatalogVersion(strapi: Core.Strapi): Promise<number | null> {
  const row: { version: number | string } | undefined = await strapi.db.connection(TABLE).first('version').where({ id: 1 });
  return row ? Number(row.version) : null;
}

/**
 * A database lifecycle subscriber: whatever writes the catalogue (the admin, a script, the
 * Document Service or `strapi.db.query`), the version moves in the same transaction as the
 * write, so no instance can see the new version with the old content. After the write, not
 * before: outside a transaction, a reader then sees the old version at worst, and reads again
 * at its next query.
 */
export const bumpCatalogVersion =
  (strapi: Core.Strapi) =>
  async (event: { action: string; model: { uid: string } }): Promise<void> => {
    if (!WRITES.has(event.action) || !CATALOG.has(event.model.uid)) return;
    await strapi.db.transaction(({ trx }) => strapi.db.connection(TABLE).transacting(trx).where({ id: 1 }).increment('version', 1));
  };
