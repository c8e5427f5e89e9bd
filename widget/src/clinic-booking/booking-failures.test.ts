import { expect } from '@open-wc/testing';
import { agreeToAll, chooseServiceAndTime, fillDetails, forward, openBooking } from '../../test/booking-flow.js';
import { $, $$, accessible, apiFor, focused, press, received, text, untilText } from '../../test/helpers.js';

const details = (el: Element) => ['name', 'birthDate', 'phone', 'email'].map((field) => $<HTMLInputElement>(el, `#f-${field}`)!.value);

describe('<clinic-booking> when booking fails', () => {
  it('explains a taken time, offers fresh times, and keeps everything typed', async () => {
    const api = apiFor('taken');
    const el = await openBooking(api);
    const taken = await chooseServiceAndTime(el);
    await fillDetails(el);
    await forward(el);
    await agreeToAll(el);
    await forward(el);
    await untilText(el, 'someone has just booked that time');
    expect(text(el)).to.contain('Choose a day and time');
    expect(focused(el)?.tagName).to.equal('H2');
    await accessible(el);
    await untilText(el, 'Times on');
    expect($$<HTMLInputElement>(el, 'input[name="time"]').map((t) => t.value)).not.to.include(taken);
    expect($$<HTMLInputElement>(el, 'input[name="time"]').some((t) => t.checked)).to.equal(false);

    await press(el, 'input[name="time"]', 'Space', 'Enter');
    await untilText(el, 'Your details');
    expect(details(el)).to.deep.equal(['Jisoo Kim', '1990-05-20', '010-1234-5678', 'jisoo@example.com']);
    await forward(el);
    await untilText(el, 'Your consent');
    expect($$<HTMLInputElement>(el, '.consents input').every((box) => box.checked)).to.equal(true);
    await forward(el);
    await untilText(el, 'Check and book');
    await forward(el);
    await untilText(el, 'Your visit is booked');

    const posts = await received(api, '/api/booking/reservations');
    expect(posts).to.have.length(2);
    expect(posts[1].body!.start).not.to.equal(taken);
    expect(posts[1].idempotencyKey, 'a new attempt with other data has its own key').not.to.equal(posts[0].idempotencyKey);
  });

  it('survives a lost answer: nothing typed is lost, and the retry reuses the attempt’s key so nothing is booked twice', async () => {
    const api = apiFor('lost');
    const el = await openBooking(api);
    await chooseServiceAndTime(el);
    await fillDetails(el);
    await forward(el);
    await agreeToAll(el);
    await forward(el);
    await untilText(el, 'We could not reach the clinic');
    expect(text(el)).to.contain('nothing you entered is lost').and.to.contain('Jisoo Kim').and.to.contain('Check and book');
    await accessible(el);

    await press(el, '[part="notice"] button', 'Enter');
    await untilText(el, 'Your visit is booked');
    expect($(el, '.reference')!.textContent).to.equal('CL-1001');
    const posts = await received(api, '/api/booking/reservations');
    expect(posts).to.have.length(2);
    expect(posts[1].idempotencyKey).to.equal(posts[0].idempotencyKey);
    expect(posts[1].body).to.deep.equal(posts[0].body);
  });

  it('sends a new key when the patient changes the booking after a lost answer', async () => {
    const api = apiFor('offline');
    const el = await openBooking(api);
    await chooseServiceAndTime(el);
    await fillDetails(el);
    await forward(el);
    await agreeToAll(el);
    await forward(el);
    await untilText(el, 'We could not reach the clinic');
    await press(el, '.actions [part="button"]', 'Enter');
    await untilText(el, 'Your consent');
    await press(el, '#consent-keep', 'Space');
    await forward(el);
    await untilText(el, 'Check and book');
    await forward(el);
    await untilText(el, 'Your visit is booked');
    const posts = await received(api, '/api/booking/reservations');
    expect(posts.map((p) => p.body!.consents!.keep)).to.deep.equal([true, false]);
    expect(posts[1].idempotencyKey).not.to.equal(posts[0].idempotencyKey);
  });

  it('books once however often Book is pressed', async () => {
    const api = apiFor();
    const el = await openBooking(api);
    await chooseServiceAndTime(el);
    await fillDetails(el);
    await forward(el);
    await agreeToAll(el);
    const book = $(el, '[part="primary-button"]')!;
    book.focus();
    book.click();
    book.click();
    await press(el, '[part="primary-button"]', 'Enter');
    await untilText(el, 'Your visit is booked');
    expect(await received(api, '/api/booking/reservations')).to.have.length(1);
  });
});
