import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { APP_DIR, startStrapi, type TestApp } from '../helpers/strapi';
import { launchBrowser } from '../helpers/browser';
import { ensureAdminBuilt } from '../helpers/admin-build';
import { firstSlot } from '../helpers/booking';
import { DEMO_STAFF } from '../../database/seed/staff';

/**
 * The privacy officer's pages and the front desk's day, built and opened in headless Chromium
 * against the real server: each shows its heading and real data with no console error, and
 * leaves a screenshot under tests/output/. An editor sees none of them and the API refuses.
 */
const OUTPUT = path.join(APP_DIR, 'tests', 'output');
const PATIENT = { name: 'Minji Inventedpark', birthDate: '1990-04-12', phone: '010-5555-0147', email: 'minji.inventedpark@example.test' };
/** The demo staff's passwords, generated for this run as `npm start` generates them into .env. */
const PASSWORDS: Record<string, string> = Object.fromEntries(DEMO_STAFF.map((s) => [s.passwordVariable, `Aa1-${crypto.randomBytes(12).toString('base64url')}`]));
const account = (role: string) => {
  const staff = DEMO_STAFF.find((s) => s.role === role)!;
  return { email: staff.email, password: PASSWORDS[staff.passwordVariable] };
};

let app: TestApp;
let browser: Browser;
let origin: string;
let complaintReference: string;
let correctionReference: string;

async function seedPersonalData() {
  const get = (url: string) => app.request().get(url);
  const { service, slot } = await firstSlot(get);
  const booked = await app
    .request()
    .post('/api/booking/reservations')
    .send({
      service: service.id,
      practitioner: slot.practitionerId,
      start: slot.start,
      patient: PATIENT,
      consents: { reservation_collection: true, reservation_health: true },
      locale: 'en',
    })
    .expect(201);
  const correction = await app
    .request()
    .post('/api/privacy/corrections')
    .set('X-Manage-Token', booked.body.data.manageToken)
    .send({ field: 'phone', value: '010-5555-0148', reason: 'New number' })
    .expect(201);
  correctionReference = correction.body.data.reference;
  const policies = app.strapi.documents('api::policy-version.policy-version');
  const next = await policies.create({
    locale: 'en',
    data: {
      version: 2,
      effectiveDate: '2030-03-01',
      title: 'Privacy Policy',
      introduction: 'Dodream Plastic Surgery protects the personal information of everyone who books online.',
      sections: [{ heading: 'Online booking', body: 'Bookings made through the website are kept until the treatment is completed.' }],
      material: true,
      changeSummary: 'Online booking added',
    },
  } as never);
  await policies.publish({ documentId: (next as unknown as { documentId: string }).documentId, locale: 'en' } as never);
  // The front desk's day is today: the booking is moved there (minimum notice keeps the public API from booking it).
  const start = new Date();
  start.setUTCMinutes(0, 0, 0);
  await app.strapi.db
    .query('api::reservation.reservation')
    .updateMany({ where: {}, data: { startsAt: start, endsAt: new Date(start.getTime() + 30 * 60_000) } });
  const complaint = await app
    .request()
    .post('/api/privacy/complaints')
    .send({ email: PATIENT.email, name: PATIENT.name, message: 'The waiting room list showed my full name.' })
    .expect(201);
  complaintReference = complaint.body.data.reference;
  await app.strapi.documents('api::service-notice.service-notice').create({
    data: {
      subjectEn: 'New laser clinic',
      bodyEn: 'Our new laser room opens in March.',
      subjectKo: '레이저 클리닉 개원',
      bodyKo: '3월에 레이저실을 엽니다.',
    },
  } as never);
  await app.strapi.db.query('plugin::privacy-guard.provision').create({
    data: {
      recipient: 'Inventedlab Diagnostics',
      purpose: 'Laboratory tests',
      dataItems: ['name', 'birth date'],
      period: 'until the test results are sent',
      legalBasis: 'consent',
      startsAt: new Date('2026-01-05T00:00:00Z'),
      active: true,
    },
  });
}

