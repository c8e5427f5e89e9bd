import type { Core } from '@strapi/strapi';
import type { Locale } from '../../../../../plugins/privacy-guard/server/src';
import { privacyGuard } from '../../../../utils/privacy-guard';
import { sendConsultationMail } from '../../mail';

declare const strapi: Core.Strapi;

interface UpdateEvent {
  params: { where?: Record<string, unknown>; data?: Record<string, unknown> };
  result?: Record<string, unknown>;
  state: { answering?: boolean };
}

const UID = 'api::consultation.consultation';
const open = (row: Record<string, unknown>, field: string) =>
  privacyGuard(strapi).service('crypto').openField(UID, field, row.documentId as string | undefined, row[field] ?? null);

/**
 * Staff answer a consultation in the admin by writing its `answer`: the first save of an
 * answer marks it answered and mails the answer (in the same transaction, through the outbox).
 */
export default {
  async beforeUpdate(event: UpdateEvent) {
    const data = event.params.data;
    if (!data?.answer || !event.params.where) return;
    const stored = (await strapi.db.query(UID).findOne({ where: event.params.where, select: ['state'] })) as { state: string } | null;
    if (stored?.state !== 'open') return;
    data.state = 'answered';
    data.answeredAt = privacyGuard(strapi).service('clock').now();
    event.state.answering = true;
  },

  async afterUpdate(event: UpdateEvent) {
    const row = event.result;
    if (!event.state.answering || !row) return;
    await sendConsultationMail(strapi, 'answered', {
      documentId: String(row.documentId),
      reference: String(row.reference),
      subjectId: (row.subjectId as string | null) ?? null,
      name: open(row, 'name') ?? '',
      email: open(row, 'email') ?? '',
      question: open(row, 'question') ?? '',
      answer: open(row, 'answer'),
      locale: (row.locale as Locale) ?? 'en',
    });
  },
};
