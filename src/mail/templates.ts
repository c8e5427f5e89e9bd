import type { Locale } from '../../plugins/privacy-guard/server/src';

export type BookingMailKind = 'confirmation' | 'rescheduled' | 'cancelled' | 'reminder';

export interface BookingMailVars {
  clinicName: string;
  clinicPhone: string | null;
  patientName: string;
  serviceName: string;
  practitionerName: string;
  when: string;
  reference: string;
  manageUrl: string | null;
  awaitingGuardian: boolean;
}

interface Text {
  subject: string;
  lines: string[];
}

type Catalogue = Record<BookingMailKind, (v: BookingMailVars) => Text>;

const en: Catalogue = {
  confirmation: (v) => ({
    subject: `${v.clinicName}: your reservation ${v.reference}`,
    lines: [
      `Dear ${v.patientName},`,
      v.awaitingGuardian
        ? `We have received your reservation. It is confirmed once your guardian confirms it with the code we mailed to them.`
        : `Your reservation is confirmed.`,
      `Treatment: ${v.serviceName} with ${v.practitionerName}`,
      `When: ${v.when}`,
      `Reference: ${v.reference}`,
      'The attached invitation adds it to your calendar.',
    ],
  }),
  rescheduled: (v) => ({
    subject: `${v.clinicName}: your reservation ${v.reference} has moved`,
    lines: [
      `Dear ${v.patientName},`,
      'Your reservation has moved to a new time.',
      `Treatment: ${v.serviceName} with ${v.practitionerName}`,
      `New time: ${v.when}`,
      `Reference: ${v.reference}`,
    ],
  }),
  cancelled: (v) => ({
    subject: `${v.clinicName}: reservation ${v.reference} cancelled`,
    lines: [
      `Dear ${v.patientName},`,
      'Your reservation has been cancelled.',
      `Treatment: ${v.serviceName}`,
      `Was: ${v.when}`,
      `Reference: ${v.reference}`,
    ],
  }),
  reminder: (v) => ({
    subject: `${v.clinicName}: reminder of your reservation tomorrow`,
    lines: [
      `Dear ${v.patientName},`,
      'A reminder of your treatment tomorrow.',
      `Treatment: ${v.serviceName} with ${v.practitionerName}`,
      `When: ${v.when}`,
      `Reference: ${v.reference}`,
    ],
  }),
};

const ko: Catalogue = {
  confirmation: (v) => ({
    subject: `[${v.clinicName}] 예약 ${v.reference} 안내`,
    lines: [
      `${v.patientName} 님, 안녕하세요.`,
      v.awaitingGuardian
        ? '예약이 접수되었습니다. 보호자께 보내 드린 확인 코드로 보호자가 확인하시면 예약이 확정됩니다.'
        : '예약이 확정되었습니다.',
      `시술: ${v.serviceName} (${v.practitionerName})`,
      `일시: ${v.when}`,
      `예약 번호: ${v.reference}`,
      '첨부된 초대장으로 일정을 캘린더에 추가하실 수 있습니다.',
    ],
  }),
  rescheduled: (v) => ({
    subject: `[${v.clinicName}] 예약 ${v.reference} 일정 변경 안내`,
    lines: [
      `${v.patientName} 님, 안녕하세요.`,
      '예약 일정이 변경되었습니다.',
      `시술: ${v.serviceName} (${v.practitionerName})`,
      `변경된 일시: ${v.when}`,
      `예약 번호: ${v.reference}`,
    ],
  }),
  cancelled: (v) => ({
    subject: `[${v.clinicName}] 예약 ${v.reference} 취소 안내`,
    lines: [
      `${v.patientName} 님, 안녕하세요.`,
      '예약이 취소되었습니다.',
      `시술: ${v.serviceName}`,
      `예약했던 일시: ${v.when}`,
      `예약 번호: ${v.reference}`,
    ],
  }),
  reminder: (v) => ({
    subject: `[${v.clinicName}] 내일 예약 안내`,
    lines: [
      `${v.patientName} 님, 안녕하세요.`,
      '내일 예약된 시술을 알려 드립니다.',
      `시술: ${v.serviceName} (${v.practitionerName})`,
      `일시: ${v.when}`,
      `예약 번호: ${v.reference}`,
    ],
  }),
};

const footer: Record<Locale, (v: BookingMailVars) => string[]> = {
  en: (v) => [
    ...(v.manageUrl ? [`See, move or cancel your reservation: ${v.manageUrl}`] : []),
    ...(v.clinicPhone ? [`Questions? Call us at ${v.clinicPhone}.`] : []),
    v.clinicName,
  ],
  ko: (v) => [
    ...(v.manageUrl ? [`예약 확인·변경·취소: ${v.manageUrl}`] : []),
    ...(v.clinicPhone ? [`문의: ${v.clinicPhone}`] : []),
    v.clinicName,
  ],
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * Lines of a plain mail as simple HTML paragraphs, escaped. Only the links the clinic's code put in
 * (`links`: a manage, reset or confirmation link) are clickable: a URL typed by a person (in a
 * name, a note, a question) stays text, so no one can send a clickable link under the clinic's name.
 */
export function htmlParagraphs(lines: string[], links: ReadonlyArray<string | null | undefined> = []): string {
  const anchors = links.filter((link): link is string => Boolean(link)).map((link) => [escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`] as const);
  return lines.map((line) => `<p>${anchors.reduce((html, [text, anchor]) => html.split(text).join(anchor), escapeHtml(line))}</p>`).join('');
}

/** A booking mail in the reservation's language, as plain text and the same words in simple HTML. */
export function bookingMail(kind: BookingMailKind, locale: Locale, vars: BookingMailVars) {
  const { subject, lines } = (locale === 'ko' ? ko : en)[kind](vars);
  const all = [...lines, '', ...footer[locale](vars)];
  const html = `<!doctype html><html lang="${locale}"><body>${htmlParagraphs(all.filter((line) => line !== ''), [vars.manageUrl])}</body></html>`;
  return { subject, text: all.join('\n'), html };
}
