import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $$, accessible, apiFor, bookDirectly, focused, press, received, text, type, until, untilText } from '../../test/helpers.js';
import type { ClinicBookingElement } from './clinic-booking.js';
import './clinic-booking.js';

async function openManage(api: string, token: string) {
  const el = await fixture<ClinicBookingElement>(html`<clinic-booking api=${api} locale="en" manage-token=${token}></clinic-booking>`);
  await untilText(el, 'Your booking');
  await untilText(el, 'CL-1001');
  await accessible(el);
  return el;
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
    const el = await openManage(api, manageToken);
    expect(text(el)).to.contain('Confirmed').and.to.contain('Skin consultation').and.to.contain('J**').and.not.to.contain('Jisoo');

    await pressButton(el, 'Cancel this booking');
    await untilText(el, 'The time will be offered to others');
    expect(focused(el)?.textContent).to.equal('Cancel this booking');
    await accessible(el);
    const cancelled = oneEvent(el, 'clinic-booking-cancelled');
    await pressButton(el, 'Yes, cancel it');
    expect((await cancelled).detail).to.deep.equal({ reference: 'CL-1001' });
    await untilText(el, 'Your booking is cancelled.');
    expect(text(el)).to.contain('Cancelled');
    expect(focused(el)?.textContent).to.equal('Your booking is cancelled.');
    expect(button(el, 'Choose another time')).to.equal(undefined);
    await accessible(el);
    const [cancel] = await received(api, `/api/booking/manage/${manageToken}/cancel`);
    expect(cancel.body).to.deep.equal({});
    expect(cancel.query).to.equal('locale=en');
  });

  it('moves the booking to another time chosen by keyboard', async () => {
    const api = apiFor();
    const { manageToken, start } = await bookDirectly(api);
    const el = await openManage(api, manageToken);
    await pressButton(el, 'Choose another time');
    await until(el, 'input[name="time"]');
    expect(focused(el)?.textContent).to.equal('Choose another time');
    await accessible(el);
    const other = $$<HTMLInputElement>(el, 'input[name="time"]').find((t) => t.value !== start)!;
    await press(el, `input[value="${other.value}"]`, 'Space');
    await pressButton(el, 'Move my booking to this time');
    await untilText(el, 'Your booking has moved to the new time.');
    await accessible(el);
    const [move] = await received(api, `/api/booking/manage/${manageToken}/reschedule`);
    expect(move.body).to.deep.equal({ start: other.value });
    const day = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(other.value));
    expect(text(el)).to.contain(day);
  });

  it('reaches the data rights: export, correction, complaint and erasure, each with the manage token', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const el = await openManage(api, manageToken);

    await pressButton(el, 'Download my data');
    await untilText(el, 'Your data has been downloaded as a file.');

    await pressButton(el, 'Correct my data');
    await until(el, '#m-field');
    await accessible(el);
    await press(el, '#m-field', 'ArrowDown', 'ArrowDown', 'ArrowDown');
    await type(el, '#m-value', 'jisoo.kim@example.com');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'Your data will not be used until staff have checked the correction.');

    await pressButton(el, 'Make a privacy complaint');
    await until(el, '#m-message');
    await accessible(el);
    await type(el, '#m-email', 'jisoo@example.com');
    await type(el, '#m-message', 'I was called by a third party.');
    await pressButton(el, 'Send');
    await untilText(el, 'Your complaint is filed (reference PC-2001)');

    await pressButton(el, 'Withdraw consent and erase my data');
    await untilText(el, 'It cannot be undone');
    await accessible(el);
    await pressButton(el, 'Erase my data');
    await untilText(el, 'Your data has been erased. Receipt: DR-3001');
    expect(text(el)).not.to.contain('CL-1001');
    await accessible(el);

    const rights = await received(api, '/api/privacy/');
    expect(rights.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'GET /api/privacy/my-data',
      'POST /api/privacy/corrections',
      'POST /api/privacy/complaints',
      'POST /api/privacy/withdrawal',
    ]);
    expect(rights.every((r) => r.manageToken === manageToken)).to.equal(true);
    expect(rights[1].body).to.deep.include({ field: 'email', value: 'jisoo.kim@example.com' });
    expect(rights[2].body).to.deep.include({ email: 'jisoo@example.com', message: 'I was called by a third party.' });
  });

  it('says so when the link is not valid', async () => {
    const el = await fixture<ClinicBookingElement>(html`<clinic-booking api=${apiFor()} locale="en" manage-token=${'x'.repeat(43)}></clinic-booking>`);
    await untilText(el, 'This link is no longer valid.');
    await accessible(el);
  });
});
