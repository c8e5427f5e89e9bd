import { expect } from '@open-wc/testing';
import { agreeToAll, chooseServiceAndTime, fillDetails, forward } from './booking-flow.js';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, accessible, apiFor, bookDirectly, type, until, untilText } from './helpers.js';
import '../src/clinic-booking/clinic-booking.js';
import '../src/clinic-booking-manage/clinic-booking-manage.js';
import '../src/clinic-cookie-consent/clinic-cookie-consent.js';
import '../src/clinic-privacy-policy/clinic-privacy-policy.js';
import '../src/clinic-board/clinic-board.js';
import '../src/clinic-privacy-center/clinic-privacy-center.js';

/** What a careless or hostile partner site might put on its page. */
const hostile = `
  * { color: #f0f !important; font-family: cursive !important; letter-spacing: 0.5em; text-transform: uppercase }
  div, button, input, label, ul, li, section, form, p, h1, h2, h3, fieldset, select, textarea, dl, nav, article { display: none !important }
  clinic-booking, clinic-booking-manage, clinic-cookie-consent, clinic-privacy-policy, clinic-board, clinic-privacy-center { display: none !important; visibility: hidden !important }
`;

function shown(node: Element) {
  const style = getComputedStyle(node);
  const box = node.getBoundingClientRect();
  return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
}

/** Shown, and styled by the element rather than the page (the host itself only needs to be shown). */
function unharmed(node: Element, what: string) {
  const style = getComputedStyle(node);
  expect(shown(node), `${what} is hidden`).to.equal(true);
  if (node.shadowRoot) return;
  expect(style.color, `${what} colour`).not.to.equal('rgb(255, 0, 255)');
  expect(style.fontFamily, `${what} font`).not.to.contain('cursive');
  expect(style.textTransform, `${what} text-transform`).to.equal('none');
  expect(style.letterSpacing, `${what} letter-spacing`).to.equal('normal');
}

/** Places the element straight in `<body>`: the hostile rules hide every `div`, so open-wc's fixture wrapper would hide it too. */
function place<T extends HTMLElement>(tag: string, attributes: Record<string, string>): T {
  const el = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  placed.push(el);
  return el;
}
const placed: HTMLElement[] = [];

describe('on a page with a hostile stylesheet', () => {
  let sheet: HTMLStyleElement;
  beforeEach(() => {
    localStorage.clear();
    sheet = document.createElement('style');
    sheet.textContent = hostile;
    document.head.append(sheet);
  });
  afterEach(() => {
    sheet.remove();
    for (const el of placed.splice(0)) el.remove();
  });

  it('<clinic-booking> stays visible, legible and bookable by keyboard', async () => {
    const el = place('clinic-booking', { api: apiFor(), locale: 'en', 'policy-url': '/privacy' });
    await until(el, 'input[name="service-choice"]');
    for (const node of [el, $(el, 'h2')!, $(el, 'label')!, $(el, 'button')!]) unharmed(node, node.tagName);
    expect($(el, 'button')!.getBoundingClientRect().height).to.be.at.least(44);
    await accessible(el);
    await chooseServiceAndTime(el);
    await fillDetails(el);
    for (const input of $$(el, 'input')) unharmed(input, `#${input.id}`);
    await forward(el);
    await agreeToAll(el);
    await forward(el);
    await untilText(el, 'Your visit is booked');
    unharmed($(el, '.reference')!, 'the reference');
  });

  it('<clinic-booking-manage> on its own shows the booking and its buttons', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const el = place('clinic-booking-manage', { api, locale: 'en', 'manage-token': manageToken });
    await untilText(el, 'CL-1001');
    for (const node of [el, $(el, 'h2')!, $(el, '.reference')!, ...$$(el, 'button')]) unharmed(node, node.textContent!.trim() || node.tagName);
    expect($(el, 'button')!.getBoundingClientRect().height).to.be.at.least(44);
    await accessible(el);
  });

  it('<clinic-cookie-consent> shows its banner and buttons', async () => {
    const el = place('clinic-cookie-consent', { api: apiFor(), locale: 'en' });
    await until(el, '[part="banner"]');
    for (const node of [$(el, '[part="banner"]')!, $(el, 'h2')!, ...$$(el, 'button')]) unharmed(node, node.textContent!.trim());
    await accessible(el);
  });

  it('<clinic-privacy-policy> shows the policy', async () => {
    const el = place('clinic-privacy-policy', { api: apiFor(), locale: 'en' });
    await until(el, '[part="section"]');
    for (const node of [$(el, 'h2')!, $(el, '[part="section"] p')!, $(el, '[part="history"] button')!]) unharmed(node, node.tagName);
    await accessible(el);
  });

  it('<clinic-board> shows its posts and page buttons', async () => {
    const el = place('clinic-board', { api: apiFor(), locale: 'en', 'page-size': '5' });
    await until(el, '[part="post"]');
    for (const node of [$(el, 'h2')!, $(el, '[part="post"] h3')!, $(el, '[part="post"] p')!, ...$$(el, '[part="pagination"] button')]) unharmed(node, node.textContent!.trim());
    await accessible(el);
  });

  it('<clinic-privacy-center> shows its first step and asks for the address by keyboard', async () => {
    const el = place('clinic-privacy-center', { api: apiFor(), locale: 'en' });
    await until(el, '#pc-email');
    for (const node of [el, $(el, 'h2')!, $(el, 'label')!, $(el, '#pc-email')!, ...$$(el, 'button')]) unharmed(node, node.textContent!.trim() || node.tagName);
    expect(Math.min(...$$(el, 'button').map((b) => b.getBoundingClientRect().height))).to.be.at.least(44);
    await accessible(el);
    await type(el, '#pc-email', 'jisoo@example.com');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'Check your mail');
    unharmed($(el, 'h2')!, 'the heading');
    await accessible(el);
  });
});
