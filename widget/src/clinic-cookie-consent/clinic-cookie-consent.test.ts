import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, accessible, apiFor, focused, press, received, text, until, untilText } from '../../test/helpers.js';
import type { ClinicCookieConsentElement } from './clinic-cookie-consent.js';
import './clinic-cookie-consent.js';

declare global {
  interface Window {
    analyticsRan?: number;
  }
}

function placeAnalytics() {
  const script = document.createElement('script');
  script.type = 'text/plain';
  script.dataset.consentCategory = 'analytics';
  script.textContent = 'window.analyticsRan = (window.analyticsRan || 0) + 1;';
  document.body.append(script);
}

async function openBanner(api: string) {
  const el = await fixture<ClinicCookieConsentElement>(html`<clinic-cookie-consent api=${api} locale="en"></clinic-cookie-consent>`);
  await until(el, '[part="banner"]');
  await accessible(el);
  return el;
}

const button = (el: Element, words: string) => $$(el, 'button').find((b) => b.textContent!.trim() === words)!;
const stored = () => JSON.parse(localStorage.getItem('clinic-cookie-consent') ?? 'null');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('<clinic-cookie-consent>', () => {
  beforeEach(() => {
    localStorage.clear();
    delete window.analyticsRan;
    for (const script of document.querySelectorAll('script[data-consent-category]')) script.remove();
  });

  it('runs analytics only after the visitor accepts, logs the choice, and remembers it', async () => {
    placeAnalytics();
    const api = apiFor();
    const el = await openBanner(api);
    expect(window.analyticsRan).to.equal(undefined);
    const change = oneEvent(el, 'clinic-consent-change');
    button(el, 'Accept all').focus();
    await sendKeys({ press: 'Enter' });
    expect((await change).detail).to.deep.equal({ categories: { necessary: true, analytics: true } });
    await waitUntil(() => window.analyticsRan === 1, 'analytics never ran');
    expect($(el, '[part="banner"]')).to.equal(null);
    await untilText(el, 'Your cookie choice is saved.');
    await waitUntil(async () => (await received(api, '/api/privacy/cookie-consents')).length === 1, 'the choice was never logged');
    const [log] = await received(api, '/api/privacy/cookie-consents');
    expect(log.body).to.deep.equal({ consentId: stored().consentId, categories: { necessary: true, analytics: true }, policyVersion: 2 });
    await waitUntil(() => stored().logged === true, 'the logged choice was never remembered as logged');

    const again = await fixture<HTMLElement>(html`<clinic-cookie-consent api=${api}></clinic-cookie-consent>`);
    await pause(300);
    expect($(again, '[part="banner"]')).to.equal(null);
    expect(window.analyticsRan).to.equal(1);
    expect(await received(api, '/api/privacy/cookie-consents')).to.have.length(1);
  });

  it('refuses everything optional as easily as it accepts', async () => {
    placeAnalytics();
    const api = apiFor();
    const el = await openBanner(api);
    expect(button(el, 'Refuse all').getAttribute('part')).to.equal(button(el, 'Accept all').getAttribute('part'));
    const change = oneEvent(el, 'clinic-consent-change');
    button(el, 'Refuse all').focus();
    await sendKeys({ press: 'Enter' });
    expect((await change).detail.categories).to.deep.equal({ necessary: true, analytics: false });
    expect($(el, '[part="banner"]')).to.equal(null);
    await waitUntil(async () => (await received(api, '/api/privacy/cookie-consents')).length === 1, 'the refusal was never logged');
    await pause(100);
    expect(window.analyticsRan).to.equal(undefined);
    expect(stored()).to.deep.include({ policyVersion: 2, categories: { necessary: true, analytics: false } });
  });

  it('lets the visitor choose category by category, by keyboard', async () => {
    placeAnalytics();
    const el = await openBanner(apiFor());
    button(el, 'Choose').focus();
    await sendKeys({ press: 'Enter' });
    await until(el, '[part="category"]');
    expect(focused(el)).to.equal($(el, 'input:not([disabled])'));
    expect($<HTMLInputElement>(el, 'input[disabled]')!.checked, 'necessary cookies are always on').to.equal(true);
    expect(text(el)).to.contain('always on').and.to.contain('Counts visits');
    await accessible(el);
    await sendKeys({ press: 'Space' });
    await press(el, 'button[part="button"]', 'Enter');
    await waitUntil(() => window.analyticsRan === 1, 'analytics never ran');
    expect(stored().categories).to.deep.equal({ necessary: true, analytics: true });

    el.open();
    await until(el, '[part="banner"]');
    await waitUntil(() => focused(el)?.tagName === 'H2', 'open() did not move focus to the banner');
    expect($<HTMLInputElement>(el, 'input:not([disabled])')!.checked).to.equal(true);
    await accessible(el);
  });

  it('asks again when the policy version changes, keeping the same consent id', async () => {
    const first = await openBanner(apiFor());
    button(first, 'Accept all').click();
    const { consentId } = stored();
    const api = apiFor('v3');
    const el = await openBanner(api);
    expect($<HTMLInputElement>(el, '[part="banner"]')).to.exist;
    button(el, 'Refuse all').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await received(api, '/api/privacy/cookie-consents')).length === 1, 'never logged');
    const [log] = await received(api, '/api/privacy/cookie-consents');
    expect(log.body).to.deep.equal({ consentId, categories: { necessary: true, analytics: false }, policyVersion: 3 });
  });

  it('speaks Korean on a Korean page', async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'ko';
    try {
      const el = await fixture<HTMLElement>(html`<clinic-cookie-consent api=${apiFor()}></clinic-cookie-consent>`);
      await until(el, '[part="banner"]');
      await untilText(el, '이 사이트의 쿠키');
      expect(text(el)).to.contain('모두 거부');
      await accessible(el);
    } finally {
      document.documentElement.lang = before;
    }
  });
});
