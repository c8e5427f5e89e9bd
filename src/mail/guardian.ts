import type { ClinicSettings } from '../api/clinic/services/clinic';
import type { OutgoingMail } from '../api/outbox-message/services/outbox';
import { formatClinicTime, type Locale } from '../../plugins/privacy-guard/server/src';
import { htmlParagraphs } from './templates';

export interface GuardianCodeMail {
  documentId: string;
  reference: string;
  start: Date;
  locale: Locale;
  subjectId: string | null;
  guardian: { name: string; email: string };
  serviceName: string;
  code: string;
  manageUrl: string;
}

const text = {
  en: (v: GuardianCodeMail, when: string, clinic: string) => ({
    subject: `${clinic}: please confirm a reservation for your child (${v.reference})`,
    lines: [
      `Dear ${v.guardian.name},`,
      `a reservation for ${v.serviceName} on ${when} was made for a child in your care, who is under 14.`,
      `The law and our privacy policy need a parent's or legal guardian's consent. If you agree, confirm it with this code within 48 hours:`,
      v.code,
      `Enter the code on the reservation page: ${v.manageUrl}`,
      `If you do not confirm it, the reservation and the child's data are destroyed after 48 hours.`,
    ],
  }),
  ko: (v: GuardianCodeMail, when: string, clinic: string) => ({
    subject: `${clinic}: 자녀 예약 동의 확인 (${v.reference})`,
    lines: [
      `${v.guardian.name}님, 안녕하세요.`,
      `보호하시는 만 14세 미만 아동의 ${when} ${v.serviceName} 예약이 접수되었습니다.`,
      `법과 개인정보처리방침에 따라 법정대리인의 동의가 필요합니다. 동의하시면 48시간 안에 아래 코드로 확인해 주세요.`,
      v.code,
      `예약 페이지에서 코드를 입력하세요: ${v.manageUrl}`,
      `확인하지 않으시면 48시간 후 예약과 아동의 정보가 파기됩니다.`,
    ],
  }),
};

/** The mail that carries a guardian's confirmation code; sent to the guardian, never to the child. */
export function guardianCodeMail(v: GuardianCodeMail, clinic: ClinicSettings): OutgoingMail {
  const when = formatClinicTime(v.start, clinic.timeZone, v.locale);
  const { subject, lines } = text[v.locale === 'ko' ? 'ko' : 'en'](v, when, clinic.name);
  return {
    kind: 'booking.guardian-code',
    to: v.guardian.email,
    locale: v.locale,
    subject,
    text: lines.join('\n\n'),
    html: htmlParagraphs(lines, [v.manageUrl]),
    subjectId: v.subjectId,
    relatedDocumentId: v.documentId,
    dedupeKey: `booking.guardian-code:${v.documentId}`,
  };
}
