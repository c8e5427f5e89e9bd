import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, accessible, apiFor, bookDirectly, focused, press, received, text, type, until, untilText } from '../../test/helpers.js';
import type { ClinicBookingElement } from './clinic-booking.js';
import './clinic-booking.js';

/** The manage view `<clinic-booking>` shows in its shadow root: what the patient sees is inside its own. */
async function viewOf(el: Element) {
  await waitUntil(() => $(el, 'clinic-booking-manage')?.shadowRoot, 'the manage view never loaded', { timeout: 8000 });
  return $(el, 'clinic-booking-manage')!;
}

async function openManage(api: string, token: string) {
  const el = await fixture<ClinicBookingElement>(html`<clinic-booking api=${api} locale="en" manage-token=${token}></clinic-booking>`);
  const view = await viewOf(el);
  await untilText(view, 'Your booking');
  await untilText(view, 'CL-1001');
  await accessible(el);
  return { el, view };
}

const button = (el: Element, words: string) => $$(el, 'button').find((b) => b.textContent!.trim() === words)!;
async function pressButton(el: Element, words: string) {
  button(el, words).focus();
  await sendKeys({ press: 'Enter' });
}

describe('<clinic-booking manage-token>', () => {
  it('shows the booking with the patient masked, and cancels it', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const { el, view } = await openManage(api, manageToken);
    expect(text(view)).to.contain('Confirmed').and.to.contain('Skin consultation').and.to.contain('J**').and.not.to.contain('Jisoo');

    await pressButton(view, 'Cancel this booking');
    await untilText(view, 'The time will be offered to others');
    expect(focused(view)?.textContent).to.equal('Cancel this booking');
    await accessible(el);
    // Composed: the event leaves the manage view's shadow root and the booking element's, and reaches the page.
    const cancelled = oneEvent(document, 'clinic-booking-cancelled');
    await pressButton(view, 'Yes, cancel it');
    const event = await cancelled;
    expect(event.detail).to.deep.equal({ reference: 'CL-1001' });
    expect(event.target).to.equal(el);
    await untilText(view, 'Your booking is cancelled.');
    await waitUntil(() => $(view, '[role="status"]')!.textContent === 'Your booking is cancelled.', 'the cancellation was never announced');
    expect(text(view)).to.contain('Cancelled');
    expect(focused(view)?.textContent).to.equal('Your booking is cancelled.');
    expect(button(view, 'Choose another time')).to.equal(undefined);
    await accessible(el);
    const [cancel] = await received(api, `/api/booking/manage/${manageToken}/cancel`);
    expect(cancel.body).to.deep.equal({});
    expect(cancel.query).to.equal('locale=en');
  });

  it('moves the booking to another time chosen by keyboard', async () => {
    const api = apiFor();
    const { manageToken, start } = await bookDirectly(api);
    const { el, view } = await openManage(api, manageToken);
    await pressButton(view, 'Choose another time');
    await until(view, 'input[name="time"]');
    expect(focused(view)?.textContent).to.equal('Choose another time');
    await accessible(el);
    const other = $$<HTMLInputElement>(view, 'input[name="time"]').find((t) => t.value !== start)!;
    await press(view, `input[value="${other.value}"]`, 'Space');
    await pressButton(view, 'Move my booking to this time');
    await untilText(view, 'Your booking has moved to the new time.');
    await accessible(el);
    const [move] = await received(api, `/api/booking/manage/${manageToken}/reschedule`);
    expect(move.body).to.deep.equal({ start: other.value });
    const day = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(other.value));
    expect(text(view)).to.contain(day);
  });

  it('sends the data rights to the privacy center, which proves the address, and keeps the complaint', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const { el, view } = await openManage(api, manageToken);
    expect(button(view, 'Download my data')).to.equal(undefined);
    expect(button(view, 'Correct my data')).to.equal(undefined);
    expect(button(view, 'Withdraw consent and erase my data')).to.equal(undefined);
    const link = $$<HTMLAnchorElement>(view, 'a').find((a) => a.textContent!.includes('privacy center'))!;
    expect(link.href).to.equal(`${new URL(api).origin}/privacy/`);
    expect(text(view)).to.contain('It first asks you to confirm your email address');

    await pressButton(view, 'Make a privacy complaint');
    await until(view, '#m-message');
    await accessible(el);
    await type(view, '#m-email', 'jisoo@example.com');
    await type(view, '#m-message', 'I was called by a third party.');
    await pressButton(view, 'Send');
    await untilText(view, 'Your complaint is filed (reference PC-2001)');
    await accessible(el);

    const rights = await received(api, '/api/privacy/');
    expect(rights.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /api/privacy/complaints']);
    expect(rights[0].body).to.deep.include({ email: 'jisoo@example.com', message: 'I was called by a third party.' });
  });

  it('links to the privacy center the page names', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const el = await fixture<ClinicBookingElement>(
      html`<clinic-booking api=${api} locale="ko" manage-token=${manageToken} privacy-center-url="https://clinic.example/my-data"></clinic-booking>`,
    );
    const view = await viewOf(el);
    await untilText(view, '개인정보 센터');
    const link = $$<HTMLAnchorElement>(view, 'a').find((a) => a.textContent!.includes('개인정보 센터'))!;
    expect(link.href).to.equal('https://clinic.example/my-data');
    await accessible(el);
  });

  it('says so when the link is not valid', async () => {
    const el = await fixture<ClinicBookingElement>(html`<clinic-booking api=${apiFor()} locale="en" manage-token=${'x'.repeat(43)}></clinic-booking>`);
    const view = await viewOf(el);
    await untilText(view, 'This link is no longer valid.');
    await waitUntil(() => $(view, '[role="status"]')!.textContent === 'This link is no longer valid.', 'the refusal was never announced');
    await accessible(el);
  });

  it('lets the page theme the manage view through the booking element’s parts', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const sheet = document.createElement('style');
    sheet.textContent = 'clinic-booking::part(button) { border-color: rgb(1, 2, 3) } clinic-booking::part(heading) { letter-spacing: 3px }';
    document.head.append(sheet);
    try {
      const { view } = await openManage(api, manageToken);
      expect(getComputedStyle(button(view, 'Cancel this booking')).borderTopColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle($(view, 'h2')!).letterSpacing).to.equal('3px');
    } finally {
      sheet.remove();
    }
  });

  it('shows the booking form again, and no manage view, once the token is taken away', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const { el } = await openManage(api, manageToken);
    el.removeAttribute('manage-token');
    await until(el, 'input[name="service-choice"]');
    expect($(el, 'clinic-booking-manage')).to.equal(null);
    await accessible(el);
  });
});
