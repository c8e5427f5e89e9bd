import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { declarations } from '../../declarations';
import { whereInList } from '../../utils/bulk';
import * as tables from '../../repositories/tables';

type Row = Record<string, unknown>;

/** What goes with a destroyed record: the mail about it and the files attached to it. */
export const mailAndUploads = (strapi: Core.Strapi) => {
  const OUTBOX = declarations(strapi).uid('outbox');
  const tableOf = (uid: string) => tables.tableOf(strapi, uid);
  let hasMorphTable: boolean | undefined;

  /**
   * Deletes outbox rows and, while no SMTP server is set, the copies of sent mail the outbox
   * left in MAIL_DIR (they hold the person's name and address in clear).
   */
  async function deleteMail(trx: Knex.Transaction, where: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<number> {
    const rows: Array<{ id: number; document_id: string }> = await where(trx(tableOf(OUTBOX)).select('id', 'document_id'));
    if (rows.length === 0) return 0;
    for (let i = 0; i < rows.length; i += 500)
      await whereInList(
        trx,
        trx(tableOf(OUTBOX)),
        'id',
        rows.slice(i, i + 500).map((r) => r.id),
      ).delete();
    if (!process.env.SMTP_HOST) {
      const dir = process.env.MAIL_DIR || path.join('.tmp', 'mail');
      const base = path.isAbsolute(dir) ? dir : path.join(strapi.dirs.app.root, dir);
      await Promise.all(rows.map((r) => fs.rm(path.join(base, `${r.document_id}.eml`), { force: true })));
    }
    return rows.length;
  }

  /** Files of the upload plugin attached to destroyed entries (none of today's content types has one). */
  async function destroyUploads(trx: Knex.Transaction, uid: string, ids: number[]): Promise<number> {
    if (ids.length === 0 || !strapi.plugin('upload')) return 0;
    // The upload plugin's morph table, as its metadata names it.
    const morph = tables.joinOf(strapi, 'plugin::upload.file', 'related').name;
    hasMorphTable ??= await trx.schema.hasTable(morph);
    if (!hasMorphTable) return 0;
    const fileIds: number[] = (await whereInList(trx, trx(morph).where('related_type', uid), 'related_id', ids).distinct('file_id')).map(
      (r: Row) => Number(r.file_id),
    );
    const upload = strapi.plugin('upload').service('upload') as { remove(file: unknown): Promise<unknown> };
    for (const id of fileIds) {
      const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id } });
      if (file) await upload.remove(file);
    }
    return fileIds.length;
  }

  return { deleteMail, destroyUploads };
};
