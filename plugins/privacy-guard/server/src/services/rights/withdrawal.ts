import { getService } from '../../utils';
import { refuse } from '../../utils/errors';
import { boardWritingOf } from '../../utils/board-writing';
import { eraseReservation } from '../../utils/reservation-erasure';
import type { RightsContext } from './context';
import { type Caller, assertVerified } from './identity';
import type { callerRecords } from './caller-records';

/** A member's account, as staff removing it finds it. */
export interface MemberAccount {
  id: number;
  confirmed: boolean | null;
}

/** Withdrawal by the person, its preview, and expulsion by staff: erasure now. */
export const withdrawal = (ctx: RightsContext, recordsOf: ReturnType<typeof callerRecords>) => {
  const { strapi, MEMBER_PROFILE } = ctx;

  /**
   * A member removed by staff, whichever way (the Privacy page's expulsion, a delete of the
   * profile or the account in the Content Manager): everything held on the address destroyed, as
   * on withdrawal, logged as staff's act, and the address's sessions ended. An account never
   * confirmed proves nothing of its address (anyone can register with any): it goes alone with its
   * profile and its mail (`staff-deletion`), and what the address's owner holds stays.
   */
  async function expelMember({ subjectId, account, performedBy }: { subjectId: string; account: MemberAccount | null; performedBy: string }) {
    const erasure = getService(strapi, 'erasure');
    if (account && account.confirmed !== true) return erasure.eraseAccount({ userId: account.id, performedBy });
    const receipt = await erasure.eraseSubject({ subjectId, userId: account?.id ?? null, rule: 'expulsion', performedBy, actor: 'staff', withdrawConsents: true });
    await getService(strapi, 'privacy-session').forgetSubject(subjectId);
    return receipt;
  }

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

    /** Expulsion by staff on the Privacy page: see `expelMember`. */
    async expel(userId: number, staffId: number) {
      const profile = (await strapi.db.query(MEMBER_PROFILE).findOne({
        where: { user: { id: userId } },
        select: ['subjectId'],
        populate: { user: { select: ['id', 'confirmed'] } },
      })) as { subjectId: string; user: MemberAccount | null } | null;
      if (!profile) throw refuse(404, 'NOT_FOUND', 'No such member');
      return expelMember({ subjectId: profile.subjectId, account: profile.user, performedBy: `admin:${staffId}` });
    },

    expelMember,
  };
};
