import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { simpleParser } from 'mailparser';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { launchBrowser } from '../helpers/browser';
import { startPartnerSite, partnerPage, type PartnerSite } from '../helpers/partner-site';

/**
 * A patient books through <clinic-booking> embedded on a partner site (another origin, a
 * hostile stylesheet), by keyboard, against the real server; the reservation exists and the
 * confirmation mail is written. Also at a phone-sized viewport.
 */
let app: TestApp;
let site: PartnerSite;
let browser: Browser;
let serverOrigin: string;
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-e2e-mail-'));

beforeAll(async () => {
  site = await startPartnerSite();
  app = await startStrapi({ WIDGET_ALLOWED_ORIGINS: site.origin, MAIL_DIR: mailDir, OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '1000' });
  serverOrigin = await app.listen();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await app?.stop();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

const inWidget = (selector: string) => `clinic-booking >>> ${selector}`;
const widgetText = (page: Page) => page.$eval('clinic-booking', (el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));
const untilText = (page: Page, words: string) =>
  page.waitForFunction((w) => (document.querySelector('clinic-booking')?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').includes(w), { timeout: 20000, polling: 100 }, words);

/**
 * Waits for an element inside the widget's shadow root, polling on an interval: puppeteer's
 * default requestAnimationFrame polling can stall in an emulated phone page and time out although
 * the element is there.
 */
const untilIn = (page: Page, selector: string) =>
  page.waitForFunction((s) => Boolean(document.querySelector('clinic-booking')?.shadowRoot?.querySelector(s)), { timeout: 20000, polling: 100 }, selector);

async function press(page: Page, selector: string, ...keys: Array<'Space' | 'Enter' | 'Tab'>) {
  await untilIn(page, selector);
  await page.focus(inWidget(selector));
  for (const key of keys) await page.keyboard.press(key);
}

async function typeInto(page: Page, selector: string, text: string) {
  await page.focus(inWidget(selector));
  await page.keyboard.type(text);
}

async function bookAs(page: Page, who: { name: string; email: string; phone: string }) {
  const loaded = Date.now();
  await page.goto(site.url('/book'));
  await press(page, 'input[name="service-choice"]', 'Space', 'Enter');
  await untilIn(page, 'input[name="time"]');
  const firstTimeMs = Date.now() - loaded;
  const start = await page.$eval(inWidget('input[name="time"]'), (el) => (el as HTMLInputElement).value);
  await press(page, 'input[name="time"]', 'Space', 'Enter');
  await untilText(page, 'Your details');
  await typeInto(page, '#f-name', who.name);
  await page.focus(inWidget('#f-birthDate'));
  await page.keyboard.type('04121990');
  await typeInto(page, '#f-phone', who.phone);
  await typeInto(page, '#f-email', who.email);
  await press(page, '[part="primary-button"]', 'Enter');
  await untilText(page, 'Your consent');
  await press(page, '.all input', 'Space');
  await press(page, '[part="primary-button"]', 'Enter');
  await untilText(page, 'Check and book');
  await press(page, '[part="primary-button"]', 'Enter');
  await untilText(page, 'Your visit is booked');
  const reference = await page.$eval(inWidget('.reference'), (el) => el.textContent?.trim() ?? '');
  return { reference, start, firstTimeMs };
}

async function expectBookedAndMailed(reference: string, email: string) {
  const stored = (await app.strapi.documents('api::reservation.reservation').findMany({ filters: { reference } } as never)) as Array<{ patientEmail: string }>;
  expect(stored).toHaveLength(1);
  expect(stored[0].patientEmail).toBe(email);
  await (app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> }).drain();
  const mails = await Promise.all(fs.readdirSync(mailDir).map((f) => simpleParser(fs.readFileSync(path.join(mailDir, f)))));
  const confirmation = mails.find((m) => (m.text ?? '').includes(reference));
  expect(confirmation).toBeDefined();
  expect(JSON.stringify(confirmation!.to)).toContain(email);
  const invitation = confirmation!.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(invitation?.content.toString('utf8')).toContain('BEGIN:VCALENDAR');
}

describe('booking through the widget on a partner site', () => {
  beforeAll(() => {
    site.setPage('/book', partnerPage(serverOrigin, '<clinic-booking locale="en"></clinic-booking>'));
  });

  it('books by keyboard on a desktop; the reservation exists and the confirmation is mailed', async () => {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 1280, height: 900 });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push((e as Error).message));
      const { reference, firstTimeMs } = await bookAs(page, { name: 'Dana Example', email: 'dana.e2e@example.test', phone: '010-5555-0101' });
      expect(reference).toMatch(/\S{4,}/);
      expect(errors).toEqual([]);
      await expectBookedAndMailed(reference, 'dana.e2e@example.test');
      console.info(`e2e: page load to first time shown: ${firstTimeMs} ms`);
    } finally {
      await page.close();
    }
  });

  it('books at a phone-sized viewport with targets of at least 44 px', async () => {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 375, height: 740, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await page.goto(site.url('/book'));
      await untilIn(page, 'input[name="service-choice"]');
      const smallest = await page.$eval('clinic-booking', (el) => {
        const targets = [...(el.shadowRoot?.querySelectorAll('button, label, [role="option"], [role="radio"]') ?? [])] as HTMLElement[];
        return Math.min(...targets.filter((t) => t.offsetParent !== null).map((t) => t.getBoundingClientRect().height));
      });
      expect(smallest).toBeGreaterThanOrEqual(44);
      const width = await page.$eval('clinic-booking', (el) => el.getBoundingClientRect().width);
      expect(width).toBeLessThanOrEqual(375);
      const { reference } = await bookAs(page, { name: 'Robin Example', email: 'robin.e2e@example.test', phone: '010-5555-0102' });
      await expectBookedAndMailed(reference, 'robin.e2e@example.test');
      expect(await widgetText(page)).toContain(reference);
    } finally {
      await page.close();
    }
  });
});
