import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A partner's web site on its own origin (another port of 127.0.0.1), with a stylesheet that
 * tries its best to break anything embedded in it.
 */
export const HOSTILE_CSS = `
  * { color: #f0f !important; font-family: "Comic Sans MS", cursive !important; letter-spacing: 3px !important; }
  div, button, input, label, ul, li, section, form, p, h1, h2, h3 { display: none !important; }
  button { background: black !important; color: black !important; }
  input { visibility: hidden !important; }
`;

export interface PartnerSite {
  origin: string;
  url(path?: string): string;
  setPage(path: string, html: string): void;
  close(): Promise<void>;
}

export async function startPartnerSite(): Promise<PartnerSite> {
  const pages: Record<string, string> = {};
  const server = http.createServer((req, res) => {
    const page = pages[(req.url ?? '/').split('?')[0]];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path = '/') => origin + path,
    setPage: (path, html) => {
      pages[path] = html;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const partnerPage = (serverOrigin: string, body: string, lang = 'en') => `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>A partner site</title>
  <style>${HOSTILE_CSS}</style>
  <script type="module" src="${serverOrigin}/widget/clinic-booking.js"></script>
  <script type="module" src="${serverOrigin}/widget/clinic-privacy-policy.js"></script>
  <script type="module" src="${serverOrigin}/widget/clinic-cookie-consent.js"></script>
</head>
<body>
  <h1>Partner site</h1>
  ${body}
</body>
</html>`;
