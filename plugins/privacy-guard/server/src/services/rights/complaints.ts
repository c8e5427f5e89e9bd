import { getService, host } from '../../utils';
import { refuseRrn } from '../../utils/rrn';
import { refuse } from '../../utils/errors';
import type { Locale } from '../../utils/locale';
import { rightsMail } from '../../utils/rights-mail';
import { DAY, ANSWER_WITHIN_DAYS, reference, type RightsContext } from './context';

/** Complaints: filed by anyone, answered by the officer. */
export const complaints = (ctx: RightsContext) => {
  const { strapi, COMPLAINT, now, docs, mailer } = ctx;
  return {
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
  };
};
