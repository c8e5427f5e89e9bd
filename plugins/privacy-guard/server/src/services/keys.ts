import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { PERSONAL_FIELDS } from '../utils/personal-fields';
import { keyIdOf, parseKeyring } from '../utils/keyring';

export interface RotationResult {
  primaryKeyId: string;
  /** Values re-encrypted, per content type. */
  rotated: Record<string, number>;
  /** Rows looked at, per content type. */
  scanned: Record<string, number>;
}

export interface KeyStatus {
  primaryKeyId: string;
  keyIds: string[];
  /** Stored values per key id (`plaintext` for values from before encryption). */
  byKey: Record<string, number>;
  byType: Record<string, Record<string, number>>;
}

type EncryptedPage = { uid: string; table: string; columns: string[]; rows: Array<Record<string, unknown> & { id: number }> };

/**
 * Key rotation: every personal value not under the first key of PRIVACY_DATA_KEYS (an older
 * key, or plaintext from before encryption) is re-encrypted under it, in batches, each batch
 * in its own transaction. Run it after putting a new key first; drop the old key once it is done.
 * The key status in the admin's Settings counts values per key id over the same scan.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Every row's encrypted columns, table by table, in pages by id, straight from the tables. */
  async function* encryptedPages(batchSize: number): AsyncGenerator<EncryptedPage> {
    for (const [uid, { table, encrypted }] of Object.entries(PERSONAL_FIELDS)) {
      const attributes = strapi.db.metadata.get(uid).attributes as Record<string, { columnName?: string }>;
      const columns = encrypted.map((field) => attributes[field]?.columnName ?? field);
      let lastId = 0;
      for (;;) {
        const rows = (await strapi.db
          .connection(table)
          .select('id', ...columns)
          .where('id', '>', lastId)
          .orderBy('id', 'asc')
          .limit(batchSize)) as EncryptedPage['rows'];
        if (rows.length === 0) break;
        yield { uid, table, columns, rows };
        lastId = Number(rows[rows.length - 1].id);
      }
    }
  }

  return {
    async rotate({ batchSize = 200 }: { batchSize?: number } = {}): Promise<RotationResult> {
      const crypto = getService(strapi, 'crypto');
      const result: RotationResult = { primaryKeyId: crypto.primaryKeyId(), rotated: {}, scanned: {} };
      for (const uid of Object.keys(PERSONAL_FIELDS)) {
        result.rotated[uid] = 0;
        result.scanned[uid] = 0;
      }
      // Straight to the table: a rotation changes no content, so no lifecycle or timestamp should see it.
      for await (const { uid, table, columns, rows } of encryptedPages(batchSize)) {
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
      }
      return result;
    },

    /** How many stored values each key id encrypts (and how many are still plaintext), per content type. */
    async status(): Promise<KeyStatus> {
      const crypto = getService(strapi, 'crypto');
      const byKey: Record<string, number> = {};
      const byType: Record<string, Record<string, number>> = Object.fromEntries(Object.keys(PERSONAL_FIELDS).map((uid) => [uid, {}]));
      for await (const { uid, columns, rows } of encryptedPages(1000)) {
        for (const row of rows) {
          for (const column of columns) {
            if (row[column] === null || row[column] === undefined || row[column] === '') continue;
            const key = keyIdOf(row[column]) ?? 'plaintext';
            byKey[key] = (byKey[key] ?? 0) + 1;
            byType[uid][key] = (byType[uid][key] ?? 0) + 1;
          }
        }
      }
      return { primaryKeyId: crypto.primaryKeyId(), keyIds: [...parseKeyring(process.env).dataKeys.keys()], byKey, byType };
    },
  };
};
