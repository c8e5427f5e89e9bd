import type { OutgoingMail } from '../services/host';
import type { Locale } from './locale';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface PolicyNoticeVars {
  clinic: string;
  version: number;
  effectiveDate: string;
  summary: string | null;
  policyUrl: string;
}

export interface ProvisionNoticeVars {
  clinic: string;
  recipient: string;
  purpose: string;
  dataItems: string[];
  period: string;
  startsOn: string;
  policyUrl: string;
}

const policy = {
  en: (v: PolicyNoticeVars) => ({
    subject: `${v.clinic}: our privacy policy changes on ${v.effectiveDate}`,
    lines: [
      `Version ${v.version} of our privacy policy takes effect on ${v.effectiveDate}. The change is material, so we will ask for your consent again the next time you log in or book.`,
      v.summary ?? '',
      `Read the new version: ${v.policyUrl}?version=${v.version}`,
      'If you do not agree, you can withdraw your membership at any time; your data is then destroyed at once.',
    ],
  }),
  ko: (v: PolicyNoticeVars) => ({
    subject: `[${v.clinic}] 개인정보처리방침 변경 안내 (${v.effectiveDate} 시행)`,
    lines: [
      `개인정보처리방침 ${v.version}판이 ${v.effectiveDate}부터 시행됩니다. 중요한 변경이므로 다음 로그인 또는 예약 때 다시 동의를 받습니다.`,
      v.summary ?? '',
      `새 방침 보기: ${v.policyUrl}?version=${v.version}`,
      '동의하지 않으시면 언제든지 회원 탈퇴를 하실 수 있으며, 그 즉시 개인정보가 파기됩니다.',
    ],
  }),
};

const provision = {
  en: (v: ProvisionNoticeVars) => ({
    subject: `${v.clinic}: advance notice of sharing your information with ${v.recipient}`,
    lines: [
      `You consented to the provision of your information to partner organisations. Before it starts on ${v.startsOn}, we tell you what will be shared:`,
      `Recipient: ${v.recipient}`,
      `Purpose: ${v.purpose}`,
      `Information: ${v.dataItems.join(', ')}`,
      `Period: ${v.period}`,
      `You can withdraw this consent at any time before or after it starts. Our policy: ${v.policyUrl}`,
    ],
  }),
  ko: (v: ProvisionNoticeVars) => ({
    subject: `[${v.clinic}] ${v.recipient}에 대한 개인정보 제공 사전 안내`,
    lines: [
      `제휴 기관 제공에 동의하셨습니다. ${v.startsOn} 제공을 시작하기 전에 제공 내용을 알려 드립니다.`,
      `제공받는 자: ${v.recipient}`,
      `이용 목적: ${v.purpose}`,
      `제공 항목: ${v.dataItems.join(', ')}`,
      `보유 기간: ${v.period}`,
      `제공 전후 언제든지 동의를 철회하실 수 있습니다. 개인정보처리방침: ${v.policyUrl}`,
    ],
  }),
};

function build(kind: string, to: string, locale: Locale, clinic: string, content: { subject: string; lines: string[] }, meta: { subjectId: string; dedupeKey: string }): OutgoingMail {
  const lines = [...content.lines.filter(Boolean), clinic];
  return {
    kind,
    to,
    locale,
    subject: content.subject,
    text: lines.join('\n\n'),
    html: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join(''),
    subjectId: meta.subjectId,
    dedupeKey: meta.dedupeKey,
  };
}

/** The notice a member receives before a material policy change takes effect. */
export const policyNoticeMail = (to: string, locale: Locale, v: PolicyNoticeVars, subjectId: string): OutgoingMail =>
  build('privacy.policy-notice', to, locale, v.clinic, policy[locale === 'ko' ? 'ko' : 'en'](v), {
    subjectId,
    dedupeKey: `privacy.policy-notice:${v.version}:${subjectId}`,
  });

/** The advance notice a person receives before a new provision to a third party starts. */
export const provisionNoticeMail = (to: string, locale: Locale, v: ProvisionNoticeVars, subjectId: string, provisionId: number): OutgoingMail =>
  build('privacy.provision-notice', to, locale, v.clinic, provision[locale === 'ko' ? 'ko' : 'en'](v), {
    subjectId,
    dedupeKey: `privacy.provision-notice:${provisionId}:${subjectId}`,
  });
