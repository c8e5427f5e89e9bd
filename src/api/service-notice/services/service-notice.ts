import type { Core } from '@strapi/strapi';
import { fail, notFound, ageOn, localDate, type Locale, publicUrl } from '../../../../plugins/privacy-guard/server/src';
import { clinicService, outboxService } from '../../../utils/services';
import { privacyGuard } from '../../../utils/privacy-guard';
import { noticeMail, MAIL_KIND } from '../mail';
import { unsubscribeToken } from '../unsubscribe-token';

const UID = 'api::service-notice.service-notice';
const MEMBER_PROFILE = 'api::member-profile.member-profile';
const OUTBOX_TABLE = 'outbox_messages';
/** The consent item that makes a member part of the audience. */
export const MARKETING_ITEM = 'marketing_notices';
/** Mails written to the outbox per transaction. */
const ENQUEUE_BATCH = 100;
/** A send still `sending` with mails missing from the queue after this long is taken to have died, and may be resumed. */
const RESUME_AFTER_MINUTES = 10;

export interface Contact {
  subjectId: string;
  email: string;
  name: string | null;
  locale: Locale;
}

export interface Progress {
  id: string;
  state: 'draft' | 'sending' | 'sent';
  total: number;
  sent: number;
  pending: number;
  failed: number;
  skipped: number;
}

type Notice = Record<string, unknown> & { documentId: string; state: Progress['state']; total: number | null };

export const unsubscribeUrl = (token: string) => `${publicUrl()}/api/notices/unsubscribe/${token}`;

