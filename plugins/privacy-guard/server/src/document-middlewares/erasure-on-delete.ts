import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { eraseRecords } from '../utils/reservation-erasure';
import { USER } from '../utils/uids';
import { declarations } from '../declarations';
import type { DocumentContext, DocumentMiddleware } from './types';
import type { MemberAccount } from '../services/rights/withdrawal';

/**
 * Deleting a reservation, a consultation, a member profile or a member's account in the Content
 * Manager (or anywhere the Document Service deletes one) is an erasure like any other: the record,
 * its slot cells, its mail and uploads go, counted for statistics and written in the destruction
 * log as the staff member's act; a member (by the profile or the account) goes as on expulsion
 * (`rights.expelMember`). A plain delete would leave the mail, the cells, the sealed
 * profile, the connection log and no trace in the destruction log.
 */
export const erasureOnDelete = (strapi: Core.Strapi): DocumentMiddleware => {
  const declared = declarations(strapi);
  const ONE_BY_ONE = new Set<string>([declared.uid('reservation'), declared.uid('consultation')]);
  const MEMBER_PROFILE = declared.uid('member-profile');
  const ERASED = new Set<string>([...ONE_BY_ONE, MEMBER_PROFILE, USER]);

  const profileOf = async (where: Record<string, unknown>) =>
    (await strapi.db.query(MEMBER_PROFILE as never).findOne({ where, select: ['subjectId'], populate: { user: { select: ['id', 'confirmed'] } } })) as {
      subjectId: string;
      user: MemberAccount | null;
    } | null;

  const eraseMember = (subjectId: string, account: MemberAccount | null, performedBy: string) =>
    getService(strapi, 'rights').expelMember({ subjectId, account, performedBy });

  return async (context: DocumentContext, next) => {
    if (context.action !== 'delete' || !ERASED.has(context.uid)) return next();
    const documentId = context.params.documentId as string | undefined;
    if (!documentId) return next();
    const ctx = strapi.requestContext.get() as Context | undefined;
    const staffId = (ctx?.state?.user as { id?: number } | undefined)?.id;
    const performedBy = staffId ? `admin:${staffId}` : 'system';
    if (ONE_BY_ONE.has(context.uid)) {
      await eraseRecords(strapi, { uid: context.uid, documentIds: [documentId], rule: 'staff-deletion', performedBy });
      return { documentId, entries: [] };
    }
    if (context.uid === MEMBER_PROFILE) {
      const profile = await profileOf({ documentId });
      if (profile) await eraseMember(profile.subjectId, profile.user, performedBy);
      return { documentId, entries: [] };
    }
    const account = (await strapi.db.query(USER).findOne({ where: { documentId }, select: ['id', 'confirmed'] })) as MemberAccount | null;
    if (!account) return { documentId, entries: [] };
    const profile = await profileOf({ user: { id: account.id } });
    // Without a member profile the account holds nothing of an address (no subject): it goes alone.
    if (profile) await eraseMember(profile.subjectId, account, performedBy);
    else await getService(strapi, 'erasure').eraseAccount({ userId: account.id, performedBy });
    return { documentId, entries: [] };
  };
};
