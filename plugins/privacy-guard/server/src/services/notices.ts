import type { Core } from '@strapi/strapi';
import { getService, host } from '../utils';
import type { Locale } from '../utils/locale';
import type { OutgoingMail } from './host';
import { policyNoticeMail, provisionNoticeMail } from '../utils/notice-mail';
import { PROVISION, PROVISION_NOTICE } from '../utils/uids';
import { declarations } from '../declarations';
import { publicUrl } from '../utils/public-url';
import { SUBJECT_SCOPE, type Scope } from '../utils/consent-scope';

const policyUrl = () => `${publicUrl()}/api/privacy-policy`;

interface Contact {
  subjectId: string;
  email: string;
  locale: Locale;
}

/**
 * The notices the policy promises before something changes for people: a material new policy
 * version is mailed to confirmed members before it takes effect; a new provision to a third
 * party is mailed to the people who consented to provision before it starts. Each mail goes once
 * per person (the outbox's dedupe key), never to a restricted person or about a restricted
 * booking, nor about a child.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const MEMBER_PROFILE = declarations(strapi).uid('member-profile');
  const OUTBOX = declarations(strapi).uid('outbox');
  const RESERVATION = declarations(strapi).uid('reservation');
  const mailer = () => host(strapi).outbox;

  async function alreadyQueued(dedupeKey: string): Promise<boolean> {
    return (await strapi.db.query(OUTBOX).count({ where: { dedupeKey } })) > 0;
  }

  /** Queues a mail unless the same notice was queued before (also by another instance at the same time). */
  async function queueOnce(mail: OutgoingMail): Promise<boolean> {
    if (await alreadyQueued(mail.dedupeKey as string)) return false;
    try {
      await mailer().enqueue(mail);
      return true;
    } catch (error) {
      if (await alreadyQueued(mail.dedupeKey as string)) return false;
      throw error;
    }
  }

  /**
   * Active members whose account is confirmed: anyone can register with someone else's address,
   * and until the link mailed to it is followed the account says nothing about who reads there.
   */
  async function activeMembers(): Promise<Contact[]> {
    const profiles = (await strapi
      .documents(MEMBER_PROFILE)
      .findMany({ filters: { state: 'active', user: { confirmed: true } } } as never)) as unknown as Array<{
      subjectId: string;
      email: string | null;
      locale: Locale | null;
    }>;
    return profiles.filter((p) => p.email).map((p) => ({ subjectId: p.subjectId, email: p.email as string, locale: p.locale ?? 'en' }));
  }

  /**
   * Who can be reached for a subject: the confirmed member, else the latest adult reservation
   * that is not restricted. An account nobody confirmed says nothing of who reads the address (a
   * stranger may have registered it, with a language of his own), and a reservation under a
   * correction asked through its manage token is not to be used, for a notice either.
   */
  async function contactOf(subjectId: string): Promise<Contact | null> {
    const profile = (await strapi
      .documents(MEMBER_PROFILE)
      .findFirst({ filters: { subjectId, state: 'active', user: { confirmed: true } } } as never)) as unknown as {
      email: string | null;
      locale: Locale | null;
    } | null;
    if (profile?.email) return { subjectId, email: profile.email, locale: profile.locale ?? 'en' };
    const reservation = (await strapi.documents(RESERVATION).findFirst({
      filters: { subjectId, isMinor: false, state: { $in: ['confirmed', 'completed'] }, ...getService(strapi, 'restriction').unrestricted() },
      sort: 'createdAt:desc',
    } as never)) as unknown as { patientEmail: string | null; locale: Locale | null } | null;
    return reservation?.patientEmail ? { subjectId, email: reservation.patientEmail, locale: reservation.locale ?? 'en' } : null;
  }

  /**
   * The contact of one reservation, when it is one the provision could concern (adult, confirmed
   * or completed) and not restricted: a correction asked through its manage token restricts that
   * reservation alone, which the subject's restriction does not show.
   */
  async function contactOfReservation(subjectId: string, scope: Scope): Promise<Contact | null> {
    const documentId = scope.startsWith('reservation:') ? scope.slice('reservation:'.length) : null;
    if (!documentId) return null;
    const reservation = (await strapi.documents(RESERVATION).findFirst({
      filters: { documentId, subjectId, isMinor: false, state: { $in: ['confirmed', 'completed'] } },
    } as never)) as unknown as {
      documentId: string;
      restricted: boolean | null;
      patientEmail: string | null;
      locale: Locale | null;
    } | null;
    if (!reservation?.patientEmail || (await getService(strapi, 'restriction').isRestricted(RESERVATION, reservation))) return null;
    return { subjectId, email: reservation.patientEmail, locale: reservation.locale ?? 'en' };
  }

  /**
   * Who a provision notice goes to: each subject whose decision binding them as a whole grants
   * the item, and otherwise each reservation whose own booking granted it, mailed to that
   * reservation's contact (once per subject: the outbox's dedupe key). A decision given with a
   * booking never makes a notice about the address's other records.
   */
  async function audienceOf(itemKey: string): Promise<Array<{ subjectId: string; scope: Scope }>> {
    const granted = await getService(strapi, 'consent').grantedRecords(itemKey);
    const whole = new Set(granted.filter((g) => g.scope === SUBJECT_SCOPE).map((g) => g.subjectId));
    return granted.filter((g) => g.scope === SUBJECT_SCOPE || (!whole.has(g.subjectId) && g.scope.startsWith('reservation:')));
  }

  return {
    /** Mails every active, confirmed, unrestricted member about each published material version not yet in effect. */
    async announcePolicy(): Promise<{ versions: number; queued: number }> {
      const { versions, status } = await host(strapi).policies.timeline();
      const upcoming = versions.filter((v) => v.material && status(v) === 'upcoming');
      if (upcoming.length === 0) return { versions: 0, queued: 0 };
      const clinic = await host(strapi).clinic.settings();
      let queued = 0;
      for (const member of await activeMembers()) {
        if (await getService(strapi, 'restriction').isSubjectRestricted(member.subjectId)) continue;
        for (const v of upcoming) {
          const vars = {
            clinic: clinic.name,
            version: v.version,
            effectiveDate: v.effectiveDate,
            summary: v.changeSummary,
            policyUrl: policyUrl(),
          };
          if (await queueOnce(policyNoticeMail(member.email, member.locale, vars, member.subjectId))) queued++;
        }
      }
      return { versions: upcoming.length, queued };
    },

    /** Mails, before it starts, each new provision in the register to the people and bookings that consented to its item. */
    async announceProvisions(): Promise<{ provisions: number; queued: number }> {
      const now = getService(strapi, 'clock').now();
      const provisions = (await strapi.db.query(PROVISION).findMany({ where: { active: true, startsAt: { $gt: now } } })) as Array<{
        id: number;
        recipient: string;
        purpose: string;
        dataItems: unknown;
        period: string;
        startsAt: string;
        consentItemKey: string | null;
      }>;
      const clinic = await host(strapi).clinic.settings();
      let queued = 0;
      for (const provision of provisions) {
        for (const { subjectId, scope } of await audienceOf(provision.consentItemKey ?? 'third_party_provision')) {
          if (await getService(strapi, 'restriction').isSubjectRestricted(subjectId)) continue;
          const contact = scope === SUBJECT_SCOPE ? await contactOf(subjectId) : await contactOfReservation(subjectId, scope);
          if (!contact) continue;
          const vars = {
            clinic: clinic.name,
            recipient: provision.recipient,
            purpose: provision.purpose,
            dataItems: Array.isArray(provision.dataItems) ? provision.dataItems.map(String) : [],
            period: provision.period,
            startsOn: new Date(provision.startsAt).toISOString().slice(0, 10),
            policyUrl: policyUrl(),
          };
          if (await queueOnce(provisionNoticeMail(contact.email, contact.locale, vars, subjectId, provision.id))) {
            await strapi.db.query(PROVISION_NOTICE).create({ data: { provisionId: provision.id, subjectId, sentAt: now } });
            queued++;
          }
        }
      }
      return { provisions: provisions.length, queued };
    },
  };
};
