import { CORRECTION } from '../../utils/uids';
import type { Doc, RightsContext } from './context';
import type { Caller } from './identity';

/** What a caller's credential opens: the records of their subject it may see. */
export const callerRecords = (ctx: RightsContext) => {
  const { RESERVATION, MEMBER_PROFILE, CONSULTATION, COMPLAINT, docs } = ctx;
  /**
   * The records a caller may see: proof of control opens everything on the address; a manage
   * token its own reservation (and the corrections asked through it); a member whose address is
   * not confirmed, the profile alone.
   */
  async function recordsOf(caller: Caller) {
    const bySubject = { filters: { subjectId: caller.subjectId } };
    const withNames = { populate: { service: { fields: ['name'] }, practitioner: { fields: ['name'] } }, sort: 'startsAt:asc' };
    const none = Promise.resolve([] as Doc[]);
    if (caller.via === 'manage-token') {
      const own = caller.reservationDocumentId as string;
      const [reservations, corrections] = await Promise.all([
        docs(RESERVATION).findMany({ filters: { documentId: own }, ...withNames }),
        docs(CORRECTION).findMany({ filters: { reservationDocumentId: own }, sort: 'createdAt:asc' }),
      ]);
      return { profile: null, reservations, consultations: [] as Doc[], complaints: [] as Doc[], corrections };
    }
    const open = caller.verified;
    const [profile, reservations, consultations, complaints, corrections] = await Promise.all([
      docs(MEMBER_PROFILE).findFirst(bySubject),
      open ? docs(RESERVATION).findMany({ ...bySubject, ...withNames }) : none,
      open ? docs(CONSULTATION).findMany({ ...bySubject, sort: 'createdAt:asc' }) : none,
      open ? docs(COMPLAINT).findMany({ ...bySubject, sort: 'createdAt:asc' }) : none,
      open ? docs(CORRECTION).findMany({ ...bySubject, sort: 'createdAt:asc' }) : none,
    ]);
    return { profile, reservations, consultations, complaints, corrections };
  }

  return recordsOf;
};
