import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { eraseRecords } from '../utils/reservation-erasure';
import { declarations } from '../declarations';
import type { DocumentContext, DocumentMiddleware } from './types';

/**
 * Deleting a reservation, a consultation or a member in the Content Manager (or anywhere the
 * Document Service deletes one) is an erasure like any other: the record, its slot cells, its mail
 * and uploads go, counted for statistics and written in the destruction log as the staff member's
 * act; a member goes with everything held on the address, as on expulsion. A plain delete would
 * leave the mail, the cells and no trace in the destruction log.
 */
export const erasureOnDelete = (strapi: Core.Strapi): DocumentMiddleware => {
  const declared = declarations(strapi);
  const ONE_BY_ONE = new Set<string>([declared.uid('reservation'), declared.uid('consultation')]);
  const MEMBER_PROFILE = declared.uid('member-profile');
  return async (context: DocumentContext, next) => {
    if (context.action !== 'delete' || (!ONE_BY_ONE.has(context.uid) && context.uid !== MEMBER_PROFILE)) return next();
    const documentId = context.params.documentId as string | undefined;
    if (!documentId) return next();
    const ctx = strapi.requestContext.get() as Context | undefined;
    const staffId = (ctx?.state?.user as { id?: number } | undefined)?.id;
    const performedBy = staffId ? `admin:${staffId}` : 'system';
    if (ONE_BY_ONE.has(context.uid)) {
      await eraseRecords(strapi, { uid: context.uid, documentIds: [documentId], rule: 'staff-deletion', performedBy });
      return { documentId, entries: [] };
    }
    const profile = (await strapi.db.query(MEMBER_PROFILE as never).findOne({ where: { documentId }, select: ['subjectId'], populate: { user: { select: ['id'] } } })) as {
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
