import { expect, oneEvent } from '@open-wc/testing';
import { agreeToAll, chooseServiceAndTime, fillDetails, forward, openBooking } from '../../test/booking-flow.js';
import { $, $$, accessible, apiFor, focused, press, received, text, type, until, untilText } from '../../test/helpers.js';

describe('<clinic-booking>', () => {
  it('books by keyboard alone, accessibly at every step, and tells the page', async () => {
    const api = apiFor();
    const el = await openBooking(api);
    expect(text(el)).to.contain('Skin consultation').and.to.contain('Laser toning');
    const start = await chooseServiceAndTime(el);
    expect(focused(el)?.tagName).to.equal('H2');
    await accessible(el);
    await fillDetails(el);
    await forward(el);
    await agreeToAll(el);
    expect(text(el)).to.contain('Jisoo Kim').and.to.contain('Agreed');
    const created = oneEvent(el, 'clinic-booking-created');
    await forward(el);
    const { detail } = await created;
    expect(detail).to.include({ reference: 'CL-1001', start });
    await untilText(el, 'Your visit is booked');
    await accessible(el);
    expect(focused(el)?.textContent).to.equal('Your visit is booked');
    expect($(el, '.reference')!.textContent).to.equal('CL-1001');
    expect($<HTMLAnchorElement>(el, 'a[href*="manage="]')).to.exist;
    const posts = await received(api, '/api/booking/reservations');
    expect(posts).to.have.length(1);
    expect(posts[0].idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(posts[0].body).to.deep.include({ service: 'svc-skin', start, locale: 'en', consents: { collection: true, health: true, keep: true } });
    expect(posts[0].body!.patient).to.deep.equal({ name: 'Jisoo Kim', birthDate: '1990-05-20', phone: '010-1234-5678', email: 'jisoo@example.com' });
  });

  it('shows free times in the clinic zone with the patient’s own time beside them', async () => {
    const el = await openBooking();
    await press(el, 'input[name="service-choice"]', 'Space', 'Enter');
    const time = await until(el, 'input[name="time"]');
    await accessible(el);
    const label = time.closest('label')!.textContent!.replace(/\s+/g, ' ');
    const start = (time as HTMLInputElement).value;
    const clinic = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', hour: 'numeric', minute: '2-digit' }).format(new Date(start));
    const mine = new Intl.DateTimeFormat('en', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit' }).format(new Date(start));
    expect(label).to.contain(clinic).and.to.contain(mine).and.to.match(/your time/);
  });

  it('ties each validation message to its field and moves focus to the first one', async () => {
    const el = await openBooking();
    await forward(el);
    await untilText(el, 'Choose a treatment.');
    const services = $(el, '#f-service')!;
    expect(services.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, `#${services.getAttribute('aria-describedby')}`)!.textContent).to.equal('Choose a treatment.');
    expect(focused(el)).to.equal(services);
    await accessible(el);

    await press(el, 'input[name="service-choice"]', 'Space', 'Enter');
    await until(el, 'input[name="time"]');
    await forward(el);
    await untilText(el, 'Choose a time.');
    expect($(el, '#f-start')!.getAttribute('aria-describedby')).to.equal('f-start-error');
    expect(focused(el)?.id).to.equal('f-start');
    await accessible(el);

    await press(el, 'input[name="time"]', 'Space', 'Enter');
    await untilText(el, 'Your details');
    await type(el, '#f-email', 'not-an-address');
    await type(el, '#f-phone', '12');
    await forward(el);
    await untilText(el, 'fields need your attention');
    for (const [field, message] of [
      ['name', 'Please fill this in.'],
      ['birthDate', 'Please fill this in.'],
      ['phone', 'Enter a phone number in digits'],
      ['email', 'Enter an email address like name@example.com.'],
    ]) {
      const input = $(el, `#f-${field}`)!;
      expect(input.getAttribute('aria-invalid'), field).to.equal('true');
      expect($(el, `#${input.getAttribute('aria-describedby')}`)!.textContent, field).to.contain(message);
    }
    expect(focused(el)?.id).to.equal('f-name');
    await accessible(el);
    await type(el, '#f-name', 'Jisoo Kim');
    expect($(el, '#f-name')!.getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '#f-name-error')).to.equal(null);
  });

  it('marks the field the server refuses, with its words, and keeps everything else', async () => {
    const api = apiFor('bounce');
    const el = await openBooking(api);
    await chooseServiceAndTime(el);
    await fillDetails(el);
    await forward(el);
    await agreeToAll(el);
    await forward(el);
    await untilText(el, 'Mail to this address bounces');
    expect(text(el)).to.contain('Your details');
    const email = $<HTMLInputElement>(el, '#f-email')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, `#${email.getAttribute('aria-describedby')}`)!.textContent).to.equal('Mail to this address bounces');
    expect($<HTMLInputElement>(el, '#f-name')!.value).to.equal('Jisoo Kim');
    await accessible(el);
    await type(el, '#f-email', 'jisoo@clinic.example');
    await forward(el);
    await untilText(el, 'Your consent');
    expect($<HTMLInputElement>(el, '#consent-health')!.checked).to.equal(true);
    await forward(el);
    await untilText(el, 'Check and book');
    await forward(el);
    await untilText(el, 'Your visit is booked');
    const keys = (await received(api, '/api/booking/reservations')).map((r) => r.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).not.to.equal(keys[1]);
  });

  it('asks for a guardian when the patient is under 14, and says the booking waits for them', async () => {
    const api = apiFor();
    const el = await openBooking(api);
    await chooseServiceAndTime(el);
    expect($(el, '#f-guardianName')).to.equal(null);
    await fillDetails(el, `${new Date().getFullYear() - 8}-03-04`);
    await untilText(el, 'Parent or legal guardian');
    expect(text(el)).to.contain('Patients under 14 need a parent or legal guardian');
    await accessible(el);
    await forward(el);
    await untilText(el, '4 fields need your attention');
    for (const field of ['guardianName', 'guardianPhone', 'guardianEmail', 'guardianRelationship']) expect($(el, `#f-${field}`)!.getAttribute('aria-invalid'), field).to.equal('true');
    expect(focused(el)?.id).to.equal('f-guardianName');
    await accessible(el);
    await type(el, '#f-guardianName', 'Minji Kim');
    await type(el, '#f-guardianPhone', '010-9876-5432');
    await type(el, '#f-guardianEmail', 'minji@example.com');
    await type(el, '#f-guardianRelationship', 'Mother');
    await forward(el);
    await agreeToAll(el);
    expect(text(el)).to.contain('Minji Kim (Mother)');
    await forward(el);
    await untilText(el, 'Waiting for your guardian');
    expect(text(el)).to.contain('We emailed your guardian a code');
    await accessible(el);
    const [post] = await received(api, '/api/booking/reservations');
    expect(post.body!.guardian).to.deep.equal({ name: 'Minji Kim', phone: '010-9876-5432', email: 'minji@example.com', relationship: 'Mother' });
  });

  it('speaks Korean when asked, and switches when the attribute changes', async () => {
    const el = await openBooking(apiFor(), 'ko');
    expect(text(el)).to.contain('피부 상담').and.to.contain('진료 항목을 고르세요');
    el.setAttribute('locale', 'en');
    await untilText(el, 'Skin consultation');
    expect(text(el)).to.contain('Choose a treatment');
    expect($$(el, 'input[name="service-choice"]')).to.have.length(2);
  });

  it('takes its language from the page’s <html lang> and follows it when it changes', async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'ko-KR';
    try {
      const el = await openBooking(apiFor(), null);
      expect(text(el)).to.contain('진료 항목을 고르세요').and.to.contain('레이저 토닝');
      document.documentElement.lang = 'en';
      await untilText(el, 'Choose a treatment');
      await untilText(el, 'Laser toning');
    } finally {
      document.documentElement.lang = before;
    }
  });
});
