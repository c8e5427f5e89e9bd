import type { Core } from '@strapi/strapi';
import type outbox from '../outbox-message/services/outbox';
import type { Locale } from '../../../plugins/privacy-guard/server/src';
import { clinicService } from '../../utils/services';

export interface ConsultationForMail {
  documentId: string;
  reference: string;
  subjectId: string | null;
  name: string;
  email: string;
  question: string;
  answer?: string | null;
  locale: Locale;
}

type Kind = 'received' | 'answered';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const texts = {
  en: {
    received: (c: ConsultationForMail, clinic: string) => ({
      subject: `${clinic}: we received your question (${c.reference})`,
      lines: [`Dear ${c.name},`, 'Thank you for your question. A member of our staff will answer it by e-mail.', `Reference: ${c.reference}`, '', 'Your question:', c.question],
    }),
    answered: (c: ConsultationForMail, clinic: string) => ({
      subject: `${clinic}: the answer to your question (${c.reference})`,
      lines: [`Dear ${c.name},`, 'Here is our answer to your question.', '', c.answer ?? '', '', `Reference: ${c.reference}`, 'Your question:', c.question],
    }),
  },
  ko: {
    received: (c: ConsultationForMail, clinic: string) => ({
      subject: `[${clinic}] 상담 문의가 접수되었습니다 (${c.reference})`,
      lines: [`${c.name} 님, 안녕하세요.`, '문의해 주셔서 감사합니다. 담당자가 이메일로 답변드리겠습니다.', `접수 번호: ${c.reference}`, '', '문의 내용:', c.question],
    }),
    answered: (c: ConsultationForMail, clinic: string) => ({
      subject: `[${clinic}] 상담 문의에 대한 답변입니다 (${c.reference})`,
      lines: [`${c.name} 님, 안녕하세요.`, '문의하신 내용에 대한 답변입니다.', '', c.answer ?? '', '', `접수 번호: ${c.reference}`, '문의 내용:', c.question],
    }),
  },
} as const;

/**
 * The one place a consultation mail leaves: the acknowledgement when it is asked, the answer
 * when staff answer it. It goes through the outbox, in the caller's transaction.
 */
export async function sendConsultationMail(strapi: Core.Strapi, kind: Kind, consultation: ConsultationForMail): Promise<void> {
  const clinic = await clinicService(strapi).settings();
  const { subject, lines } = texts[consultation.locale === 'ko' ? 'ko' : 'en'][kind](consultation, clinic.name);
  const service = strapi.service('api::outbox-message.outbox') as unknown as ReturnType<typeof outbox>;
  await service.enqueue({
    kind: `consultation.${kind}`,
    to: consultation.email,
    locale: consultation.locale,
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="${consultation.locale}"><body>${lines
      .filter(Boolean)
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('')}</body></html>`,
    subjectId: consultation.subjectId,
    dedupeKey: `consultation.${kind}:${consultation.documentId}`,
    relatedDocumentId: consultation.documentId,
  });
}
