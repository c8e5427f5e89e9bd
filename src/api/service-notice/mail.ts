import type { OutgoingMail } from '../outbox-message/services/outbox';
import type { Contact } from './services/service-notice';

export const MAIL_KIND = 'notice.service';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const footer = {
  en: (clinic: string) =>
    `You receive this because you agreed to notices of new services from ${clinic}. To stop them, open this link and press the button (no login):`,
  ko: (clinic: string) =>
    `${clinic}의 신규 서비스 안내 수신에 동의하셔서 보내 드립니다. 수신을 원하지 않으시면 이 링크를 열고 버튼을 누르세요(로그인 없이 거부됩니다):`,
};

interface Content {
  subjectKo: string;
  bodyKo: string;
  subjectEn: string;
  bodyEn: string;
}

/**
 * One notice for one member, in their language, with the unsubscribe link in the text and the
 * RFC 8058 headers that let a mail client offer one-click unsubscribe.
 */
export function noticeMail(
  contact: Contact,
  content: Content,
  meta: { clinic: string; unsubscribeUrl: string; noticeId: string },
): OutgoingMail {
  const ko = contact.locale === 'ko';
  const subject = ko ? content.subjectKo : content.subjectEn;
  const paragraphs = (ko ? content.bodyKo : content.bodyEn)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const closing = (ko ? footer.ko : footer.en)(meta.clinic);
  return {
    kind: MAIL_KIND,
    to: contact.email,
    locale: contact.locale,
    subject: ko ? `[${meta.clinic}] ${subject}` : `${meta.clinic}: ${subject}`,
    text: [...paragraphs, '--', closing, meta.unsubscribeUrl].join('\n\n'),
    html: [
      ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
      '<hr>',
      `<p><small>${escapeHtml(closing)} <a href="${escapeHtml(meta.unsubscribeUrl)}">${ko ? '수신 거부' : 'Unsubscribe'}</a></small></p>`,
    ].join(''),
    headers: {
      'List-Unsubscribe': `<${meta.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    subjectId: contact.subjectId,
    dedupeKey: `${MAIL_KIND}:${meta.noticeId}:${contact.subjectId}`,
    relatedDocumentId: meta.noticeId,
  };
}
