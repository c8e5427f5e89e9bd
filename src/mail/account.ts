import type { ClinicSettings } from '../api/clinic/services/clinic';
import type { OutgoingMail } from '../api/outbox-message/services/outbox';
import type { Locale } from '../utils/locale';
import { htmlParagraphs } from './templates';

export interface PasswordResetMail {
  to: string;
  locale: Locale;
  subjectId: string | null;
  code: string;
  /** The clinic's own reset page (users-permissions' "reset password page" setting), if it has one. */
  resetPage: string | null;
}

const link = (v: PasswordResetMail) =>
  v.resetPage ? `${v.resetPage}${v.resetPage.includes('?') ? '&' : '?'}code=${encodeURIComponent(v.code)}` : null;

const text = {
  en: (v: PasswordResetMail, clinic: string) => ({
    subject: `${clinic}: reset your password`,
    lines: [
      'Someone asked to reset the password of the membership registered with this address. If it was not you, ignore this mail: nothing changes.',
      link(v) ? `To choose a new password, open: ${link(v)}` : "To choose a new password, enter this code on the clinic's website:",
      ...(link(v) ? [] : [v.code]),
    ],
  }),
  ko: (v: PasswordResetMail, clinic: string) => ({
    subject: `${clinic}: 비밀번호 재설정`,
    lines: [
      '이 주소로 가입된 회원의 비밀번호 재설정을 요청하셨습니다. 요청하지 않으셨다면 이 메일을 무시하세요. 아무것도 바뀌지 않습니다.',
      link(v) ? `새 비밀번호를 정하려면 여세요: ${link(v)}` : '새 비밀번호를 정하려면 병원 웹사이트에 이 코드를 입력하세요:',
      ...(link(v) ? [] : [v.code]),
    ],
  }),
};

/** The password reset mail: sent to the address the member typed, which matched their account's keyed hash. */
export function passwordResetMail(v: PasswordResetMail, clinic: ClinicSettings): OutgoingMail {
  const { subject, lines } = text[v.locale === 'ko' ? 'ko' : 'en'](v, clinic.name);
  return {
    kind: 'account.password-reset',
    to: v.to,
    locale: v.locale,
    subject,
    text: lines.join('\n\n'),
    html: htmlParagraphs(lines, [link(v)]),
    subjectId: v.subjectId,
  };
}
