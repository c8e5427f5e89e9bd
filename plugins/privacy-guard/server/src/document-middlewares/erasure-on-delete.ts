import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { eraseRecords, type ErasableRecord } from '../utils/reservation-erasure';
import { CONSULTATION, MEMBER_PROFILE, RESERVATION } from '../utils/uids';
import type { DocumentContext, DocumentMiddleware } from './types';

const ONE_BY_ONE = new Set<string>([RESERVATION, CONSULTATION]);

/**
 * Deleting a reservation, a consultation or a member in the Content Manager (or anywhere the
 * Document Service deletes one) is an erasure like any other: the record, its slot cells, its mail
 * and uploads go, counted for statistics and written in the destruction log as the staff member's
 * act; a member goes with everything held on the address, as on expulsion. A plain delete would
 * leave the mail, the cells and no trace in the destruction log.
 */
export const erasureOnDelete = (strapi: Core.Strapi): DocumentMiddleware => {
  return async (context: DocumentContext, next) => {
    if (context.action !== 'delete' || (!ONE_BY_ONE.has(context.uid) && context.uid !== MEMBER_PROFILE)) return next();
    const documentId = context.params.documentId as string | undefined;
    if (!documentId) return next();
    const ctx = strapi.requestContext.get() as Context | undefined;
    const staffId = (ctx?.state?.user as { id?: number } | undefined)?.id;
    const performedBy = staffId ? `admin:${staffId}` : 'system';
    if (ONE_BY_ONE.has(context.uid)) {
      await eraseRecords(strapi, { uid: context.uid as ErasableRecord, documentIds: [documentId], rule: 'staff-deletion', performedBy });
      return { documentId, entries: [] };
    }
    const profile = (await strapi.db.query(MEMBER_PROFILE).findOne({ where: { documentId }, select: ['subjectId'], populate: { user: { select: ['id'] } } })) as {
      subjectId: string;
      user: { id: number } | null;
    } | null;
    if (!profile) return { documentId, entries: [] };
    if (profile.user && staffId) {
      await getService(strapi, 'rights').expel(profile.user.id, staffId);
      return { documentId, entries: [] };
    }
    await getService(strapi, 'erasure').eraseSubject({
      subjectId: profile.subjectId,
      userId: profile.user?.id ?? null,
      rule: 'expulsion',
      performedBy,
      actor: 'staff',
      withdrawConsents: true,
    });
    return { documentId, entries: [] };
  };
};
