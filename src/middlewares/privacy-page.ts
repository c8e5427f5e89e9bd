import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { clinicService } from '../utils/services';
import type { Locale } from '../../plugins/privacy-guard/server/src';

const PATH = '/privacy/';
const TITLES: Record<Locale, string> = { en: 'Privacy center', ko: '개인정보 센터' };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `?lang=`, else the browser's first language the clinic has, else the clinic's default. Nothing of the request is echoed. */
function languageOf(ctx: Context, locales: Locale[], fallback: Locale): Locale {
  const asked = [String(ctx.query.lang ?? ''), ...ctx.acceptsLanguages()].map((tag) => tag.toLowerCase().split('-')[0]);
  return (asked.find((tag) => (locales as string[]).includes(tag)) as Locale | undefined) ?? fallback;
}

export const privacyPage = (lang: Locale, clinic: string) => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escape(TITLES[lang])} · ${escape(clinic)}</title>
<script type="module" src="/widget/clinic-privacy-center.js"></script>
<style>
body { font-family: system-ui, -apple-system, 'Segoe UI', 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif; margin: 0 auto; max-width: 46rem; padding: 1rem; color: #1b1f24; }
nav { display: flex; gap: 0.5rem; }
nav a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 0.5rem; color: #0a58a8; }
h1 { font-size: 1.5rem; }
</style>
</head>
<body>
<header>
<nav aria-label="Language / 언어"><a href="?lang=en" hreflang="en" lang="en">English</a><a href="?lang=ko" hreflang="ko" lang="ko">한국어</a></nav>
<h1>${escape(clinic)} · ${escape(TITLES[lang])}</h1>
</header>
<main>
<clinic-privacy-center></clinic-privacy-center>
</main>
</body>
</html>
`;

/**
 * The privacy center on a plain page of the server, `/privacy/`, for clinics whose own site has none: the verification
 * mail links here unless `PRIVACY_CENTER_URL` names another page. The page loads only the widget from this server.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/privacy') return ctx.redirect(`${PATH}${ctx.search}`);
    if (ctx.path !== PATH && ctx.path !== `${PATH}index.html`) return next();
    const clinic = await clinicService(strapi).settings();
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.vary('Accept-Language');
    ctx.body = privacyPage(languageOf(ctx, clinic.locales, clinic.defaultLocale), clinic.name);
  };
};
