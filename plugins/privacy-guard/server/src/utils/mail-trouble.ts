import type { Core } from '@strapi/strapi';
import { declarations } from '../declarations';

/** How many failing or failed messages the Overview lists (the counts cover all). */
const LISTED = 100;

interface TroubleRow {
  documentId: string;
  kind: string;
  status: string;
  attempts: number | null;
  lastError: string | null;
  createdAt: string;
  firstFailedAt: string | null;
  failedAt: string | null;
  nextAttemptAt: string | null;
}

/** One message the officer should know about: its kind, age and reason, never its recipient or text. */
export interface TroubleItem {
  id: string;
  state: 'failing' | 'failed';
  kind: string;
  attempts: number;
  reason: string | null;
  queuedAt: string;
  ageMinutes: number;
  failingSince: string | null;
  failedAt: string | null;
  nextAttemptAt: string | null;
}

const FAILING = { status: 'pending', attempts: { $gt: 0 } };
const FAILED = { status: 'failed' };
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/**
 * Mail in trouble: failing (tried at least once, still retried) and failed (refused for good,
 * or not delivered within the 7-day window), failed first, oldest first.
 */
export async function mailTrouble(strapi: Core.Strapi, at: Date) {
  const query = strapi.db.query(declarations(strapi).uid('outbox') as never);
  const [failing, failed, rows] = await Promise.all([
    query.count({ where: FAILING }),
    query.count({ where: FAILED }),
    query.findMany({
      where: { $or: [FAILED, FAILING] },
      select: ['documentId', 'kind', 'status', 'attempts', 'lastError', 'createdAt', 'firstFailedAt', 'failedAt', 'nextAttemptAt'],
      orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
      limit: LISTED,
    }) as Promise<TroubleRow[]>,
  ]);
  const items: TroubleItem[] = rows.map((r) => ({
    id: r.documentId,
    state: r.status === 'failed' ? 'failed' : 'failing',
    kind: r.kind,
    attempts: r.attempts ?? 0,
    reason: r.lastError,
    queuedAt: iso(r.createdAt) as string,
    ageMinutes: Math.max(0, Math.floor((at.getTime() - new Date(r.createdAt).getTime()) / 60_000)),
    failingSince: iso(r.firstFailedAt),
    failedAt: iso(r.failedAt),
    nextAttemptAt: r.status === 'failed' ? null : iso(r.nextAttemptAt),
  }));
  return { failing, failed, items };
}

/**
 * Puts a failed message back in the queue, due now, with a fresh 7-day window. A conditional
 * update: only a message still `failed` moves, so two officers clicking at once resend it once.
 * Returns what the access log needs, or why nothing moved.
 */
export async function resendFailed(
  strapi: Core.Strapi,
  documentId: string,
  at: Date,
): Promise<{ resent: true; subjectId: string | null } | { resent: false; exists: boolean }> {
  const query = strapi.db.query(declarations(strapi).uid('outbox') as never);
  const { count } = await query.updateMany({
    where: { documentId, status: 'failed' },
    data: { status: 'pending', attempts: 0, nextAttemptAt: at, firstFailedAt: null, failedAt: null, lastError: null, lockedUntil: null },
  });
  const row = (await query.findOne({ where: { documentId }, select: ['subjectId'] })) as { subjectId: string | null } | null;
  return count > 0 ? { resent: true, subjectId: row?.subjectId ?? null } : { resent: false, exists: Boolean(row) };
}
