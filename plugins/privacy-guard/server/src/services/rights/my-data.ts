import { getService, host } from '../../utils';
import { CORRECTION, PROVISION, PROVISION_NOTICE } from '../../utils/uids';
import type { Channel } from '../host';
import type { Locale } from '../../utils/locale';
import { consentReceipt } from '../../utils/receipt';
import { recordScope, storedScope, type Scope } from '../../utils/consent-scope';
import type { ItemState } from '../consent';
import type { LedgerRow } from '../ledger';
import { boardWritingOf } from '../../utils/board-writing';
import { json, type RightsContext } from './context';
import type { Caller } from './identity';
import type { callerRecords } from './caller-records';

/** The my-data export: everything held on the caller, with consent receipts and provisions. */
export const myDataExport = (ctx: RightsContext, recordsOf: ReturnType<typeof callerRecords>) => {
  const { strapi, declared, RESERVATION, MEMBER_PROFILE, CONSULTATION, COMPLAINT, now } = ctx;
  /**
   * One receipt per channel and scope a decision was made in: a booking's decisions bind that
   * booking (scope `reservation:<documentId>`), verified ones the subject (`subject`); each
   * purpose names the scope of the decision it shows. `state` holds, per scope, the decisions
   * the caller may see there.
   */
  async function receipts(subjectId: string, locale: Locale, ledger: LedgerRow[], state: Record<string, Record<string, ItemState>>) {
    const clinic = await host(strapi).clinic.settings();
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
    return out;
  }

  /**
   * The consent history and receipts the caller may see. With proof of control: the subject's,
   * each receipt in the scope that applies. A manage token: only what was decided with its
   * reservation, read from that scope's rows alone. A decision binding the whole address is left
   * out there, even where it overrides the booking's: its date, version or origin, or even that it
   * exists, would tell whoever typed the address into a booking that the address has a verified
   * owner, and what she decided. An unconfirmed member: the account's own rows, no receipts.
   */
  async function consentsOf(caller: Caller) {
    const consent = getService(strapi, 'consent');
    const rows = await getService(strapi, 'ledger').rowsOf(caller.subjectId);
    if (caller.verified) {
      const state = await consent.stateByScope(caller.subjectId);
      return { ledger: rows, state, receipts: await receipts(caller.subjectId, caller.locale, rows, state) };
    }
    if (caller.reservationDocumentId) {
      const scope = recordScope('reservation', caller.reservationDocumentId);
      const ledger = rows.filter((row) => row.scope === scope);
      const state = { [scope]: consent.decidedIn(ledger, scope) };
      return { ledger, state, receipts: await receipts(caller.subjectId, caller.locale, ledger, state) };
    }
    const scope = caller.userId === null ? null : await consent.memberScope(caller.userId);
    return { ledger: rows.filter((row) => row.scope === scope), state: {}, receipts: [] };
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
    /** Everything held on the caller, decrypted, in the shape docs/my-data.md describes. */
    async myData(caller: Caller) {
      const { profile, reservations, consultations, complaints, corrections } = await recordsOf(caller);
      const { receipts: consentReceipts, ledger, state } = await consentsOf(caller);
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
          scope: storedScope(row.scope),
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
  };
};
