import type { Core } from '@strapi/strapi';
import { createHashChain, sha256, type Anchor, type VerifyResult } from '../utils/hash-chain';
import { truncateAddress } from '../utils/client-address';
import { accessLogRepository, ACCESS_LOG_UID } from '../repositories';

export { ACCESS_LOG_UID };
/** pg_advisory_xact_lock key of the access log ("ACCESSLG" as a 64-bit number). */
const PG_LOCK_KEY = '4143434553534c47';
const HEAD_KEY = 'access-log-head';

export const ACCESS_ACTIONS = ['read', 'list', 'change', 'export', 'delete', 'unmask', 'login_failed', 'lockout'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** One staff access: who, what, whose (pseudonymous), from where. Never the data itself. */
export interface AccessEntry {
  staffId: number | null;
  staffRole: string | null;
  action: AccessAction;
  contentType: string | null;
  targetDocumentId: string | null;
  subjectId: string | null;
  reason: string | null;
  clientAddress: string | null;
}

export interface AccessRow extends AccessEntry {
  seq: number;
  prevHash: string;
  hash: string;
  occurredAt: string;
}

/** What a caller records; the client address is truncated here, whatever it is given. */
export type AccessRecord = Partial<Omit<AccessEntry, 'action'>> & { action: AccessAction; at?: Date };

export interface AccessLogQuery {
  staff?: number;
  subject?: string;
  action?: AccessAction;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export function accessRowHash(row: Omit<AccessRow, 'hash'>): string {
  return sha256(
    JSON.stringify([
      row.seq,
      row.prevHash,
      row.staffId ?? null,
      row.staffRole ?? null,
      row.action,
      row.contentType ?? null,
      row.targetDocumentId ?? null,
      row.subjectId ?? null,
      row.reason ?? null,
      row.clientAddress ?? null,
      row.occurredAt,
    ]),
  );
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/**
 * The access log: every staff read, list, change, export and deletion of personal data, and
 * failed logins and lockouts, hash-chained like the consent ledger (utils/hash-chain.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = accessLogRepository(strapi);
  const chain = createHashChain<AccessEntry>(strapi, {
    table: repository.table,
    lockKey: PG_LOCK_KEY,
    headKey: HEAD_KEY,
    documentPrefix: 'access',
    hash: accessRowHash,
    toColumns: (e) => ({
      staff_id: e.staffId,
      staff_role: e.staffRole,
      action: e.action,
      content_type: e.contentType,
      target_document_id: e.targetDocumentId,
      subject_id: e.subjectId,
      reason: e.reason,
      client_address: e.clientAddress,
    }),
    fromColumns: (raw) => ({
      staffId: raw.staff_id === null || raw.staff_id === undefined ? null : Number(raw.staff_id),
      staffRole: text(raw.staff_role),
      action: raw.action as AccessAction,
      contentType: text(raw.content_type),
      targetDocumentId: text(raw.target_document_id),
      subjectId: text(raw.subject_id),
      reason: text(raw.reason),
      clientAddress: text(raw.client_address),
    }),
  });

  const now = (): Date => (strapi.plugin('privacy-guard').service('clock') as { now(): Date }).now();

  return {
    /** Appends one access to the chain. */
    async record(input: AccessRecord): Promise<AccessRow> {
      const entry: AccessEntry = {
        staffId: input.staffId ?? null,
        staffRole: input.staffRole ?? null,
        action: input.action,
        contentType: input.contentType ?? null,
        targetDocumentId: input.targetDocumentId ?? null,
        subjectId: input.subjectId ?? null,
        reason: input.reason ? input.reason.slice(0, 250) : null,
        clientAddress: truncateAddress(input.clientAddress),
      };
      const [row] = await chain.append([entry], input.at ?? now());
      return row;
    },

    /** Walks the chain (and, given the last anchor kept outside the database, checks the row it pinned). */
    verify(anchor?: Anchor): Promise<VerifyResult> {
      return chain.verify(anchor);
    },

    /** The signed head, for the anchor file (none while links of the first format remain). */
    anchor: (at: Date) => chain.anchor(at),

    /** Links written before the chain was keyed, linked anew under the chain key (`npm run ledger:migrate`). */
    migrate: (anchor?: Anchor) => chain.migrate(anchor),

    /** A page of the log, newest first, filtered by staff, subject, action and time. */
    async list(q: AccessLogQuery) {
      const { rows: raw, total: count } = await repository.page(q, q.page, q.pageSize);
      const data = raw.map((r) => {
        const { id: _id, ...row } = chain.fromDb(r);
        return row;
      });
      return { data, pagination: { page: q.page, pageSize: q.pageSize, total: count, pageCount: Math.ceil(count / q.pageSize) } };
    },
  };
};
