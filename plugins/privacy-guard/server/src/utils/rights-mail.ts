import type { OutgoingMail } from '../services/host';
import type { Locale } from './locale';

type Kind = 'correction-outcome' | 'complaint-result';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const texts = {
  en: {
    'correction-outcome': (v: Vars) => ({
      subject: `${v.clinic}: your correction request ${v.reference}`,
      lines: [
        v.outcome === 'applied' ? 'We have corrected your personal information as you asked.' : 'We have looked at your correction request and could not apply it.',
        '',
        v.message,
        '',
        'Your data is no longer restricted.',
        `Reference: ${v.reference}`,
      ],
    }),
    'complaint-result': (v: Vars) => ({
      subject: `${v.clinic}: the result of your privacy complaint ${v.reference}`,
      lines: ['Our privacy officer has handled your complaint. The result:', '', v.message, '', `Reference: ${v.reference}`],
    }),
  },
  ko: {
    'correction-outcome': (v: Vars) => ({
      subject: `[${v.clinic}] 개인정보 정정 요청 ${v.reference} 처리 결과`,
      lines: [
        v.outcome === 'applied' ? '요청하신 대로 개인정보를 정정했습니다.' : '정정 요청을 검토했으나 반영하지 못했습니다.',
        '',
        v.message,
        '',
        '개인정보 처리 정지가 해제되었습니다.',
        `접수 번호: ${v.reference}`,
      ],
    }),
    'complaint-result': (v: Vars) => ({
      subject: `[${v.clinic}] 개인정보 민원 ${v.reference} 처리 결과`,
      lines: ['개인정보 보호책임자가 민원을 처리했습니다. 처리 결과:', '', v.message, '', `접수 번호: ${v.reference}`],
    }),
  },
} as const;

interface Vars {
  clinic: string;
  reference: string;
  message: string;
  outcome?: 'applied' | 'rejected';
}

/** A mail of the person's rights (correction outcome, complaint result), as an outbox row. */
export function rightsMail(kind: Kind, to: string, locale: Locale, vars: Vars, meta: { subjectId: string | null; documentId: string }): OutgoingMail {
  const { subject, lines } = texts[locale === 'ko' ? 'ko' : 'en'][kind](vars);
  const all = [...lines, '', vars.clinic];
  return {
    kind: `privacy.${kind}`,
    to,
    locale,
    subject,
    text: all.join('\n'),
    html: `<!doctype html><html lang="${locale}"><body>${all
      .filter(Boolean)
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('')}</body></html>`,
    subjectId: meta.subjectId,
    relatedDocumentId: meta.documentId,
    dedupeKey: `privacy.${kind}:${meta.documentId}`,
  };
}
