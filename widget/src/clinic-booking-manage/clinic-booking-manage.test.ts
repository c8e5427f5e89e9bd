import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, accessible, apiFor, bookDirectly, focused, press, received, text, until, untilText } from '../../test/helpers.js';
import type { ClinicBookingManageElement } from './clinic-booking-manage.js';
import './clinic-booking-manage.js';

const button = (el: Element, words: string) => $$(el, 'button').find((b) => b.textContent!.trim() === words);
async function pressButton(el: Element, words: string) {
  button(el, words)!.focus();
  await sendKeys({ press: 'Enter' });
}

const open = (api: string, token?: string, locale = 'en') =>
  fixture<ClinicBookingManageElement>(html`<clinic-booking-manage api=${api} locale=${locale} manage-token=${token ?? ''}></clinic-booking-manage>`);

describe('<clinic-booking-manage> on its own', () => {
  it('shows the booking behind its token, masked, and cancels it by keyboard', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const el = await open(api, manageToken);
    await untilText(el, 'CL-1001');
    await accessible(el);
    expect($(el, 'h2')!.textContent).to.equal('Your booking');
    expect(text(el)).to.contain('Confirmed').and.to.contain('Skin consultation').and.to.contain('J**').and.not.to.contain('Jisoo');
    expect((await received(api, '/api/booking/manage/')).map((r) => `${r.method} ${r.query}`)).to.deep.equal(['GET locale=en']);

    await pressButton(el, 'Cancel this booking');
    await untilText(el, 'The time will be offered to others');
    expect(focused(el)?.textContent).to.equal('Cancel this booking');
    const cancelled = oneEvent(document, 'clinic-booking-cancelled');
    await pressButton(el, 'Yes, cancel it');
    const event = await cancelled;
    expect(event.target).to.equal(el);
    expect(event.detail).to.deep.equal({ reference: 'CL-1001' });
    await untilText(el, 'Your booking is cancelled.');
    expect(focused(el)?.textContent).to.equal('Your booking is cancelled.');
    await waitUntil(() => $(el, '[role="status"]')!.textContent === 'Your booking is cancelled.', 'the cancellation was never announced');
    expect(button(el, 'Cancel this booking')).to.equal(undefined);
    const [cancel] = await received(api, `/api/booking/manage/${manageToken}/cancel`);
    expect(cancel.manageToken).to.equal(manageToken);
    await accessible(el);
  });

  it('moves the booking in Korean, with the times in the clinic’s zone', async () => {
    const api = apiFor();
    const { manageToken, start } = await bookDirectly(api);
    const el = await open(api, manageToken, 'ko');
    await untilText(el, 'CL-1001');
    await pressButton(el, '다른 시간으로 변경');
    await until(el, 'input[name="time"]');
    expect(focused(el)?.tagName).to.equal('H3');
    await accessible(el);
    const other = $$<HTMLInputElement>(el, 'input[name="time"]').find((t) => t.value !== start)!;
    await press(el, `input[value="${other.value}"]`, 'Space');
    $<HTMLElement>(el, '.panel [part="primary-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await untilText(el, '예약이 새 시간으로 변경되었습니다.');
    const [move] = await received(api, `/api/booking/manage/${manageToken}/reschedule`);
    expect(move.body).to.deep.equal({ start: other.value });
    expect(move.query).to.equal('locale=ko');
    const day = new Intl.DateTimeFormat('ko', { timeZone: 'Asia/Seoul', month: 'long', day: 'numeric' }).format(new Date(other.value));
    expect(text(el)).to.contain(day);
    await accessible(el);
  });

  it('refuses a token that is not a booking’s, and one that has been used to withdraw', async () => {
    const api = apiFor();
    const el = await open(api, 'x'.repeat(43));
    await untilText(el, 'This link is no longer valid.');
    expect(text(el)).not.to.contain('CL-');
    expect(button(el, 'Try again')).to.equal(undefined);
    await accessible(el);

    const { manageToken } = await bookDirectly(api);
    await fetch(`${api}/api/privacy/withdrawal`, { method: 'POST', headers: { 'X-Manage-Token': manageToken, 'Content-Type': 'application/json' }, body: '{}' });
    const gone = await open(api, manageToken);
    await untilText(gone, 'This link is no longer valid.');
    expect(text(gone)).not.to.contain('CL-1001');
  });

  it('without a token says the link is not valid and asks the server nothing', async () => {
    const api = apiFor();
    const el = await open(api);
    await untilText(el, 'This link is no longer valid.');
    expect(await received(api, '/api/booking/manage')).to.deep.equal([]);
    await accessible(el);
  });

  it('reads the token from ?manage= in the page address', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const before = location.href;
    history.replaceState(null, '', `?manage=${manageToken}`);
    try {
      const el = await fixture<ClinicBookingManageElement>(html`<clinic-booking-manage api=${api} locale="en"></clinic-booking-manage>`);
      await untilText(el, 'CL-1001');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('offers to try again when the clinic cannot be reached', async () => {
    const el = await open('http://127.0.0.1:9', 'y'.repeat(43));
    await untilText(el, 'We could not reach the clinic.');
    expect(button(el, 'Try again')).to.exist;
    await accessible(el);
  });
});
