import { getService } from '../../utils';
import { PROVISION } from '../../utils/uids';
import { refuse } from '../../utils/errors';
import { recordScope } from '../../utils/consent-scope';
import type { RightsContext } from './context';

/** What a recipient of the provision register may be sent. */
export const thirdPartyExport = (ctx: RightsContext) => {
  const { strapi, RESERVATION, now, docs, restriction } = ctx;
  return {
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
