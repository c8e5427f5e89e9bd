import type { Browser, Page } from 'puppeteer-core';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { launchBrowser } from '../helpers/browser';
import { startPartnerSite, partnerPage, type PartnerSite } from '../helpers/partner-site';
import { smtpEnv, startSmtp, type TestSmtp } from '../helpers/smtp';
import { firstSlot, patient } from '../helpers/booking';
import { privacy } from '../helpers/privacy';

/**
 * A patient who only booked walks <clinic-privacy-center> on a partner site (another origin, a hostile stylesheet)
 * in a real Chromium against the real server: asks for the link, reads it from the real SMTP server, follows it,
 * sees her data, withdraws one optional consent, asks a correction, and withdraws everything.
 */
let app: TestApp;
let site: PartnerSite;
let smtp: TestSmtp;
let browser: Browser;
let serverOrigin: string;
const email = 'mina.e2e@example.test';

beforeAll(async () => {
  site = await startPartnerSite();
  smtp = await startSmtp();
  app = await startStrapi({ ...smtpEnv(smtp), WIDGET_ALLOWED_ORIGINS: site.origin, PRIVACY_CENTER_URL: site.url('/privacy-center'), OUTBOX_WORKER: 'false' });
  serverOrigin = await app.listen();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await app?.stop();
  await smtp?.stop();
});

