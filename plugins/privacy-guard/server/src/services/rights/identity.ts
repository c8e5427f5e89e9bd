import { getService, host } from '../../utils';
import { USER } from '../../utils/uids';
import { refuse } from '../../utils/errors';
import type { Locale } from '../../utils/locale';
import type { RightsContext } from './context';

export interface Caller {
  subjectId: string;
  /** The member account: the JWT's, or for a privacy session the account held on the address. */
  userId: number | null;
  via: 'privacy-session' | 'member' | 'manage-token';
  /** Proof of control of the address: a privacy session, or a member whose address is confirmed. */
  verified: boolean;
  /** The one reservation a manage token opens (null for the other credentials). */
  reservationDocumentId: string | null;
  locale: Locale;
}

/** `401 VERIFICATION_REQUIRED`: what the caller asks needs proof of control of the address. */
export const verificationRequired = () =>
  refuse(401, 'VERIFICATION_REQUIRED', 'This needs a privacy session (POST /api/privacy/verify) or a member whose address is confirmed');

/** Refuses what needs proof of control of the address to a caller without it. */
export function assertVerified(caller: Caller): void {
  if (!caller.verified) throw verificationRequired();
}

/** Who is asking: the caller behind a privacy session, a member token or a manage token. */
export const identity = (ctx: RightsContext) => {
  const { strapi, MEMBER_PROFILE } = ctx;
  async function memberCaller(authorization: string): Promise<Caller> {
    const [scheme, token] = authorization.trim().split(/\s+/);
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw refuse(401, 'UNAUTHENTICATED', 'Send a member token as "Authorization: Bearer …"');
    let payload: { id?: number | string };
    try {
      payload = (await strapi.plugin('users-permissions').service('jwt').verify(token)) as { id?: number | string };
    } catch {
      throw refuse(401, 'UNAUTHENTICATED', 'The member token is invalid or has expired');
    }
    const user = (await strapi.db.query(USER).findOne({ where: { id: Number(payload.id) }, select: ['id', 'blocked', 'confirmed'] })) as {
      id: number;
      blocked: boolean | null;
      confirmed: boolean | null;
    } | null;
    if (!user || user.blocked) throw refuse(401, 'UNAUTHENTICATED', 'The member token is invalid or has expired');
    const profile = (await strapi.db.query(MEMBER_PROFILE).findOne({ where: { user: { id: user.id } }, select: ['subjectId', 'locale'] })) as {
      subjectId: string;
      locale: Locale | null;
    } | null;
    if (!profile) throw refuse(404, 'NOT_FOUND', 'No member data is held for this account');
    // An account whose address was never confirmed proves nothing about it: it opens its own profile only.
    return { subjectId: profile.subjectId, userId: user.id, via: 'member', verified: Boolean(user.confirmed), reservationDocumentId: null, locale: profile.locale ?? 'en' };
  }

  async function tokenCaller(token: string): Promise<Caller> {
    const found = /^[A-Za-z0-9_-]{43}$/.test(token) ? await host(strapi).reservations.findByManageToken(token) : null;
    if (!found?.subjectId) throw refuse(404, 'NOT_FOUND', 'No reservation behind this token');
    return { subjectId: found.subjectId, userId: null, via: 'manage-token', verified: false, reservationDocumentId: found.documentId, locale: found.locale ?? 'en' };
  }

  /** A privacy session opens the whole address, the member account held on it included. */
  async function sessionCaller(session: string): Promise<Caller> {
    const { subjectId, locale } = await getService(strapi, 'privacy-session').check(session);
    const profile = (await strapi.db.query(MEMBER_PROFILE).findOne({ where: { subjectId }, populate: { user: { select: ['id'] } } })) as {
      user: { id: number } | null;
    } | null;
    return { subjectId, userId: profile?.user?.id ?? null, via: 'privacy-session', verified: true, reservationDocumentId: null, locale };
  }

  return {
    /**
     * The caller behind a privacy session (`X-Privacy-Session`), a member JWT (`Authorization:
     * Bearer`) or a manage token (`X-Manage-Token`), in that order; `401 VERIFICATION_REQUIRED`
     * with none of them.
     */
    async identify(headers: { session?: string; authorization?: string; manageToken?: string }): Promise<Caller> {
      if (headers.session) return sessionCaller(headers.session);
      if (headers.authorization) return memberCaller(headers.authorization);
      if (headers.manageToken) return tokenCaller(headers.manageToken);
      throw verificationRequired();
    },

    assertVerified,
  };
};
