import { randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { getService, host } from '../utils';
import { CORRECTION, PROVISION, PROVISION_NOTICE, USER } from '../utils/uids';
import { declarations } from '../declarations';
import { refuseRrn } from '../utils/rrn';
import { validationError, refuse } from '../utils/errors';
import type { Channel } from './host';
import type { Locale } from '../utils/locale';
import { consentReceipt } from '../utils/receipt';
import { recordScope, type Scope } from '../utils/consent-scope';
import { RESTRICTION_LIFTED } from '../utils/events';
import { rightsMail } from '../utils/rights-mail';
import { boardWritingOf } from '../utils/board-writing';
import { eraseReservation } from '../utils/reservation-erasure';

const DAY = 24 * 60 * 60 * 1000;
/** Corrections and complaints are answered within 10 days. */
const ANSWER_WITHIN_DAYS = 10;


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

type Doc = Record<string, unknown> & { documentId: string };

/** Refuses what needs proof of control of the address to a caller without it. */
export function assertVerified(caller: Caller): void {
  if (!caller.verified) throw verificationRequired();
}

const reference = (prefix: string) => {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  return `${prefix}-${Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
};

const json = (value: unknown) => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/**
 * The person's rights: see everything held on them, ask for a correction (their data is
 * restricted until staff resolve it), withdraw (erasure now), and file a complaint.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const declared = declarations(strapi);
  const RESERVATION = declared.uid('reservation');
  const MEMBER_PROFILE = declared.uid('member-profile');
  const CONSULTATION = declared.uid('consultation');
  const COMPLAINT = declared.uid('complaint');
  const now = () => getService(strapi, 'clock').now();
  const docs = (uid: string) => strapi.documents(uid as never) as unknown as {
    findMany(p: Record<string, unknown>): Promise<Doc[]>;
    findFirst(p: Record<string, unknown>): Promise<Doc | null>;
    findOne(p: Record<string, unknown>): Promise<Doc | null>;
    create(p: Record<string, unknown>): Promise<Doc>;
    update(p: Record<string, unknown>): Promise<Doc>;
  };
  const restriction = () => getService(strapi, 'restriction');
  const mailer = () => host(strapi).outbox;

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

  /**
   * One receipt per channel and scope a decision was made in: a booking's decisions bind that
   * booking (scope `reservation:<documentId>`), verified ones the subject (`subject`); each
   * purpose names the scope of the decision that applies.
   */
  async function receipts(subjectId: string, locale: Locale) {
    const consent = getService(strapi, 'consent');
    const [state, ledger, clinic] = await Promise.all([consent.stateByScope(subjectId), getService(strapi, 'ledger').rowsOf(subjectId), host(strapi).clinic.settings()]);
    const decided = new Map<string, { channel: Channel; scope: Scope }>();
    for (const row of ledger) {
      if (!['reservation', 'membership', 'consultation'].includes(row.channel)) continue;
      // Rows that bind the subject (scope `subject`, rows from before scopes, a confirmed member's) are read in scope `subject`.
      const scope = row.scope && state[row.scope] ? row.scope : 'subject';
      decided.set(`${row.channel} ${scope}`, { channel: row.channel as Channel, scope });
    }
    const publicUrl = (process.env.PUBLIC_URL || '').replace(/\/$/, '');
    const out = [];
    for (const { channel, scope } of decided.values()) {
      const items = await host(strapi).consentItems.forChannel(channel, locale);
      const own = Object.fromEntries(Object.entries(state[scope]).filter(([key]) => items.some((i) => i.key === key)));
      const version = Math.max(...Object.values(own).map((s) => s.policyVersion), 0);
      out.push(
        consentReceipt({
          subjectId,
          channel,
          scope,
          items,
          state: own,
          controller: {
            name: clinic.name,
            contact: [clinic.officer.name, clinic.officer.title].filter(Boolean).join(', ') || clinic.name,
            email: clinic.officer.email ?? clinic.email,
            phone: clinic.officer.phone ?? clinic.phone,
            address: clinic.address,
            url: clinic.website,
          },
          policyUrl: `${publicUrl}/api/privacy-policy?version=${version}`,
          policyVersion: version,
          language: locale,
          jurisdiction: 'KR',
          generatedAt: now(),
        }),
      );
    }
    return { receipts: out, ledger, state };
  }

  /**
   * The provisions of the register that concern the subject: those whose item a decision grants
   * in some scope (named in `scopes`: `subject` for all their records, else the one record), and
   * those they were notified of.
   */
  async function provisionsFor(subjectId: string, state: Record<string, Record<string, { granted: boolean }>>) {
    const [register, notices] = await Promise.all([
      strapi.db.query(PROVISION).findMany({ where: { active: true } }) as Promise<Array<Record<string, unknown>>>,
      strapi.db.query(PROVISION_NOTICE).findMany({ where: { subjectId } }) as Promise<Array<Record<string, unknown>>>,
    ]);
    const scopesGranting = (key: string) => Object.entries(state).filter(([, items]) => items[key]?.granted).map(([scope]) => scope);
    return register
      .map((p) => ({ p, key: String(p.consentItemKey ?? 'third_party_provision') }))
      .filter(({ p, key }) => scopesGranting(key).length > 0 || notices.some((n) => n.provisionId === p.id))
      .map(({ p, key }) => ({
        recipient: p.recipient,
        purpose: p.purpose,
        dataItems: p.dataItems,
        period: p.period,
        legalBasis: p.legalBasis,
        startsAt: p.startsAt,
        consentItemKey: key,
        scopes: scopesGranting(key),
        noticeSentAt: notices.find((n) => n.provisionId === p.id)?.sentAt ?? null,
      }));
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

    /** Everything held on the caller, decrypted, in the shape docs/my-data.md describes. */
    async myData(caller: Caller) {
      const { profile, reservations, consultations, complaints, corrections } = await recordsOf(caller);
      const subjectWide = await receipts(caller.subjectId, caller.locale);
      // The consent history is the subject's: without proof of control only the rows decided for the caller's own record.
      const own = (row: { channel: string; scope?: string | null }) =>
        caller.reservationDocumentId ? row.scope === `reservation:${caller.reservationDocumentId}` : row.channel === 'membership';
      // A manage token's reservation keeps the receipt of the consents given with it, and only that one.
      const ownReceipts = caller.reservationDocumentId ? subjectWide.receipts.filter((r) => r.scope === `reservation:${caller.reservationDocumentId}`) : [];
      const { receipts: consentReceipts, ledger, state } = caller.verified
        ? subjectWide
        : { receipts: ownReceipts, ledger: subjectWide.ledger.filter(own), state: {} };
      const clinic = await host(strapi).clinic.settings();
      return {
        format: 'clinic-cms/my-data@1',
        generatedAt: now().toISOString(),
        subject: { subjectId: caller.subjectId, identifiedBy: caller.via },
        controller: { name: clinic.name, officer: clinic.officer },
        profile: profile && {
          ...declared.exportOf(MEMBER_PROFILE, profile),
          locale: profile.locale,
          status: profile.state,
          restricted: Boolean(profile.restricted),
          createdAt: profile.createdAt,
        },
        reservations: reservations.map((r) => ({
          reference: r.reference,
          status: r.state,
          start: r.startsAt,
          end: r.endsAt,
          service: (r.service as { name?: string } | null)?.name ?? null,
          practitioner: (r.practitioner as { name?: string } | null)?.name ?? null,
          ...declared.exportOf(RESERVATION, r),
          guardian: json(r.guardian),
          locale: r.locale,
          restricted: Boolean(r.restricted),
          keepUntil: r.keepUntil ?? null,
          createdAt: r.createdAt,
        })),
        consultations: consultations.map((c) => ({
          reference: c.reference,
          status: c.state,
          ...declared.exportOf(CONSULTATION, c),
          answeredAt: c.answeredAt ?? null,
          restricted: Boolean(c.restricted),
          createdAt: c.createdAt,
        })),
        complaints: complaints.map((c) => ({
          reference: c.reference,
          status: c.state,
          ...declared.exportOf(COMPLAINT, c),
          dueAt: c.dueAt,
          resolvedAt: c.resolvedAt ?? null,
          createdAt: c.createdAt,
        })),
        corrections: corrections.map((c) => ({
          reference: c.reference,
          field: c.field,
          ...declared.exportOf(CORRECTION, c),
          status: c.status,
          dueAt: c.dueAt,
          resolvedAt: c.resolvedAt ?? null,
        })),
        consentReceipts,
        ledger: ledger.map((row) => ({
          seq: row.seq,
          itemKey: row.itemKey,
          action: row.action,
          policyVersion: row.policyVersion,
          channel: row.channel,
          actor: row.actor,
          occurredAt: row.occurredAt,
          textHash: row.textHash,
          hash: row.hash,
        })),
        provisions: caller.verified ? await provisionsFor(caller.subjectId, state) : [],
        board: caller.verified ? await boardWritingOf(strapi, caller.subjectId) : { posts: [], comments: [] },
        connections: caller.verified ? await getService(strapi, 'connection-log').of(caller.subjectId) : [],
      };
    },

    /** A correction request: stored encrypted, and the subject's records restricted until it is resolved. */
    async requestCorrection(caller: Caller, input: { field: string; value: string; reason?: string }) {
      refuseRrn({ value: input.value, reason: input.reason });
      const own = caller.reservationDocumentId;
      if (own && !declared.correctable(input.field).some((target) => target.uid === RESERVATION)) {
        throw validationError([{ path: 'field', message: `a reservation holds no ${input.field}` }]);
      }
      if (!own) assertVerified(caller);
      const { profile, reservations } = await recordsOf(caller);
      const contact = (profile?.email as string | undefined) ?? (reservations.find((r) => r.patientEmail)?.patientEmail as string | undefined) ?? null;
      const at = now();
      return strapi.db.transaction(async () => {
        const created = await docs(CORRECTION).create({
          data: {
            reference: reference('K'),
            subjectId: caller.subjectId,
            reservationDocumentId: own,
            field: input.field,
            value: input.value,
            reason: input.reason ?? null,
            contact: contact ? JSON.stringify({ email: contact, locale: caller.locale }) : null,
            status: 'pending',
            dueAt: new Date(at.getTime() + ANSWER_WITHIN_DAYS * DAY),
          },
        });
        await restriction().restrict({ subjectId: caller.subjectId, reservationDocumentId: own });
        return { reference: created.reference, field: input.field, status: 'pending', restricted: true, dueAt: created.dueAt };
      });
    },

    async listCorrections(status?: string) {
      const rows = await docs(CORRECTION).findMany({ filters: status ? { status } : {}, sort: 'createdAt:asc' });
      return rows.map((c) => ({
        id: c.documentId,
        reference: c.reference,
        subjectId: c.subjectId,
        field: c.field,
        value: c.value,
        reason: c.reason,
        status: c.status,
        dueAt: c.dueAt,
        resolvedAt: c.resolvedAt ?? null,
        message: c.message,
      }));
    },

    /** Staff apply or reject a correction; the restriction lifts (if nothing else is pending) and the outcome is mailed. */
    async resolveCorrection(documentId: string, input: { outcome: 'applied' | 'rejected'; message: string }) {
      const correction = await docs(CORRECTION).findOne({ documentId });
      if (!correction) throw refuse(404, 'NOT_FOUND', 'No such correction request');
      if (correction.status !== 'pending') throw refuse(409, 'ALREADY_RESOLVED', 'This correction request is already resolved', { status: correction.status });
      const subjectId = String(correction.subjectId);
      // A correction asked through a manage token is about that reservation only.
      const own = (correction.reservationDocumentId as string | null) ?? null;
      const clinic = await host(strapi).clinic.settings();
      const result = await strapi.db.transaction(async () => {
        if (input.outcome === 'applied') {
          for (const { uid, field } of declared.correctable(String(correction.field))) {
            if (own && uid !== RESERVATION) continue;
            for (const doc of await docs(uid).findMany({ filters: own ? { documentId: own } : { subjectId }, fields: ['documentId'] })) {
              await docs(uid).update({ documentId: doc.documentId, data: { [field]: correction.value } });
            }
          }
        }
        await docs(CORRECTION).update({ documentId, data: { status: input.outcome, message: input.message, resolvedAt: now() } });
        const stillRestricted = await restriction().settle({ subjectId, reservationDocumentId: own });
        const contact = json(correction.contact) as { email?: string; locale?: Locale } | null;
        if (contact?.email) {
          await mailer().enqueue(
            rightsMail('correction-outcome', contact.email, contact.locale ?? 'en', { clinic: clinic.name, reference: String(correction.reference), message: input.message, outcome: input.outcome }, { subjectId, documentId }),
          );
        }
        return { id: documentId, reference: correction.reference, status: input.outcome, restricted: stillRestricted };
      });
      // Once committed: the app rebuilds what it had queued from the corrected, unrestricted data (reminders).
      if (!result.restricted) await strapi.eventHub.emit(RESTRICTION_LIFTED, { subjectId });
      return result;
    },

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
      const receipt = await getService(strapi, 'erasure').eraseSubject({ subjectId: profile.subjectId, userId, rule: 'expulsion', performedBy: `admin:${staffId}`, actor: 'staff', withdrawConsents: true });
      await getService(strapi, 'privacy-session').forgetSubject(profile.subjectId);
      return receipt;
    },

    async fileComplaint(input: { email: string; name?: string; message: string; locale?: Locale }) {
      refuseRrn({ name: input.name, message: input.message });
      const created = await docs(COMPLAINT).create({
        data: {
          reference: reference('C'),
          state: 'open',
          subjectId: getService(strapi, 'consent').subjectIdFor(input.email),
          name: input.name ?? null,
          email: input.email,
          message: input.message,
          locale: input.locale ?? 'en',
          dueAt: new Date(now().getTime() + ANSWER_WITHIN_DAYS * DAY),
        },
      });
      return { reference: String(created.reference) };
    },

    /** The officer's result, stored and mailed in one transaction. */
    async resolveComplaint(documentId: string, input: { result: string }) {
      const complaint = await docs(COMPLAINT).findOne({ documentId });
      if (!complaint) throw refuse(404, 'NOT_FOUND', 'No such complaint');
      if (complaint.state !== 'open') throw refuse(409, 'ALREADY_RESOLVED', 'This complaint is already resolved');
      const clinic = await host(strapi).clinic.settings();
      return strapi.db.transaction(async () => {
        await docs(COMPLAINT).update({ documentId, data: { state: 'resolved', result: input.result, resolvedAt: now() } });
        const mailed = typeof complaint.email === 'string' && complaint.email !== '';
        if (mailed) {
          await mailer().enqueue(
            rightsMail('complaint-result', complaint.email as string, (complaint.locale as Locale) ?? 'en', { clinic: clinic.name, reference: String(complaint.reference), message: input.result }, {
              subjectId: (complaint.subjectId as string | null) ?? null,
              documentId,
            }),
          );
        }
        return { id: documentId, reference: complaint.reference, status: 'resolved', mailed };
      });
    },

    /**
     * What may go to a recipient of the provision register: reservations whose applicable
     * decision on its consent item is a grant (one given with that booking, or one binding the
     * subject), never a restricted record nor a child's. Restricted ones are counted, not sent.
     */
    async thirdPartyExport(provisionId: number) {
      const provision = (await strapi.db.query(PROVISION).findOne({ where: { id: provisionId, active: true } })) as Record<string, unknown> | null;
      if (!provision || new Date(String(provision.startsAt)) > now()) throw refuse(404, 'NOT_FOUND', 'No provision in effect with this id');
      const itemKey = String(provision.consentItemKey ?? 'third_party_provision');
      const reservations = await docs(RESERVATION).findMany({ filters: { state: { $in: ['confirmed', 'completed'] } }, populate: { service: { fields: ['name'] } } });
      const candidates = reservations.filter((r) => r.subjectId && !r.isMinor);
      const granted = await getService(strapi, 'consent').grantsFor(
        candidates.map((r) => ({ subjectId: String(r.subjectId), scope: recordScope('reservation', r.documentId) })),
        itemKey,
      );
      const records: Array<Record<string, unknown>> = [];
      let withheld = 0;
      for (const r of candidates) {
        if (!granted.has(recordScope('reservation', r.documentId))) continue;
        if (await restriction().isRestricted(RESERVATION, r)) {
          withheld += 1;
          continue;
        }
        records.push({ reference: r.reference, name: r.patientName, phone: r.patientPhone, service: (r.service as { name?: string } | null)?.name ?? null });
      }
      return { recipient: provision.recipient, records, withheldRestricted: withheld };
    },
  };
};
