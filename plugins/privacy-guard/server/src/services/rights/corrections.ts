import { host } from '../../utils';
import { CORRECTION } from '../../utils/uids';
import { refuseRrn } from '../../utils/rrn';
import { validationError, refuse } from '../../utils/errors';
import type { Locale } from '../../utils/locale';
import { RESTRICTION_LIFTED } from '../../utils/events';
import { rightsMail } from '../../utils/rights-mail';
import { DAY, ANSWER_WITHIN_DAYS, reference, json, type RightsContext } from './context';
import { type Caller, assertVerified } from './identity';
import type { callerRecords } from './caller-records';

/** Correction requests: asked by the person (restricting their records), listed and resolved by staff. */
export const corrections = (ctx: RightsContext, recordsOf: ReturnType<typeof callerRecords>) => {
  const { strapi, declared, RESERVATION, now, docs, restriction, mailer } = ctx;
  return {
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
  };
};
