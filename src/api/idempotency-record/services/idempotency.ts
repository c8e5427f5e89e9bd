import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { fail } from '../../../../plugins/privacy-guard/server/src';
import { privacyGuard } from '../../../utils/privacy-guard';
import type { PreparedRecord } from '../../../../plugins/privacy-guard/server/src';

const UID = 'api::idempotency-record.idempotency-record';
const KEEP_HOURS = 24;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface Fingerprint {
  keyHash: string;
  requestHash: string;
}

interface StoredRecord {
  documentId: string;
  requestHash: string | null;
  response: string | null;
  status: number | null;
  expiresAt: string | null;
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** JSON with object keys in a fixed order, so that the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const documents = (strapi: Core.Strapi) => strapi.documents(UID as never) as unknown as {
  findFirst(p: Record<string, unknown>): Promise<StoredRecord | null>;
  create(p: { data: Record<string, unknown> }): Promise<unknown>;
  delete(p: { documentId: string }): Promise<unknown>;
};

function recordOf(scope: string, print: Fingerprint, answer: StoredAnswer, at: Date) {
  return {
    scope,
    keyHash: print.keyHash,
    requestHash: print.requestHash,
    status: answer.status,
    response: JSON.stringify(answer.body),
    expiresAt: new Date(at.getTime() + KEEP_HOURS * 3600_000),
  };
}

/**
 * The first answer to a request sent with an `Idempotency-Key`: stored (encrypted when the
 * privacy plugin can) under the key's hash, in the same transaction as what the request did.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  fingerprint(scope: string, key: string, body: unknown): Fingerprint {
    return { keyHash: sha256(`${scope}\u0000${key}`), requestHash: sha256(canonical(body)) };
  },

  /** The stored answer to an earlier request with the key; `422 IDEMPOTENCY_CONFLICT` if that request was different. */
  async replay(print: Fingerprint): Promise<StoredAnswer | null> {
    const record = await documents(strapi).findFirst({ filters: { keyHash: print.keyHash } });
    if (!record?.response) return null;
    if (record.expiresAt && new Date(record.expiresAt) < privacyGuard(strapi).service('clock').now()) {
      await documents(strapi).delete({ documentId: record.documentId });
      return null;
    }
    if (record.requestHash !== print.requestHash) {
      throw fail(422, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different request');
    }
    return { status: record.status ?? 200, body: JSON.parse(record.response) };
  },

  /** Call inside the transaction of the change; a concurrent twin fails on the key's unique index. */
  async store(scope: string, print: Fingerprint, answer: StoredAnswer) {
    await documents(strapi).create({ data: recordOf(scope, print, answer, privacyGuard(strapi).service('clock').now()) });
  },

  /** The record of an answer with its response encrypted, built before the change's transaction (written by the plugin's fast write). */
  prepare(scope: string, print: Fingerprint, answer: StoredAnswer): PreparedRecord {
    return privacyGuard(strapi).service('records').prepare(UID, recordOf(scope, print, answer, privacyGuard(strapi).service('clock').now()));
  },

  /**
   * Deletes the records past their 24 hours: the stored answer (a manage token among it) is no
   * longer kept than a client may retry. `replay` also ignores an expired record it meets first.
   */
  async sweepExpired(): Promise<number> {
    const { count } = await strapi.db.query(UID).deleteMany({ where: { expiresAt: { $lt: privacyGuard(strapi).service('clock').now() } } });
    return count;
  },

});
