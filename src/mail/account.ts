import type { ClinicSettings } from '../api/clinic/services/clinic';
import type { OutgoingMail } from '../api/outbox-message/services/outbox';
import type { Locale } from '../../plugins/privacy-guard/server/src';
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

export interface ConfirmEmailMail {
  to: string;
  locale: Locale;
  subjectId: string | null;
  /** users-permissions' own confirmation route with the account's token: `${PUBLIC_URL}/api/auth/email-confirmation?confirmation=…`. */
  link: string;
  /** The member profile the mail is about: erasing the profile erases its mail too. */
  relatedDocumentId: string;
}

const confirmText = {
  en: (v: ConfirmEmailMail, clinic: string) => ({
    subject: `${clinic}: confirm your e-mail address`,
    lines: [
      'Someone registered a membership with this address. If it was you, confirm the address to start using your membership:',
      v.link,
      'If it was not you, ignore this mail: the membership is not active and is deleted after 48 hours, with everything it holds.',
    ],
  }),
  ko: (v: ConfirmEmailMail, clinic: string) => ({
    subject: `${clinic}: 이메일 주소 확인`,
    lines: [
      '이 주소로 회원 가입이 신청되었습니다. 본인이 맞다면 아래 링크로 주소를 확인하시면 회원 서비스를 이용하실 수 있습니다:',
      v.link,
      '본인이 아니라면 이 메일을 무시하세요. 확인되지 않은 가입은 사용할 수 없으며 48시간 뒤 모든 정보와 함께 삭제됩니다.',
    ],
  }),
};

/** The address confirmation of a new membership: sent to the real address (the users table holds only a placeholder). */
export function confirmEmailMail(v: ConfirmEmailMail, clinic: ClinicSettings): OutgoingMail {
  const { subject, lines } = confirmText[v.locale === 'ko' ? 'ko' : 'en'](v, clinic.name);
  return {
    kind: 'account.confirm-email',
    to: v.to,
    locale: v.locale,
    subject,
    text: lines.join('\n\n'),
    html: htmlParagraphs(lines, [v.link]),
    subjectId: v.subjectId,
    relatedDocumentId: v.relatedDocumentId,
  };
}

/**
 * What an address is told when a request named it and there is nothing to send it: so that every
 * address gets a mail, and the answer (and the work behind it) is the same whether or not it has an account.
 * - `exists`: a registration of an address that already has a (confirmed) membership;
 * - `no-account`: a password reset or a new confirmation link asked for an address without an account that could have one;
 * - `confirmed`: a new confirmation link asked for an address already confirmed.
 */
export type MemberNoticeKind = 'exists' | 'no-account' | 'confirmed';

export interface MemberNoticeMail {
  to: string;
  locale: Locale;
  subjectId: string | null;
  kind: MemberNoticeKind;
  /** The privacy center, where the person logs in, signs up or asks for a new password. */
  center: string;
}

const noticeText = {
  en: {
    exists: (clinic: string, center: string) => ({
      subject: `${clinic}: you already have a membership`,
      lines: ['Someone asked to register a membership with this address, which already has one. Nothing was changed.', `If it was you, log in or choose a new password at: ${center}`, 'If it was not you, ignore this mail.'],
    }),
    'no-account': (clinic: string, center: string) => ({
      subject: `${clinic}: about your request`,
      lines: ['Someone asked for a password reset or a confirmation link for a membership with this address, but there is no confirmed membership to send it for. Nothing was changed.', `If it was you, you may have used another address; you can also sign up (again) at: ${center}`, 'If it was not you, ignore this mail.'],
    }),
    confirmed: (clinic: string, center: string) => ({
      subject: `${clinic}: your address is already confirmed`,
      lines: ['Someone asked for a new confirmation link for this address, which is already confirmed. Nothing was changed.', `If it was you, log in at: ${center}`, 'If it was not you, ignore this mail.'],
    }),
  },
  ko: {
    exists: (clinic: string, center: string) => ({
      subject: `${clinic}: 이미 가입된 주소입니다`,
      lines: ['이미 회원으로 가입된 이 주소로 회원 가입이 다시 신청되었습니다. 아무것도 바뀌지 않았습니다.', `본인이라면 여기에서 로그인하거나 새 비밀번호를 정하세요: ${center}`, '본인이 아니라면 이 메일을 무시하세요.'],
    }),
    'no-account': (clinic: string, center: string) => ({
      subject: `${clinic}: 요청하신 내용 안내`,
      lines: ['이 주소의 비밀번호 재설정 또는 확인 링크가 요청되었지만, 보내드릴 회원 정보가 없습니다. 아무것도 바뀌지 않았습니다.', `본인이라면 다른 주소로 가입하셨을 수 있습니다. 여기에서 가입하실 수도 있습니다: ${center}`, '본인이 아니라면 이 메일을 무시하세요.'],
    }),
    confirmed: (clinic: string, center: string) => ({
      subject: `${clinic}: 이미 확인된 주소입니다`,
      lines: ['이미 확인된 이 주소로 확인 링크가 다시 요청되었습니다. 아무것도 바뀌지 않았습니다.', `본인이라면 여기에서 로그인하세요: ${center}`, '본인이 아니라면 이 메일을 무시하세요.'],
    }),
  },
};

/** A mail that tells the address of a request that changed nothing (see MemberNoticeKind). */
export function memberNoticeMail(v: MemberNoticeMail, clinic: ClinicSettings): OutgoingMail {
  const { subject, lines } = noticeText[v.locale === 'ko' ? 'ko' : 'en'][v.kind](clinic.name, v.center);
  return {
    kind: 'account.notice',
    to: v.to,
    locale: v.locale,
    subject,
    text: lines.join('\n\n'),
    html: htmlParagraphs(lines, [v.center]),
    subjectId: v.subjectId,
  };
}
