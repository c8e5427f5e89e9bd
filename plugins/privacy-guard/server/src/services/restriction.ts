import type { Core } from '@strapi/strapi';
import { refuse } from '../utils/errors';
import { CORRECTION } from '../utils/uids';
import { declarations } from '../declarations';

/** The content types a pending correction restricts (those declaring `restrictable`); each carries the `restricted` flag only this service sets. */
export const isRestrictable = (strapi: Core.Strapi, uid: string): boolean => declarations(strapi).restrictable().some((t) => t.uid === uid);

/**
 * What a pending correction is about: the whole subject, or one reservation (a correction asked
 * through its manage token).
 */
export interface Restriction {
  subjectId: string;
  reservationDocumentId: string | null;
}

/** A record as its readers hold it: the flag, when they read it, and its document. */
export interface RestrictableRecord {
  documentId?: string | null;
  restricted?: boolean | null;
}

/** The filter that keeps restricted records out of a Document Service or `strapi.db` query. */
export const UNRESTRICTED = { restricted: false } as const;

export const restrictedError = () => refuse(403, 'RESTRICTED', 'This data is restricted while a correction is pending');

/**
 * Rule 5 in one place. A restriction is a pending correction (`Restriction`); the records it is
 * about carry it as their `restricted` flag, written here and nowhere else, so that lists and
 * queries can filter on it. Every reader and writer of personal data asks this service:
 * `isRestricted` for a record, `isSubjectRestricted` for a person, `assertWritable` before a change.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pendingOf = (subjectId: string) =>
    strapi.db.query(CORRECTION).findMany({ where: { subjectId, status: 'pending' }, select: ['reservationDocumentId'] }) as Promise<
      Array<{ reservationDocumentId: string | null }>
    >;

  async function flag(restriction: Restriction, restricted: boolean) {
    if (restriction.reservationDocumentId) {
      await strapi.db.query(declarations(strapi).uid('reservation')).updateMany({ where: { documentId: restriction.reservationDocumentId }, data: { restricted } });
      return;
    }
    for (const { uid, subject } of declarations(strapi).restrictable()) {
      await strapi.db.query(uid as never).updateMany({ where: { [subject as string]: restriction.subjectId }, data: { restricted } });
    }
  }

  async function isRestricted(uid: string, record: RestrictableRecord | null | undefined): Promise<boolean> {
    if (!record || !isRestrictable(strapi, uid)) return false;
    if (record.restricted !== undefined) return Boolean(record.restricted);
    if (!record.documentId) return false;
    const row = (await strapi.db.query(uid as never).findOne({ where: { documentId: record.documentId }, select: ['restricted'] })) as RestrictableRecord | null;
    return Boolean(row?.restricted);
  }

  return {
    /** Whether a record is restricted now (its flag, read when the caller did not). Types that hold no restriction never are. */
    isRestricted,

    /** The filter that keeps restricted records out of a query (reminders rebuilt after a restriction lifts). */
    unrestricted: () => ({ ...UNRESTRICTED }),

    /** Whether the person as a whole is restricted: a correction asked for the subject (not through one reservation) is pending. */
    async isSubjectRestricted(subjectId: string | null | undefined): Promise<boolean> {
      if (!subjectId) return false;
      return (await pendingOf(subjectId)).some((p) => !p.reservationDocumentId);
    },

    /** `403 RESTRICTED` when the record may not be changed now. */
    async assertWritable(uid: string, record: RestrictableRecord | null | undefined): Promise<void> {
      if (await isRestricted(uid, record)) throw restrictedError();
    },

    /** `403 RESTRICTED` when the person may not act (write on the board) now. */
    async assertSubjectWritable(subjectId: string): Promise<void> {
      if (await this.isSubjectRestricted(subjectId)) throw restrictedError();
    },

    /** A new pending correction: the records it is about are restricted from now. Inside the caller's transaction. */
    async restrict(restriction: Restriction): Promise<void> {
      await flag(restriction, true);
    },

    /**
     * After a correction was resolved: the records it was about are lifted unless another pending
     * correction still restricts them (a subject-wide one keeps everything; a reservation's own
     * keeps that reservation). Returns whether they stay restricted.
     */
    async settle(resolved: Restriction): Promise<boolean> {
      const pending = await pendingOf(resolved.subjectId);
      const subjectWide = pending.some((p) => !p.reservationDocumentId);
      const own = new Set(pending.map((p) => p.reservationDocumentId).filter((d): d is string => Boolean(d)));
      if (resolved.reservationDocumentId) {
        const still = subjectWide || own.has(resolved.reservationDocumentId);
        if (!still) await flag(resolved, false);
        return still;
      }
      if (subjectWide) return true;
      await flag(resolved, false);
      for (const reservationDocumentId of own) await flag({ subjectId: resolved.subjectId, reservationDocumentId }, true);
      return false;
    },
  };
};
