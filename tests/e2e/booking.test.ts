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

/** Text inside the element and every shadow root below it (the manage view is an element inside <clinic-booking>). */
const deepText = (page: Page, tag: string) =>
  page.$eval(tag, (el) => {
    const walk = (root: Node): string =>
      [...root.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : walk(n) + ((n as Element).shadowRoot ? walk((n as Element).shadowRoot!) : ''))).join('');
    return walk(el.shadowRoot!).replace(/\s+/g, ' ');
  });
const untilDeepText = async (page: Page, tag: string, words: string) => {
  for (const end = Date.now() + 20000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if ((await deepText(page, tag).catch(() => '')).includes(words)) return;
  throw new Error(`"${words}" never shown in ${tag}: ${await deepText(page, tag).catch(() => '')}`);
};
async function pressDeep(page: Page, selector: string, words: string) {
  const button = await page.waitForFunction(
    (s, w) => {
      const find = (root: Document | ShadowRoot): HTMLElement | undefined => {
        for (const el of root.querySelectorAll<HTMLElement>('*')) {
          if (el.matches(s) && el.textContent?.trim() === w) return el;
          const inner = el.shadowRoot && find(el.shadowRoot);
          if (inner) return inner;
        }
        return undefined;
      };
      return find(document);
    },
    { timeout: 20000, polling: 100 },
    selector,
    words,
  );
  await (button as unknown as { focus(): Promise<void> }).focus();
  await page.keyboard.press('Enter');
}
const statusOf = async (reference: string) =>
  ((await app.strapi.documents('api::reservation.reservation').findMany({ filters: { reference } } as never)) as Array<{ state: string }>)[0];

describe('the manage link on a partner site', () => {
  let reference = '';
  let token = '';

  beforeAll(async () => {
    site.setPage('/book', partnerPage(serverOrigin, '<clinic-booking locale="en"></clinic-booking>'));
    site.setPage('/manage', partnerPage(serverOrigin, '<clinic-booking locale="en"></clinic-booking>'));
    site.setPage(
      '/manage-alone',
      partnerPage(serverOrigin, `<script type="module" src="${serverOrigin}/widget/clinic-booking-manage.js"></script><clinic-booking-manage locale="en"></clinic-booking-manage>`),
    );
    const page = await browser.newPage();
    try {
      ({ reference } = await bookAs(page, { name: 'Sam Example', email: 'sam.e2e@example.test', phone: '010-5555-0103' }));
      const href = await page.$eval(inWidget('a[href*="manage="]'), (a) => (a as HTMLAnchorElement).href);
      token = new URL(href).searchParams.get('manage') ?? '';
    } finally {
      await page.close();
    }
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('shows the booking inside <clinic-booking> and cancels it by keyboard; the page hears of it and the clinic stores it', async () => {
    const page = await browser.newPage();
    try {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push((e as Error).message));
      await page.goto(site.url(`/manage?manage=${token}`));
      await page.evaluate(() => document.addEventListener('clinic-booking-cancelled', (e) => ((window as unknown as { heard: unknown }).heard = { detail: (e as CustomEvent).detail, target: (e.target as Element).tagName })));
      await untilDeepText(page, 'clinic-booking', reference);
      expect(await deepText(page, 'clinic-booking')).toContain('Confirmed');
      // The page's own text never shows the patient in full: the manage view is masked.
      expect(await deepText(page, 'clinic-booking')).not.toContain('Sam Example');
      await pressDeep(page, 'button', 'Cancel this booking');
      await untilDeepText(page, 'clinic-booking', 'The time will be offered to others');
      await pressDeep(page, 'button', 'Yes, cancel it');
      await untilDeepText(page, 'clinic-booking', 'Your booking is cancelled.');
      expect(await page.evaluate(() => (window as unknown as { heard: unknown }).heard)).toEqual({ detail: { reference }, target: 'CLINIC-BOOKING' });
      const stored = await statusOf(reference);
      expect(stored.state).toBe('cancelled');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('<clinic-booking-manage> alone reads the same link; the cancelled booking offers nothing more to cancel', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(site.url(`/manage-alone?manage=${token}`));
      await untilDeepText(page, 'clinic-booking-manage', reference);
      expect(await deepText(page, 'clinic-booking-manage')).toContain('Cancelled');
      expect(await deepText(page, 'clinic-booking-manage')).not.toContain('Cancel this booking');
    } finally {
      await page.close();
    }
  });

  it('<clinic-booking-manage> alone refuses a token that is no booking’s, spelt like one', async () => {
    const page = await browser.newPage();
    try {
      const forged = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      await page.goto(site.url(`/manage-alone?manage=${forged}`));
      await untilDeepText(page, 'clinic-booking-manage', 'This link is no longer valid.');
      expect(await deepText(page, 'clinic-booking-manage')).not.toContain(reference);
    } finally {
      await page.close();
    }
  });
});
