import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { recordsRepository, type PersonalPlace, type StoredRow } from '../repositories';
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

type EncryptedPage = PersonalPlace & { rows: StoredRow[] };
type Knex = Core.Strapi['db']['connection'];

/** The store entry that says every stored value is sealed for its place (no first-format envelope left). */
const FORMAT_KEY = 'envelope-format';

/**
 * `PRIVACY_FIRST_FORMAT=retired`: the operator's word, kept outside the database, that no value of
 * the first format is ever to be read again. The store's entry alone can be deleted by anyone who
 * can write the database, who would then have a pasted `enc1` value sealed for its new row at the
 * next start. A new install's `.env` has it from the first start; an older install sets it once
 * its start migration is done. Any other value stops the start.
 */
export function firstFormatRetiredByOperator(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.PRIVACY_FIRST_FORMAT;
  if (value === undefined || value === '') return false;
  if (value !== 'retired') throw new Error(`PRIVACY_FIRST_FORMAT must be "retired" or unset, not "${value}"`);
  return true;
}

/**
 * Key rotation: every personal value not sealed the way it is sealed now (under an older key, in
 * the first, unbound format, or plaintext from before encryption) is sealed again under the first
 * key of PRIVACY_DATA_KEYS, for its place, in batches, each batch read and rewritten in one
 * transaction. A row is only rewritten if it still holds exactly what was read, so an erasure that
 * lands meanwhile is never undone. Run it after putting a new key first; drop the old key once it
 * is done. The key status in the admin's Settings counts values per key id over the same scan.
 *
 * Values of the first format are read only while the database is not yet migrated (the store's
 * `envelope-format` is not 2 and `PRIVACY_FIRST_FORMAT` is not `retired`): afterwards every genuine one has been sealed for its place, and an
 * `enc1` value is one pasted in, which a rotation must not seal for the row it was pasted into.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const records = recordsRepository(strapi);
  const places = () => records.places();
  const page = records.page;
  const store = () => strapi.store({ type: 'plugin', name: 'privacy-guard' });
  const recordedInStore = async (): Promise<boolean> => (await store().get({ key: FORMAT_KEY })) === 2;
  const firstFormatRetired = async (): Promise<boolean> => firstFormatRetiredByOperator() || (await recordedInStore());

  /** Every row's encrypted columns, table by table, in pages by id, straight from the tables. */
  async function* encryptedPages(batchSize: number): AsyncGenerator<EncryptedPage> {
    for (const place of places()) {
      let lastId = 0;
      for (;;) {
        const rows = await page(strapi.db.connection, place, lastId, batchSize);
        if (rows.length === 0) break;
        yield { ...place, rows };
        lastId = Number(rows[rows.length - 1].id);
      }
    }
  }

  /**
   * Seals again the values of `rows` (as they were read) that need it; each row is updated only
   * where every column still holds what was read. First-format values only with `firstFormat`
   * (a database not yet migrated). Returns how many values were rewritten.
   */
  async function rewrite(trx: Knex, { uid, table, fields, rows }: EncryptedPage, { firstFormat = false }: { firstFormat?: boolean } = {}): Promise<number> {
    const crypto = getService(strapi, 'crypto');
    let rewritten = 0;
    for (const row of rows) {
      const data: Record<string, string> = {};
      for (const { field, column } of fields) {
        if (!crypto.needsRotation(row[column]) || !row.document_id) continue;
        const plain = crypto.openField(uid, field, row.document_id, row[column], { firstFormat });
        if (plain !== null) data[column] = crypto.sealField(uid, field, row.document_id, plain);
      }
      if (Object.keys(data).length === 0) continue;
      const unchanged = Object.fromEntries(Object.keys(data).map((column) => [column, row[column]]));
      if (await records.updateIfUnchanged(trx, table, row.id, unchanged, data)) rewritten += Object.keys(data).length;
    }
    return rewritten;
  }

  return {
    async rotate({ batchSize = 200 }: { batchSize?: number } = {}): Promise<RotationResult> {
      const crypto = getService(strapi, 'crypto');
      const result: RotationResult = { primaryKeyId: crypto.primaryKeyId(), rotated: {}, scanned: {} };
      const firstFormat = !(await firstFormatRetired());
      // Straight to the table: a rotation changes no content, so no lifecycle or timestamp should see it.
      for (const place of places()) {
        result.rotated[place.uid] = 0;
        result.scanned[place.uid] = 0;
        let lastId = 0;
        for (;;) {
          const rows = await strapi.db.transaction(async ({ trx }) => {
            const read = await page(trx as unknown as Knex, place, lastId, batchSize);
            result.rotated[place.uid] += await rewrite(trx as unknown as Knex, { ...place, rows: read }, { firstFormat });
            return read;
          });
          if (rows.length === 0) break;
          result.scanned[place.uid] += rows.length;
          lastId = Number(rows[rows.length - 1].id);
        }
      }
      return result;
    },

    /** One batch's rewrite, for rows read earlier: what a rotation does with each page it reads. */
    rewrite,

    /** Whether this database has been migrated (or the operator says so): from then on no first-format value opens in a personal field. */
    firstFormatRetired,

    /** Whether the database's own store records the migration (`PRIVACY_FIRST_FORMAT` aside). */
    recordedInStore,

    /** Records that every first-format value has been sealed again for its place (bootstrap, after its rotation). */
    async retireFirstFormat(): Promise<void> {
      await store().set({ key: FORMAT_KEY, value: 2 });
    },

    /** Whether any stored value is still of the first, unbound format (a scan; bootstrap asks it once per database). */
    async hasUnboundValues(): Promise<boolean> {
      for (const place of places()) if (await records.anyStartsWith(place, 'enc1:')) return true;
      return false;
    },

    /** How many stored values each key id encrypts (and how many are still plaintext), per content type. */
    async status(): Promise<KeyStatus> {
      const crypto = getService(strapi, 'crypto');
      const byKey: Record<string, number> = {};
      const byType: Record<string, Record<string, number>> = Object.fromEntries(places().map(({ uid }) => [uid, {}]));
      for await (const { uid, fields, rows } of encryptedPages(1000)) {
        for (const row of rows) {
          for (const { column } of fields) {
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
