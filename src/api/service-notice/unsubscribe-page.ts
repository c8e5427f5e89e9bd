import crypto from 'node:crypto';
import type { Context } from 'koa';
import type { Locale } from '../../../plugins/privacy-guard/server/src';

/**
 * The small pages behind an unsubscribe link. Opening the link only shows the choice: mail
 * security scanners open links, so the withdrawal waits for the form's POST (a person pressing
 * the button) or a mail client's RFC 8058 one-click POST. No script; the one style block is
 * allowed by its hash, and the form may post only to this server.
 */
export type UnsubscribePage = 'choice' | 'done' | 'invalid';

/** The field the page's form sends, which tells its POST from a mail client's one-click POST. */
export const FORM_FIELD = 'confirm';

const STYLE =
  'body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1a1a1a;background:#fff}' +
  'main{max-width:36rem;margin:0 auto}h1{font-size:1.5rem;line-height:1.25}' +
  'button{font:inherit;min-height:2.75rem;padding:.5rem 1.25rem;border:2px solid #1a1a1a;border-radius:.375rem;background:#1a1a1a;color:#fff;cursor:pointer}' +
  'button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}';
const STYLE_HASH = crypto.createHash('sha256').update(STYLE).digest('base64');

const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

interface Words {
  title: string;
  paragraphs: string[];
  button?: string;
}

const words: Record<Locale, (clinic: string) => Record<UnsubscribePage, Words>> = {
  en: (clinic) => ({
    choice: {
      title: 'Stop notices of new services?',
      paragraphs: [
        `If you press the button, ${clinic} sends you no more notices of new services. Nothing else changes: your reservations, membership and other mail stay as they are.`,
        'If you want to keep receiving them, simply close this page.',
      ],
      button: 'Unsubscribe',
    },
    done: {
      title: 'Unsubscribed',
      paragraphs: ['You will receive no more notices of new services. You can agree to them again at any time when you log in.'],
    },
    invalid: {
      title: 'This link is not valid',
      paragraphs: ['Nothing was changed. Please use the link in the most recent notice, or contact the clinic.'],
    },
  }),
  ko: (clinic) => ({
    choice: {
      title: '신규 서비스 안내를 그만 받으시겠습니까?',
      paragraphs: [
        `아래 버튼을 누르시면 ${clinic}에서 더 이상 신규 서비스 안내를 보내 드리지 않습니다. 예약, 회원 정보와 다른 메일은 그대로입니다.`,
        '계속 받으시려면 이 페이지를 닫으시면 됩니다.',
      ],
      button: '수신 거부',
    },
    done: {
      title: '수신 거부 완료',
      paragraphs: ['더 이상 신규 서비스 안내를 보내 드리지 않습니다. 로그인하시면 언제든지 다시 동의하실 수 있습니다.'],
    },
    invalid: {
      title: '유효하지 않은 링크입니다',
      paragraphs: ['아무것도 바뀌지 않았습니다. 가장 최근 안내 메일의 링크를 쓰시거나 병원에 문의해 주세요.'],
    },
  }),
};

export function unsubscribeHtml(page: UnsubscribePage, locale: Locale, clinic: string): string {
  const w = words[locale](escapeHtml(clinic))[page];
  const form = w.button
    ? `<form method="post"><input type="hidden" name="${FORM_FIELD}" value="yes"><button type="submit">${w.button}</button></form>`
    : '';
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${w.title}</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${w.title}</h1>${w.paragraphs.map((p) => `<p>${p}</p>`).join('')}${form}</main></body></html>`
  );
}

/** Answers with one of the pages: never cached, never framed, no script. */
export function sendUnsubscribePage(ctx: Context, page: UnsubscribePage, locale: Locale, clinic: string) {
  ctx.status = page === 'invalid' ? 404 : 200;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Security-Policy', CSP);
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = unsubscribeHtml(page, locale, clinic);
}