beforeAll(
  async () => {
    // Built by the e2e global setup when stale (tests/helpers/e2e-setup.ts); this covers a run that skipped it.
    ensureAdminBuilt();
    fs.mkdirSync(OUTPUT, { recursive: true });
    app = await startStrapi({ SEED_DEMO_STAFF: 'true', RATE_LIMIT_PER_MINUTE: '1000', ...PASSWORDS }, { serveAdminPanel: true });
    origin = await app.listen();
    await seedPersonalData();
    browser = await launchBrowser();
  },
  15 * 60 * 1000,
);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function logIn(role: string): Promise<Session> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1440, height: 1000 });
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.text()} ${msg.location()?.url ?? ''}`.trim());
  });
  // Nothing may be fetched off the machine at run time (Strapi's release check is turned off in src/admin/app.tsx).
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && !isLoopback(url)) errors.push(`request off the machine: ${new URL(url).host}`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  const { email, password } = account(role);
  await page.goto(`${origin}/admin/auth/login`);
  await page.waitForSelector('input[name="email"]', { timeout: 60000 });
  await page.type('input[name="email"]', email);
  await page.type('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => !location.pathname.includes('/auth/'), { timeout: 30000, polling: 100 });
  return { context, page, errors };
}

const isLoopback = (url: string) => ['127.0.0.1', 'localhost'].includes(new URL(url).hostname);

const text = (page: Page) => page.evaluate(() => document.body.innerText);

/** Waits until the page's h1 reads `heading` and every one of `facts` is on screen. */
async function showing(page: Page, heading: string, facts: string[]) {
  try {
    await page.waitForFunction(
      (h, f) => {
        const title = Array.from(document.querySelectorAll('h1')).some((el) => el.textContent?.trim() === h);
        // textContent, not innerText: badges and labels are upper-cased by CSS.
        return title && f.every((x: string) => (document.body.textContent ?? '').includes(x));
      },
      { timeout: 30000, polling: 100 },
      heading,
      facts,
    );
  } catch (error) {
    const missing = await page.evaluate((f) => f.filter((x: string) => !(document.body.textContent ?? '').includes(x)), facts);
    await screenshot(page, `${heading.toLowerCase().replace(/\W+/g, '-')}-failed`);
    throw new Error(`${heading}: missing ${JSON.stringify(missing)} (${(error as Error).message})`);
  }
}

async function screenshot(page: Page, name: string) {
  const file = path.join(OUTPUT, `admin-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
}

