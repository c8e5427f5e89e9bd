import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { PERSONAL_FIELDS } from '../utils/personal-fields';

export interface RotationResult {
  primaryKeyId: string;
  /** Values re-encrypted, per content type. */
  rotated: Record<string, number>;
  /** Rows looked at, per content type. */
  scanned: Record<string, number>;
}

/**
 * Key rotation: every personal value not under the first key of PRIVACY_DATA_KEYS (an older
 * key, or plaintext from before encryption) is re-encrypted under it, in batches, each batch
 * in its own transaction. Run it after putting a new key first; drop the old key once it is done.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async rotate({ batchSize = 200 }: { batchSize?: number } = {}): Promise<RotationResult> {
    const crypto = getService(strapi, 'crypto');
    const result: RotationResult = { primaryKeyId: crypto.primaryKeyId(), rotated: {}, scanned: {} };
    for (const [uid, { table, encrypted }] of Object.entries(PERSONAL_FIELDS)) {
      // Straight to the table: a rotation changes no content, so no lifecycle or timestamp should see it.
      const attributes = strapi.db.metadata.get(uid).attributes as Record<string, { columnName?: string }>;
      const columns = encrypted.map((field) => attributes[field]?.columnName ?? field);
      result.rotated[uid] = 0;
      result.scanned[uid] = 0;
      let lastId = 0;
      for (;;) {
        const rows = (await strapi.db.connection(table).select('id', ...columns).where('id', '>', lastId).orderBy('id', 'asc').limit(batchSize)) as Array<
          Record<string, unknown> & { id: number }
        >;
        if (rows.length === 0) break;
        await strapi.db.transaction(async ({ trx }) => {
          for (const row of rows) {
            const data: Record<string, string | null> = {};
            for (const column of columns) {
              if (crypto.needsRotation(row[column])) data[column] = crypto.encrypt(crypto.decrypt(row[column] as string));
            }
            if (Object.keys(data).length === 0) continue;
            await trx(table).where('id', row.id).update(data);
            result.rotated[uid] += Object.keys(data).length;
          }
        });
        result.scanned[uid] += rows.length;
        lastId = Number(rows[rows.length - 1].id);
      }
    }
    return result;
  },
});