const drain = () => (app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> }).drain();
const centerText = (page: Page) => page.$eval('clinic-privacy-center', (el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '));
/** Waits for words in the center; when they never come, the failure says what the center showed instead. */
const untilText = (page: Page, words: string) =>
  page
    .waitForFunction((w) => (document.querySelector('clinic-privacy-center')?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').includes(w), { timeout: 20000, polling: 100 }, words)
    .catch(async (error) => {
      throw new Error(`"${words}" never shown; the center shows: ${await centerText(page).catch(() => '(nothing)')} (${(error as Error).message})`);
    });
const untilIn = (page: Page, selector: string) =>
  page.waitForFunction((s) => Boolean(document.querySelector('clinic-privacy-center')?.shadowRoot?.querySelector(s)), { timeout: 20000, polling: 100 }, selector);
const inCenter = (selector: string) => `clinic-privacy-center >>> ${selector}`;

/** Focuses the button with these words, as a keyboard user who tabbed there, and presses Enter. */
async function pressButton(page: Page, words: string) {
  await page.waitForFunction(
    (w) => [...(document.querySelector('clinic-privacy-center')?.shadowRoot?.querySelectorAll('button') ?? [])].some((b) => b.textContent?.trim() === w),
    { timeout: 20000, polling: 100 },
    words,
  );
  await page.$eval('clinic-privacy-center', (el, w) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === w)!.focus(), words);
  await page.keyboard.press('Enter');
}

async function book(consents: Record<string, boolean>) {
  const { service, slot } = await firstSlot((url) => app.request().get(url));
  const res = await app
    .request()
    .post('/api/booking/reservations')
    .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: { ...patient(7), name: 'Mina E2e', email }, consents, locale: 'en' });
  if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data as { reference: string };
}

const reservationsOf = async (reference: string) =>
  (await app.strapi.documents('api::reservation.reservation').findMany({ filters: { reference } } as never)) as unknown as Array<{ restricted: boolean }>;

describe('the privacy center on a partner site', () => {
  beforeAll(() => {
    site.setPage(
      '/privacy-center',
      partnerPage(serverOrigin, `<script type="module" src="${serverOrigin}/widget/clinic-privacy-center.js"></script><clinic-privacy-center locale="en"></clinic-privacy-center>`),
    );
  });

  it('verifies by mail, shows the data, withdraws one optional consent, asks a correction and withdraws everything', async () => {
    const { reference } = await book({ reservation_collection: true, reservation_health: true, reservation_keep: true });
    // Keeping after treatment, also decided earlier in the privacy center: the center lists what binds
    // her address, and a booking's own decision binds that booking only (anyone can type her address).
    await privacy(app.strapi).consent.record({
      subjectId: privacy(app.strapi).consent.subjectIdFor(email),
      channel: 'privacy-center',
      consents: { reservation_keep: true },
      actor: 'self',
      scope: 'subject',
    });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push((e as Error).message));
    try {
      await page.setViewport({ width: 390, height: 800, isMobile: true, hasTouch: true });
      await page.goto(site.url('/privacy-center'));
      await untilIn(page, '#pc-email');
      await page.focus(inCenter('#pc-email'));
      await page.keyboard.type(email);
      await page.keyboard.press('Enter');
      await untilText(page, 'Check your mail');

      // The mail, read from the real SMTP server: its link leads to the partner's page, token in the fragment.
      await drain();
      const verification = () => smtp.received.find((m) => JSON.stringify(m.to).includes(email) && (m.text ?? '').includes('#verify='));
      for (let n = 1; !verification(); n++) await smtp.waitFor(n);
      const link = /(\S+#verify=[A-Za-z0-9_-]+)/.exec(verification()!.text ?? '')![1];
      expect(link.startsWith(`${site.url('/privacy-center')}#verify=`)).toBe(true);
      await page.goto(link);
      // Following the link uses nothing up until the person presses the button.
      await untilText(page, 'Your data at the clinic');
      await pressButton(page, 'Open my data');
      await untilText(page, reference);
      expect(await page.evaluate(() => location.hash)).toBe('');
      const text = await centerText(page);
      expect(text).toContain('Mina E2e');
      expect(text).toContain('Consent receipts');
      const session = await page.evaluate(() => Object.entries(sessionStorage).find(([key]) => key.startsWith('clinic-privacy-center:'))?.[1]);
      const token = JSON.parse(session!).token as string;

      // One optional consent, withdrawn with its own control.
      const keepTitle = 'Keeping your reservation data after the treatment';
      await page.$eval(
        'clinic-privacy-center',
        (el, title) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="consent-item"] input[type="checkbox"]')].find((box) => box.closest('label')!.textContent!.includes(title))!.focus(),
        keepTitle,
      );
      await page.keyboard.press('Space');
      await untilText(page, 'consent withdrawn.');
      const consents = await app.request().get('/api/privacy/consents').set('X-Privacy-Session', token).expect(200);
      const keep = (consents.body.data.items as Array<{ key: string; granted: boolean; scope: string }>).find((i) => i.key === 'reservation_keep')!;
      expect(keep).toMatchObject({ granted: false, scope: 'subject' });

      // A correction: the record is restricted while it is pending, and the center says so.
      await pressButton(page, 'Ask for a correction');
      await untilIn(page, '#pc-value');
      await page.focus(inCenter('#pc-field'));
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await page.focus(inCenter('#pc-value'));
      await page.keyboard.type('010-5555-9999');
      await page.keyboard.press('Enter');
      await untilText(page, 'is filed. Your data is restricted');
      await untilText(page, 'A correction you asked for is pending');
      expect((await reservationsOf(reference))[0].restricted).toBe(true);

      // Everything: the preview lists the reservation, a confirmation step, then the destruction receipt.
      await pressButton(page, 'Withdraw everything and erase my data');
      await untilText(page, 'What erasing destroys');
      expect(await centerText(page)).toContain(`Reservation ${reference}`);
      await pressButton(page, 'Continue');
      await untilText(page, 'Erase everything now?');
      expect(await reservationsOf(reference)).toHaveLength(1);
      await pressButton(page, 'Yes, erase everything');
      await untilText(page, 'Your data is erased');
      expect(await centerText(page)).toMatch(/Destruction receipt \S+/);
      expect(await reservationsOf(reference)).toHaveLength(0);
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('clinic-privacy-center:')))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('signs a member up (under 14 refused), confirms the address by mail, logs in, modifies the information and leaves', async () => {
    const member = 'jun.e2e@example.test';
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push((e as Error).message));
    try {
      await page.goto(site.url('/privacy-center'));
      await pressButton(page, 'Become a member');
      await untilIn(page, '#pc-consent-membership_collection');
      await page.focus(inCenter('#pc-email'));
      await page.keyboard.type(member);
      await page.focus(inCenter('#pc-password'));
      await page.keyboard.type('a long passphrase');
      const child = new Date(Date.now() - 10 * 365.25 * 864e5);
      await page.focus(inCenter('#pc-birthDate'));
      await page.keyboard.type(`${String(child.getMonth() + 1).padStart(2, '0')}${String(child.getDate()).padStart(2, '0')}${child.getFullYear()}`);
      await page.focus(inCenter('#pc-consent-membership_collection'));
      await page.keyboard.press('Space');
      await pressButton(page, 'Sign up');
      await untilText(page, 'Membership is not open to children under 14.');
      expect(await app.strapi.db.query('plugin::users-permissions.user').count({})).toBe(0);

      await page.focus(inCenter('#pc-birthDate'));
      await page.keyboard.type('07211988');
      await pressButton(page, 'Sign up');
      await untilText(page, 'Check your mail to confirm');

      await pressButton(page, 'Log in');
      await untilIn(page, '#pc-password');
      expect(await page.$eval(inCenter('#pc-email'), (el) => (el as HTMLInputElement).value)).toBe(member);
      await page.focus(inCenter('#pc-password'));
      await page.keyboard.type('a long passphrase');
      await page.keyboard.press('Enter');
      await untilText(page, 'Your address is not confirmed yet.');

      // The confirmation mail, from the real SMTP server; its link, on this test's server, lands on the partner's page.
      await drain();
      const confirmation = () => smtp.received.find((m) => JSON.stringify(m.to).includes(member) && (m.text ?? '').includes('email-confirmation?confirmation='));
      for (let n = smtp.received.length + 1; !confirmation(); n++) await smtp.waitFor(n);
      const link = new URL(/(\S+email-confirmation\?confirmation=\S+)/.exec(confirmation()!.text ?? '')![1]);
      await page.goto(`${serverOrigin}${link.pathname}${link.search}`);
      await untilText(page, 'Log in with your password to finish confirming your address.');
      expect(page.url()).toBe(site.url('/privacy-center'));

      await page.focus(inCenter('#pc-email'));
      await page.keyboard.type(member);
      await page.focus(inCenter('#pc-password'));
      await page.keyboard.type('a long passphrase');
      await page.keyboard.press('Enter');
      await untilText(page, 'Your member account');
      await untilText(page, 'Member profile');

      await pressButton(page, 'Modify member information');
      await untilIn(page, '#pc-phone');
      await page.focus(inCenter('#pc-phone'));
      await page.keyboard.type('010-5555-0177');
      await pressButton(page, 'Send');
      await untilText(page, 'Your member information is saved.');
      await untilText(page, '010-5555-0177');

      await pressButton(page, 'Leave and erase my data');
      await untilText(page, 'Your member account and profile');
      await pressButton(page, 'Continue');
      await pressButton(page, 'Yes, erase everything');
      await untilText(page, 'Your data is erased');
      expect(await app.strapi.db.query('plugin::users-permissions.user').count({})).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('serves its own plain page at /privacy/, which the demo page links to', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${serverOrigin}/privacy/?lang=ko`);
      await page.waitForFunction(() => document.querySelector('clinic-privacy-center')?.shadowRoot?.textContent?.includes('병원이 보관한 내 정보'), { timeout: 20000, polling: 100 });
      const demo = await (await fetch(`${serverOrigin}/widget/demo/`)).text();
      expect(demo).toContain('href="/privacy/"');
    } finally {
      await page.close();
    }
  });
});
