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

  it('sends the data rights to the privacy center, which proves the address, and keeps the complaint', async () => {
    const api = apiFor();
    const { manageToken } = await bookDirectly(api);
    const el = await openManage(api, manageToken);
    expect(button(el, 'Download my data')).to.equal(undefined);
    expect(button(el, 'Correct my data')).to.equal(undefined);
    expect(button(el, 'Withdraw consent and erase my data')).to.equal(undefined);
    const link = $$<HTMLAnchorElement>(el, 'a').find((a) => a.textContent!.includes('privacy center'))!;
    expect(link.href).to.equal(`${new URL(api).origin}/privacy/`);
    expect(text(el)).to.contain('It first asks you to confirm your email address');

    await pressButton(el, 'Make a privacy complaint');
    await until(el, '#m-message');
    await accessible(el);
    await type(el, '#m-email', 'jisoo@example.com');
    await type(el, '#m-message', 'I was called by a third party.');
    await pressButton(el, 'Send');
    await untilText(el, 'Your complaint is filed (reference PC-2001)');
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
    await untilText(el, '개인정보 센터');
    const link = $$<HTMLAnchorElement>(el, 'a').find((a) => a.textContent!.includes('개인정보 센터'))!;
    expect(link.href).to.equal('https://clinic.example/my-data');
    await accessible(el);
  });

  it('says so when the link is not valid', async () => {
    const el = await fixture<ClinicBookingElement>(html`<clinic-booking api=${apiFor()} locale="en" manage-token=${'x'.repeat(43)}></clinic-booking>`);
    await untilText(el, 'This link is no longer valid.');
    await accessible(el);
  });
});
