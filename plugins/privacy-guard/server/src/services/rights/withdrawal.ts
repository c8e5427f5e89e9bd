import { getService } from '../../utils';
import { refuse } from '../../utils/errors';
import { boardWritingOf } from '../../utils/board-writing';
import { eraseReservation } from '../../utils/reservation-erasure';
import type { RightsContext } from './context';
import { type Caller, assertVerified } from './identity';
import type { callerRecords } from './caller-records';

/** Withdrawal by the person, its preview, and expulsion by staff: erasure now. */
export const withdrawal = (ctx: RightsContext, recordsOf: ReturnType<typeof callerRecords>) => {
  const { strapi, MEMBER_PROFILE } = ctx;
  return {
    /**
     * Withdrawal: everything of the caller destroyed now (a manage token: its reservation only);
     * the answer is the destruction receipt.
     */
    async withdraw(caller: Caller) {
      if (caller.reservationDocumentId) return eraseReservation(strapi, caller.reservationDocumentId);
      assertVerified(caller);
      const receipt = await getService(strapi, 'erasure').eraseSubject({
        subjectId: caller.subjectId,
        userId: caller.userId,
        rule: caller.userId ? 'membership-withdrawn' : 'withdrawal',
        performedBy: 'self',
        actor: 'self',
        withdrawConsents: true,
      });
      await getService(strapi, 'privacy-session').forgetSubject(caller.subjectId);
      return receipt;
    },

    /** What a withdrawal by this caller would destroy, without any free text. */
    async withdrawalPreview(caller: Caller) {
      if (!caller.reservationDocumentId) assertVerified(caller);
      const { profile, reservations, consultations, complaints, corrections } = await recordsOf(caller);
      const board = caller.verified ? await boardWritingOf(strapi, caller.subjectId) : { posts: [], comments: [] };
      return {
        member: caller.verified && Boolean(profile || caller.userId),
        reservations: reservations.map((r) => ({
          reference: r.reference,
          start: r.startsAt,
          service: (r.service as { name?: string } | null)?.name ?? null,
          status: r.state,
        })),
        consultations: consultations.map((c) => ({ reference: c.reference, createdAt: c.createdAt })),
        complaints: complaints.filter((c) => c.email).map((c) => ({ reference: c.reference })),
        corrections: corrections.length,
        boardPosts: board.posts.length,
        boardComments: board.comments.length,
      };
    },

    /** Expulsion by staff: the member's data destroyed as on withdrawal, logged as staff's act. */
    async expel(userId: number, staffId: number) {
      const profile = (await strapi.db.query(MEMBER_PROFILE).findOne({ where: { user: { id: userId } }, select: ['subjectId'] })) as { subjectId: string } | null;
      if (!profile) throw refuse(404, 'NOT_FOUND', 'No such member');
      // An account never confirmed proves nothing of its address (anyone can register with any): it goes alone, and what the owner holds stays.
      const account = (await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: userId }, select: ['confirmed'] })) as { confirmed: boolean | null } | null;
      if (account?.confirmed !== true) return getService(strapi, 'erasure').eraseAccount({ userId, performedBy: `admin:${staffId}` });
      const receipt = await getService(strapi, 'erasure').eraseSubject({ subjectId: profile.subjectId, userId, rule: 'expulsion', performedBy: `admin:${staffId}`, actor: 'staff', withdrawConsents: true });
      await getService(strapi, 'privacy-session').forgetSubject(profile.subjectId);
      return receipt;
    },
  };
};