/**
 * Notices of new services: the audience is read at send time from the consent ledger's current
 * state (a grant not withdrawn since), less restricted people and anyone under 14; each mail goes
 * through the outbox with a one-click unsubscribe link; progress is counted from the outbox.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const notices = () =>
    strapi.documents(UID as never) as unknown as {
      findOne(p: Record<string, unknown>): Promise<Notice | null>;
      findMany(p: Record<string, unknown>): Promise<Notice[]>;
      update(p: Record<string, unknown>): Promise<Notice>;
    };

  /**
   * Confirmed, active members whose marketing decision that applies to their account is a grant:
   * one that binds the subject (a verified decision, a confirmed member's own), or the account's
   * own. A grant given with a booking or by an unconfirmed account binds only that record, and
   * neither is a confirmed member: it reaches no audience.
   */
  async function audience(): Promise<Contact[]> {
    const consent = privacyGuard(strapi).service('consent');
    const subjects = [...new Set((await consent.grantedRecords(MARKETING_ITEM)).map((g) => g.subjectId))];
    const clinic = await clinicService(strapi).settings();
    const today = localDate(privacyGuard(strapi).service('clock').now(), clinic.timeZone);
    const contacts: Contact[] = [];
    const restriction = privacyGuard(strapi).service('restriction');
    for (let i = 0; i < subjects.length; i += 200) {
      const profiles = (await strapi.documents(MEMBER_PROFILE as never).findMany({
        filters: { subjectId: { $in: subjects.slice(i, i + 200) }, state: 'active', user: { confirmed: true } },
        populate: { user: { fields: ['confirmed'] } },
      } as never)) as unknown as Array<{
        subjectId: string;
        email: string | null;
        name: string | null;
        birthDate: string | null;
        locale: Locale | null;
        restricted: boolean | null;
        user: { documentId: string } | null;
      }>;
      const members = profiles.filter((p) => p.user);
      const granted = await consent.grantsFor(
        members.map((p) => ({ subjectId: p.subjectId, scope: `member:${(p.user as { documentId: string }).documentId}` as const })),
        MARKETING_ITEM,
      );
      for (const p of members) {
        if (!granted.has(`member:${(p.user as { documentId: string }).documentId}`)) continue;
        if (!p.email || (await restriction.isRestricted(MEMBER_PROFILE, p)) || !p.birthDate || ageOn(p.birthDate, today) < 14) continue;
        contacts.push({ subjectId: p.subjectId, email: p.email, name: p.name, locale: p.locale ?? 'en' });
      }
    }
    return contacts;
  }

  async function notice(documentId: string): Promise<Notice> {
    const found = await notices().findOne({ documentId });
    if (!found) throw notFound('No notice with this id');
    return found;
  }

  /** Takes over a send that has been `sending` without finishing its queue for a while (its process died). */
  async function claimStalled(found: Notice, at: Date): Promise<boolean> {
    const started = found.sendStartedAt ? new Date(String(found.sendStartedAt)) : null;
    if (found.state !== 'sending' || !started || at.getTime() - started.getTime() < RESUME_AFTER_MINUTES * 60_000) return false;
    const [{ n }] = await strapi.db
      .connection(OUTBOX_TABLE)
      .where({ kind: MAIL_KIND, related_document_id: found.documentId })
      .count({ n: '*' });
    if (Number(n) >= (found.total ?? 0) && found.total !== null) return false;
    const { count } = await strapi.db.query(UID).updateMany({
      where: { documentId: found.documentId, state: 'sending', sendStartedAt: started },
      data: { sendStartedAt: at },
    });
    return count > 0;
  }

  async function progress(documentId: string): Promise<Progress> {
    const found = await notice(documentId);
    const rows: Array<{ status: string; n: number | string }> = await strapi.db
      .connection(OUTBOX_TABLE)
      .where({ kind: MAIL_KIND, related_document_id: documentId })
      .select('status')
      .count('* as n')
      .groupBy('status');
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    const result: Progress = {
      id: documentId,
      state: found.state,
      total: found.total ?? 0,
      sent: count('sent'),
      pending: count('pending'),
      failed: count('failed'),
      skipped: count('skipped'),
    };
    if (result.state === 'sending' && result.sent + result.failed + result.skipped >= result.total) {
      await notices().update({ documentId, data: { state: 'sent' } });
      result.state = 'sent';
    }
    return result;
  }

  return {
    audience,
    progress,

    async list() {
      const all = await notices().findMany({ sort: 'createdAt:desc', limit: 100 });
      return all.map((n) => ({
        id: n.documentId,
        subject: n.subjectEn,
        subjectKo: n.subjectKo,
        state: n.state,
        total: n.total ?? null,
        createdAt: n.createdAt,
      }));
    },

    /** How many people the notice would reach if it were sent now (nobody's identity). */
    async preview(documentId: string) {
      const found = await notice(documentId);
      return { id: documentId, state: found.state, audience: (await audience()).length };
    },

    /**
     * Sends a draft once: claims it (a conditional update, so two clicks or two instances send
     * once), takes the audience now, and writes the mails to the outbox in batches. A send that
     * stopped half-way (the process died while writing the batches) is resumed by sending again
     * once it has been quiet for RESUME_AFTER_MINUTES: the people already queued are skipped.
     */
    async send(documentId: string, staff: string): Promise<Progress> {
      const found = await notice(documentId);
      const at = privacyGuard(strapi).service('clock').now();
      const claimed = await strapi.db
        .query(UID)
        .updateMany({ where: { documentId, state: 'draft' }, data: { state: 'sending', sendStartedAt: at } });
      if (claimed.count === 0 && !(await claimStalled(found, at))) {
        throw fail(409, 'ALREADY_SENT', `This notice is already ${found.state}`);
      }
      const contacts = await audience();
      const queued = new Set(
        (
          (await strapi.db
            .connection(OUTBOX_TABLE)
            .where({ kind: MAIL_KIND, related_document_id: documentId })
            .select('dedupe_key')) as Array<{
            dedupe_key: string | null;
          }>
        ).map((row) => row.dedupe_key),
      );
      const content = {
        subjectKo: String(found.subjectKo),
        bodyKo: String(found.bodyKo),
        subjectEn: String(found.subjectEn),
        bodyEn: String(found.bodyEn),
      };
      const clinic = await clinicService(strapi).settings();
      const mails = contacts
        .map((contact) =>
          noticeMail(contact, content, {
            clinic: clinic.name,
            unsubscribeUrl: unsubscribeUrl(unsubscribeToken.create(strapi, contact.subjectId, contact.locale)),
            noticeId: documentId,
          }),
        )
        .filter((mail) => !queued.has(mail.dedupeKey ?? null));
      await notices().update({ documentId, data: { total: queued.size + mails.length, sentBy: staff } });
      for (let i = 0; i < mails.length; i += ENQUEUE_BATCH) {
        await strapi.db.transaction(async () => {
          for (const mail of mails.slice(i, i + ENQUEUE_BATCH)) await outboxService(strapi).enqueue(mail);
        });
      }
      return progress(documentId);
    },

    /** The unsubscribe link: withdraws the marketing consent in the ledger, through the mail channel. Idempotent. */
    async unsubscribe(token: string, clientAddress: string | null) {
      const subjectId = unsubscribeToken.open(strapi, token);
      if (!subjectId) throw notFound('This unsubscribe link is not valid');
      const consent = privacyGuard(strapi).service('consent');
      const wasGranted = Boolean((await consent.state(subjectId))[MARKETING_ITEM]?.granted);
      if (wasGranted)
        await consent.record({ subjectId, channel: 'mail', consents: { [MARKETING_ITEM]: false }, actor: 'self', clientAddress, scope: 'subject' });
      return { unsubscribed: true, item: MARKETING_ITEM };
    },
  };
};
