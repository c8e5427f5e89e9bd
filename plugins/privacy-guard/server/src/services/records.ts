import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { getService } from '../utils';
import { assertConsented } from '../document-middlewares/consent-gate';
import type { PreparedDecision } from './consent';

type Row = Record<string, unknown>;

/** A row ready to insert: its document id known, its personal fields sealed for it. */
export interface PreparedRecord {
  uid: string;
  documentId: string;
  row: Row;
}

export interface WriteOptions {
  /** The consent decision that admits the records, appended after them in the same transaction. */
  consent?: PreparedDecision;
}

/** What `write` inserted: the database id of each record, by document id (for the events after commit). */
export type Written = Map<string, number>;

/**
 * The one fast write for hot and bulk paths (booking, outbox, idempotency), past the Document
 * Service but through its rules: `prepare` (before the transaction: the document id from Strapi's
 * own generator, the stamps the Document Service sets, the subject, the personal fields sealed
 * by the code the encryption middleware uses) and `write` (inside the caller's transaction: one
 * insert per content type, the consent gate's own rule, the ledger append last), then `announce`
 * once committed (the `entry.create` event the Document Service would have emitted).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const crypto = () => getService(strapi, 'crypto');

  function newDocumentId(uid: string): string {
    const attribute = strapi.db.metadata.get(uid as never).attributes.documentId as { default?: () => string } | undefined;
    if (typeof attribute?.default !== 'function') throw new Error(`privacy-guard: ${uid} has no documentId generator`);
    return attribute.default();
  }

  /** Whether a row sets any relation of its content type. */
  function holdsRelations(uid: string, row: Row): boolean {
    const attributes = (strapi.getModel(uid as never) as unknown as { attributes: Record<string, { type: string }> }).attributes;
    return Object.keys(row).some((key) => attributes[key]?.type === 'relation');
  }

  return {
    /**
     * A row as the Document Service would store it. `subjectEmail` sets the pseudonymous subject
     * when the data names none; `documentId` when the caller drew it already.
     */
    prepare(uid: string, data: Row, options: { documentId?: string; subjectEmail?: string; at?: Date } = {}): PreparedRecord {
      const documentId = options.documentId ?? (data.documentId as string | undefined) ?? newDocumentId(uid);
      const at = options.at ?? new Date();
      const subject = data.subjectId === undefined && options.subjectEmail ? { subjectId: crypto().subjectIdFor(options.subjectEmail) } : {};
      const row = crypto().sealFields(uid, { ...data, ...subject, documentId, createdAt: at, updatedAt: at, publishedAt: at });
      return { uid, documentId, row };
    },

    /** A new document id for `uid`, for a caller that must name the record before preparing it (mails about it). */
    newDocumentId,

    /**
     * Inserts prepared records inside the caller's `strapi.db.transaction`, in the order given
     * (one insert per run of one content type), refusing any the consent gate would refuse, then
     * appends the consent decision. All of it commits or rolls back with the caller's change.
     */
    async write(records: PreparedRecord[], options: WriteOptions = {}): Promise<Written> {
      for (const r of records) await assertConsented(strapi, r.uid, r.row, options.consent);
      const written: Written = new Map();
      for (let i = 0; i < records.length; ) {
        const uid = records[i].uid;
        let j = i;
        while (j < records.length && records[j].uid === uid) j += 1;
        const run = records.slice(i, j);
        const query = strapi.db.query(uid as never);
        if (run.some((r) => holdsRelations(uid, r.row))) {
          // `createMany` writes columns only: a row with relations (a reservation's service) is created one by one.
          for (const r of run) written.set(r.documentId, ((await query.create({ data: r.row, select: ['id'] })) as { id: number }).id);
        } else {
          const { ids } = (await query.createMany({ data: run.map((r) => r.row) })) as { ids: number[] };
          run.forEach((r, k) => written.set(r.documentId, ids[k]));
        }
        i = j;
      }
      if (options.consent) await getService(strapi, 'consent').append(options.consent);
      return written;
    },

    /**
     * Once committed: the `entry.create` event of a record (webhooks listen to it), with its
     * public fields only, sanitised as the Document Service does.
     */
    async announce(record: PreparedRecord, id: number, fields: Row): Promise<void> {
      const model = strapi.getModel(record.uid as never) as unknown as { modelName: string };
      const entry = await sanitize.sanitizers.defaultSanitizeOutput(
        { schema: model as never, getModel: (uid) => strapi.getModel(uid as never) },
        { id, documentId: record.documentId, ...fields, createdAt: record.row.createdAt, updatedAt: record.row.updatedAt, publishedAt: record.row.publishedAt } as never,
      );
      await strapi.eventHub.emit('entry.create', { model: model.modelName, uid: record.uid, entry });
    },
  };
};
