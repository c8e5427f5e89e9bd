import type { Core } from '@strapi/strapi';
import { fail, refuseRrn, type Locale } from '../../../../plugins/privacy-guard/server/src';
import { privacyGuard } from '../../../utils/privacy-guard';

const USER = 'plugin::users-permissions.user';
const PROFILE = 'api::member-profile.member-profile';
/** The access log's role for what a person does with their own data (the plugin's SELF_ACCESS_ROLE). */
const SELF = 'subject';

export interface Member {
  userId: number;
  profileId: string;
  subjectId: string;
}

export interface MemberUpdate {
  name?: string | null;
  phone?: string | null;
  gender?: 'female' | 'male' | 'other' | null;
  address?: string | null;
  locale?: Locale;
}

type Profile = Record<string, unknown> & { documentId: string; restricted?: boolean | null };

const FIELDS = ['name', 'email', 'birthDate', 'gender', 'phone', 'address', 'locale', 'restricted', 'createdAt', 'updatedAt'];

const shown = (p: Profile) => ({
  name: p.name ?? null,
  email: p.email ?? null,
  birthDate: p.birthDate ?? null,
  gender: p.gender ?? null,
  phone: p.phone ?? null,
  address: p.address ?? null,
  locale: p.locale ?? 'en',
  restricted: Boolean(p.restricted),
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/**
 * The policy's "Modify Member Information": a confirmed member reads and changes their own
 * profile through the Document Service (so the plugin seals it at rest and keeps the lookup
 * hashes), never while a correction restricts it; each change is in the access log as the
 * person's own.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const profiles = () => strapi.documents(PROFILE as never) as unknown as {
    findOne(p: Record<string, unknown>): Promise<Profile | null>;
    update(p: Record<string, unknown>): Promise<Profile>;
  };

  async function profileOf(who: Member): Promise<Profile> {
    const profile = await profiles().findOne({ documentId: who.profileId, fields: FIELDS });
    if (!profile) throw fail(401, 'UNAUTHENTICATED', 'The member token is invalid or has expired');
    return profile;
  }

  return {
    /** The confirmed, active member behind `Authorization: Bearer <jwt>`. */
    async identify(authorization: string | undefined): Promise<Member> {
      const [scheme, token] = (authorization ?? '').trim().split(/\s+/);
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw fail(401, 'UNAUTHENTICATED', 'Log in as a member: send "Authorization: Bearer …"');
      let payload: { id?: unknown };
      try {
        payload = (await strapi.plugin('users-permissions').service('jwt').verify(token)) as { id?: unknown };
      } catch {
        throw fail(401, 'UNAUTHENTICATED', 'The member token is invalid or has expired');
      }
      const id = Number(payload.id);
      const user = Number.isSafeInteger(id)
        ? ((await strapi.db.query(USER).findOne({ where: { id }, select: ['id', 'confirmed', 'blocked'] })) as { id: number; confirmed: boolean | null; blocked: boolean | null } | null)
        : null;
      if (!user || user.blocked) throw fail(401, 'UNAUTHENTICATED', 'The member token is invalid or has expired');
      if (user.confirmed !== true) throw fail(401, 'EMAIL_UNVERIFIED', 'Confirm your e-mail address first');
      const profile = (await strapi.db.query(PROFILE).findOne({ where: { user: { id: user.id } }, select: ['documentId', 'subjectId', 'state'] })) as {
        documentId: string;
        subjectId: string;
        state: string;
      } | null;
      if (!profile || profile.state !== 'active') throw fail(401, 'UNAUTHENTICATED', 'No active membership behind this token');
      return { userId: user.id, profileId: profile.documentId, subjectId: profile.subjectId };
    },

    async read(who: Member) {
      return shown(await profileOf(who));
    },

    async update(who: Member, input: MemberUpdate, clientAddress: string | null) {
      refuseRrn({ name: input.name, address: input.address });
      const current = await profileOf(who);
      await privacyGuard(strapi).service('restriction').assertWritable(PROFILE, current);
      const updated = await strapi.db.transaction(async () => {
        const changed = await profiles().update({ documentId: who.profileId, data: input, fields: FIELDS });
        await privacyGuard(strapi).service('access-log').record({
          staffId: null,
          staffRole: SELF,
          action: 'change',
          contentType: PROFILE,
          targetDocumentId: who.profileId,
          subjectId: who.subjectId,
          reason: `member information modified by the member (${Object.keys(input).sort().join(', ')})`,
          clientAddress,
        });
        return changed;
      });
      return shown(updated);
    },
  };
};
