import type { OutgoingMail } from '../services/host';
import { publicUrl } from './public-url';
import type { Locale } from './locale';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * Where the link of a verification mail leads: the clinic's own privacy center page, else the
 * one Strapi serves. The token rides in the fragment, which browsers never send to a server, so
 * it reaches no access log and no Referer.
 */
export const verifyLink = (token: string): string => `${process.env.PRIVACY_CENTER_URL || `${publicUrl()}/privacy/`}#verify=${token}`;

const texts = {
  en: (clinic: string, link: string, code: string) => ({
    subject: `${clinic}: open your privacy center`,
    lines: [
      'Someone (we hope you) asked to see, correct or erase the personal data this clinic holds on this e-mail address.',
      '',
      'Open your privacy center with this link (valid 30 minutes, once):',
      link,
      '',
      `Or, on another device, enter this code with your e-mail address: ${code}`,
      '',
      'If you did not ask, ignore this mail: nothing is shown to anyone without this link or code.',
    ],
  }),
  ko: (clinic: string, link: string, code: string) => ({
    subject: `[${clinic}] 개인정보 센터 열기`,
    lines: [
      '이 이메일 주소로 보관된 개인정보의 열람·정정·삭제 요청이 접수되었습니다.',
      '',
      '아래 링크로 개인정보 센터를 여세요 (30분간, 한 번만 유효):',
      link,
      '',
      `다른 기기에서는 이메일 주소와 함께 이 코드를 입력하세요: ${code}`,
      '',
      '요청하지 않으셨다면 이 메일을 무시하세요. 이 링크나 코드 없이는 누구에게도 정보가 표시되지 않습니다.',
    ],
  }),
} as const;

/** The proof-of-control mail, as an outbox row: to the address asked for, and to nobody else. */
export function verifyMail(input: { to: string; locale: Locale; clinic: string; token: string; code: string; subjectId: string; documentId: string }): OutgoingMail {
  const link = verifyLink(input.token);
  const { subject, lines } = texts[input.locale === 'ko' ? 'ko' : 'en'](input.clinic, link, input.code);
  const all = [...lines, '', input.clinic];
  return {
    kind: 'privacy.verify',
    to: input.to,
    locale: input.locale,
    subject,
    text: all.join('\n'),
    html: `<!doctype html><html lang="${input.locale}"><body>${all
      .filter(Boolean)
      .map((line) => (line === link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : `<p>${escapeHtml(line)}</p>`))
      .join('')}</body></html>`,
    subjectId: input.subjectId,
    relatedDocumentId: input.documentId,
    dedupeKey: `privacy.verify:${input.documentId}`,
  };
}