describe('the privacy officer in the admin panel', () => {
  let officer: Session;
  beforeAll(async () => {
    officer = await logIn('clinic-privacy-officer');
  });
  afterAll(async () => {
    await officer?.context.close();
  });

  const PAGES: Array<[name: string, route: string, heading: string, facts: () => string[]]> = [
    [
      'overview',
      'plugins/privacy-guard',
      'Overview',
      () => ['Open complaints', '1 booking in 90 days', 'Intact:', 'reservation_collection'],
    ],
    ['requests', 'plugins/privacy-guard/requests', 'Requests', () => [complaintReference, correctionReference, 'left']],
    ['retention', 'plugins/privacy-guard/retention', 'Retention', () => ['Rules and periods', 'reservation-completed', 'Destruction log']],
    [
      'access-log',
      'plugins/privacy-guard/access-log',
      'Access log',
      () => ['clinic-privacy-officer', 'api::complaint.complaint', 'Monthly review'],
    ],
    ['third-parties', 'plugins/privacy-guard/third-parties', 'Third parties', () => ['Inventedlab Diagnostics', 'Laboratory tests']],
    [
      'policy',
      'plugins/privacy-guard/policy',
      'Policy',
      () => ['Version 1', 'in effect', 'Version 2', 'material: members are notified', 'Online booking', 'Members who consented to it'],
    ],
    ['settings', 'plugins/privacy-guard/settings', 'Settings', () => ['New values are encrypted with key t1', 'minimumNoticeMinutes']],
  ];

  beforeEach(() => {
    officer.errors.length = 0;
  });

  it.each(PAGES)('opens %s with its heading and real data', async (name, route, heading, facts) => {
    await officer.page.goto(`${origin}/admin/${route}`);
    await showing(officer.page, heading, facts());
    await screenshot(officer.page, name);
    expect(officer.errors).toEqual([]);
  });

  it('resolves a correction from the Requests page; the answer is stored and the restriction lifts', async () => {
    const { page } = officer;
    await page.goto(`${origin}/admin/plugins/privacy-guard/requests`);
    await showing(page, 'Requests', [correctionReference]);
    await page.locator('button ::-p-text(Resolve)').click();
    await page.waitForSelector('[role="dialog"] textarea', { timeout: 15000 });
    // The dialog moves focus into itself once open: type only after that, or the keys go elsewhere.
    await page.waitForFunction(() => document.activeElement?.closest('[role="dialog"]') !== null, { timeout: 15000, polling: 100 });
    await page.click('[role="dialog"] textarea');
    await page.type('[role="dialog"] textarea', 'Your new phone number is on file.');
    await page.waitForFunction(
      () => (document.querySelector('[role="dialog"] textarea') as HTMLTextAreaElement | null)?.value.includes('on file'),
      { timeout: 15000, polling: 100 },
    );
    await page.locator('[role="dialog"] button ::-p-text(Send and resolve)').click();
    await page
      .waitForFunction(() => (document.body.textContent ?? '').includes('the answer is mailed'), { timeout: 15000, polling: 100 })
      .catch(async (error) => {
        await screenshot(page, 'requests-resolve-failed');
        const alerts = await page.$$eval('[role="alert"], [role="status"], [role="dialog"]', (els) => els.map((e) => e.textContent));
        throw new Error(`${(error as Error).message}; on screen: ${JSON.stringify(alerts)}`);
      });
    const stored = await app.strapi.db.query('plugin::privacy-guard.correction-request').findOne({ select: ['status'] });
    expect(stored.status).toBe('applied');
    const reservation = await app.strapi.db.query('api::reservation.reservation').findOne({ select: ['restricted'] });
    expect(reservation.restricted).toBe(false);
    expect(officer.errors).toEqual([]);
  });

  it('previews the audience of a notice of new services', async () => {
    const { page } = officer;
    await page.goto(`${origin}/admin/service-notices`);
    await showing(page, 'Notices of new services', ['preview its audience']);
    await page.click('[role="combobox"]');
    await page.locator('[role="option"] ::-p-text(New laser clinic)').click();
    // Nobody in this database gave the marketing consent: the patient only booked.
    await page.waitForFunction(() => document.body.innerText.includes('Members who would receive it now: 0'), {
      timeout: 15000,
      polling: 100,
    });
    await screenshot(page, 'service-notices');
    expect(officer.errors).toEqual([]);
  });

  it('creates a calendar feed, shows its URL once with a copy button, and revokes it', async () => {
    const { page } = officer;
    await page.goto(`${origin}/admin/calendar-feeds`);
    await showing(page, 'Calendar feeds', ['never the patient', 'No calendar feeds yet']);
    await page.click('[role="combobox"]');
    await page.locator('[role="option"] ::-p-text(Dr. Hana Yoon)').click();
    await page.type('input[name="label"]', 'Phone calendar');
    await page.locator('button ::-p-text(Create feed)').click();
    await page.waitForSelector('input[name="feed-url"]', { timeout: 15000 });
    const url = await page.$eval('input[name="feed-url"]', (el) => (el as HTMLInputElement).value);
    expect(url).toMatch(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    await screenshot(page, 'calendar-feeds');
    const feed = await fetch(`${origin}${new URL(url).pathname}`);
    expect([feed.status, feed.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
    await showing(page, 'Calendar feeds', ['Phone calendar', 'Dr. Hana Yoon']);
    // Reloaded, the page lists the feed but its URL is gone for good.
    await page.reload();
    await showing(page, 'Calendar feeds', ['Phone calendar', '(1×)']);
    expect(await page.$('input[name="feed-url"]')).toBeNull();
    expect(await page.evaluate(() => document.body.innerHTML)).not.toContain(new URL(url).pathname);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('button ::-p-text(Revoke)').click();
    await page.waitForFunction(() => !Array.from(document.querySelectorAll('button')).some((b) => b.textContent === 'Revoke'), { timeout: 15000, polling: 100 });
    expect((await fetch(`${origin}${new URL(url).pathname}`)).status).toBe(404);
    expect(officer.errors).toEqual([]);
  });

  it("opens the front desk's day: names masked, one opened in full, marked completed", async () => {
    const { page } = officer;
    await page.goto(`${origin}/admin/plugins/privacy-guard-front-desk`);
    await showing(page, 'Front desk', ['M**** I**********', 'Closures']);
    expect(await text(page)).not.toContain(PATIENT.name);
    await screenshot(page, 'front-desk');
    const officerReads = () =>
      app.strapi.db
        .connection('privacy_access_log')
        .where({ action: 'read', content_type: 'api::reservation.reservation', staff_role: 'clinic-privacy-officer' });
    const readsBefore = (await officerReads()).length;
    await page.locator('button ::-p-text(Open)').click();
    await page.waitForFunction(
      (n) => document.querySelector('[role="dialog"]')?.textContent?.includes(n),
      { timeout: 15000, polling: 100 },
      PATIENT.name,
    );
    await page.keyboard.press('Escape');
    await page.locator('button ::-p-text(Completed)').click();
    await page.waitForFunction(() => document.body.innerText.includes('completed'), { timeout: 15000, polling: 100 });
    const row = await app.strapi.db.query('api::reservation.reservation').findOne({ select: ['state'] });
    expect(row.state).toBe('completed');
    // Opening the reservation was one logged read.
    expect((await officerReads()).length).toBe(readsBefore + 1);
    expect(officer.errors).toEqual([]);
  });
});

describe('an editor in the admin panel', () => {
  it("sees none of the plugin's menu entries, and its API refuses", async () => {
    const editor = await logIn('strapi-editor');
    try {
      await editor.page.waitForFunction(() => document.querySelector('nav a[href*="/content-manager"]') !== null, {
        timeout: 30000,
        polling: 100,
      });
      const links = await editor.page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(links.some((href) => href.includes('/content-manager'))).toBe(true);
      expect(links.filter((href) => href.includes('privacy-guard'))).toEqual([]);
      const login = await app
        .request()
        .post('/admin/login')
        .send({ email: account('strapi-editor').email, password: account('strapi-editor').password })
        .expect(200);
      const token = login.body.data.token as string;
      for (const route of ['/privacy-guard/overview', '/privacy-guard/access-log', '/privacy-guard/front-desk/day']) {
        const res = await fetch(`${origin}${route}`, { headers: { Authorization: `Bearer ${token}` } });
        expect([route, res.status]).toEqual([route, 403]);
      }
    } finally {
      await editor.context.close();
    }
  });

  it('the front desk sees its day view but not the privacy pages', async () => {
    const desk = await logIn('clinic-front-desk');
    try {
      await desk.page.waitForFunction(() => document.querySelector('nav a[href*="privacy-guard-front-desk"]') !== null, {
        timeout: 30000,
        polling: 100,
      });
      const links = await desk.page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(links.filter((href) => /plugins\/privacy-guard$/.test(href))).toEqual([]);
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context.close();
    }
  });
});
