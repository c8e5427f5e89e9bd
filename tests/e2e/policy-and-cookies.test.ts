import type { Browser, Page } from 'puppeteer-core';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { launchBrowser } from '../helpers/browser';
import { startPartnerSite, partnerPage, type PartnerSite } from '../helpers/partner-site';

let app: TestApp;
let site: PartnerSite;
let browser: Browser;
let page: Page;
let serverOrigin: string;

beforeAll(async () => {
  site = await startPartnerSite();
  app = await startStrapi({ WIDGET_ALLOWED_ORIGINS: site.origin });
  serverOrigin = await app.listen();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await app?.stop();
});
beforeEach(async () => {
  page = await browser.newPage();
});
afterEach(async () => {
  await page?.close();
});

/** Text inside an element's shadow root, as a person would read it. */
const shadowText = (selector: string) => page.$eval(selector, (el) => el.shadowRoot?.textContent ?? '');

describe('on a partner site with a hostile stylesheet', () => {
  it('shows the privacy policy in effect with its sections, officer and history', async () => {
    site.setPage('/policy', partnerPage(serverOrigin, '<clinic-privacy-policy></clinic-privacy-policy>'));
    await page.goto(site.url('/policy'));
    await page.waitForFunction(
      () => document.querySelector('clinic-privacy-policy')?.shadowRoot?.textContent?.includes('Third-Party Links'),
      { timeout: 15000, polling: 100 },
    );
    const text = await shadowText('clinic-privacy-policy');
    expect(text).toContain('Viewing/Modifying Personal Information');
    expect(text).toContain('Jiwoo Han');
    expect(text).toMatch(/2010/);
  });

  it('is refused by the API when the site is not among WIDGET_ALLOWED_ORIGINS', async () => {
    const res = await fetch(`${serverOrigin}/api/clinic`, { headers: { Origin: 'http://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).not.toBe('http://evil.example');
    const allowed = await fetch(`${serverOrigin}/api/clinic`, { headers: { Origin: site.origin } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(site.origin);
  });
});
