import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, accessible, apiFor, focused, press, received, text, type, typeDate, until, untilText } from '../../test/helpers.js';
import type { ClinicPrivacyCenterElement } from './clinic-privacy-center.js';
import './clinic-privacy-center.js';

interface Mail {
  to: string;
  kind: string;
  token?: string;
  code?: string;
  confirmation?: string;
}
const mailOf = async (api: string): Promise<Mail[]> => (await (await fetch(`${api}/__mail`)).json()).data;
const lastMail = async (api: string, to: string) => (await mailOf(api)).filter((m) => m.to === to).at(-1)!;

const button = (el: Element, words: string) => $$(el, 'button').find((b) => b.textContent!.trim() === words);
async function pressButton(el: Element, words: string) {
  await waitUntil(() => button(el, words), `no button "${words}"`, { timeout: 8000 });
  button(el, words)!.focus();
  await sendKeys({ press: 'Enter' });
}
const headingIsFocused = (el: Element, words: string) =>
  waitUntil(() => focused(el)?.tagName === 'H2' && focused(el)!.textContent!.includes(words), `the heading "${words}" never got the focus`, { timeout: 8000 });

async function askLink(api: string, email: string) {
  await fetch(`${api}/api/privacy/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
  return lastMail(api, email);
}

/** Follows the mailed link (the page opens with `#verify=<token>`) and presses the button that opens it. */
async function openCenter(api: string, email = 'jisoo@example.com') {
  const { token } = await askLink(api, email);
  history.replaceState(null, '', `${location.pathname}${location.search}#verify=${token}`);
  const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
  await pressButton(el, 'Open my data');
  await untilText(el, 'Your consents');
  return el;
}

const sessionKeys = () => Object.keys(sessionStorage).filter((key) => key.startsWith('clinic-privacy-center:'));

describe('<clinic-privacy-center>', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('says the same words for a known and an unknown address, and mails both', async () => {
    const api = apiFor();
    const said: string[] = [];
    for (const email of ['jisoo@example.com', 'nobody.here@example.com']) {
      const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
      await until(el, '#pc-email');
      await accessible(el);
      await type(el, '#pc-email', email);
      await sendKeys({ press: 'Enter' });
      await headingIsFocused(el, 'Check your mail');
      await waitUntil(() => $(el, '[role="status"]')!.textContent!.includes(email), 'the live region never said where the mail went');
      await accessible(el);
      said.push(text(el).replaceAll(email, 'ADDRESS'), $(el, '[role="status"]')!.textContent!.replaceAll(email, 'ADDRESS'));
    }
    expect(said[0]).to.equal(said[2]);
    expect(said[1]).to.equal(said[3]);
    expect(said[0]).to.contain('We have sent a link and a code to ADDRESS');
    expect((await mailOf(api)).map((m) => m.to)).to.deep.equal(['jisoo@example.com', 'nobody.here@example.com']);
    const asked = await received(api, '/api/privacy/verify');
    expect(asked.map((r) => r.body)).to.deep.equal([
      { email: 'jisoo@example.com', locale: 'en' },
      { email: 'nobody.here@example.com', locale: 'en' },
    ]);
  });

  it('refuses an address that is not one, on the field, without asking the server', async () => {
    const api = apiFor();
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await type(el, '#pc-email', 'not-an-address');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'Enter an email address like name@example.com.');
    expect(focused(el)?.id).to.equal('pc-email');
    expect($(el, '#pc-email')!.getAttribute('aria-describedby')).to.equal('pc-email-error');
    await accessible(el);
    expect(await received(api, '/api/privacy/verify')).to.have.length(0);
  });

  it('opens from the mailed link, takes the token out of the URL, and shows everything held, readable', async () => {
    const api = apiFor();
    const signedIn = new Promise<CustomEvent>((resolve) => document.addEventListener('clinic-privacy-signed-in', resolve as EventListener, { once: true }));
    const el = await openCenter(api);
    expect(location.hash).to.equal('');
    expect((await signedIn).detail).to.deep.equal({ identifiedBy: 'privacy-session' });
    await untilText(el, 'R-7001');
    await headingIsFocused(el, 'Your data');
    await accessible(el);
    const page = text(el);
    for (const words of ['R-7001', 'Skin consultation', 'Allergic to penicillin', 'R-7002', 'Q-3001', 'Can I wear make-up', 'PC-1001', 'I was called by a third party.', 'Great care', '1 comment', 'Seoul Lab', 'Consent history', 'Receipt for reservation'])
      expect(page, words).to.contain(words);
    // The receipt's Kantara fields, under their own names.
    for (const name of ['consentReceiptID', 'KI-CR-v1.1.0', 'jurisdiction', 'piiPrincipalId', 'piiController', 'policyUrl', 'purposeCategory', 'thirdPartyDisclosure', 'termination', 'spiCat'])
      expect(page, name).to.contain(name);
    const [session] = await received(api, '/api/privacy/my-data');
    expect(session.privacySession).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionKeys()).to.have.length(1);
    expect(Object.keys(localStorage).filter((key) => key.includes('privacy'))).to.deep.equal([]);
  });

  it('opens when the link is followed while the page is already open (only the fragment changes)', async () => {
    const api = apiFor();
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await type(el, '#pc-email', 'jisoo@example.com');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'Check your mail');
    const { token } = await lastMail(api, 'jisoo@example.com');
    location.hash = `#verify=${token}`;
    await headingIsFocused(el, 'Your data at the clinic');
    expect(location.hash).to.equal('');
    // Nothing is used up until the person acts: a scanner that opens the link spends nothing.
    expect(await received(api, '/api/privacy/session')).to.have.length(0);
    await accessible(el);
    await pressButton(el, 'Open my data');
    await untilText(el, 'R-7001');
    await headingIsFocused(el, 'Your data');
  });

  it('ignores a fragment that is not a verification token, and sends nothing', async () => {
    const api = apiFor();
    history.replaceState(null, '', `${location.pathname}#verify=%22%3E%3Cimg%20src=x%3E`);
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await until(el, '#pc-email');
    expect(await received(api, '/api/privacy/session')).to.have.length(0);
    expect($(el, 'img')).to.equal(null);
  });

  it('says so when the address has asked for too many links, and stays on the step', async () => {
    const api = apiFor();
    for (let i = 0; i < 3; i++) await askLink(api, 'jisoo@example.com');
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await type(el, '#pc-email', 'jisoo@example.com');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'Too many attempts. Please wait a few minutes');
    expect(text(el)).not.to.contain('Check your mail');
    await accessible(el);
  });

  it('downloads the same answer as JSON', async () => {
    const api = apiFor();
    const el = await openCenter(api);
    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => (blobs.push(blob), original(blob));
    try {
      await pressButton(el, 'Download as JSON');
      await untilText(el, 'Your data has been downloaded as a JSON file.');
    } finally {
      URL.createObjectURL = original;
    }
    const downloaded = JSON.parse(await blobs[0].text());
    const [answer] = await received(api, '/api/privacy/my-data');
    const served = await (await fetch(`${api}/api/privacy/my-data`, { headers: { 'X-Privacy-Session': answer.privacySession! } })).json();
    expect(downloaded.data.format).to.equal('clinic-cms/my-data@1');
    expect({ ...downloaded.data, generatedAt: 0 }).to.deep.equal({ ...served.data, generatedAt: 0 });
  });

  it('opens with the code typed on another device, by keyboard', async () => {
    const api = apiFor();
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await press(el, 'button:not([type="submit"])', 'Enter');
    await headingIsFocused(el, 'Enter the code from the mail');
    await accessible(el);
    const { code } = await askLink(api, 'jisoo@example.com');
    await type(el, '#pc-email', 'jisoo@example.com');
    await type(el, '#pc-code', code!.toLowerCase());
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'R-7001');
    const [opened] = await received(api, '/api/privacy/session');
    expect(opened.body).to.deep.equal({ email: 'jisoo@example.com', code: code!.replace('-', '') });
  });

  it('says a used link no longer works, and burns the code after five wrong tries', async () => {
    const api = apiFor();
    const { token } = await askLink(api, 'jisoo@example.com');
    await fetch(`${api}/api/privacy/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    history.replaceState(null, '', `${location.pathname}#verify=${token}`);
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await pressButton(el, 'Open my data');
    await untilText(el, 'This link or code does not work');
    expect($(el, '[role="alert"]')!.textContent).to.contain('Ask for a new link');
    expect($(el, '#pc-email')).to.exist;
    await accessible(el);

    const { code } = await askLink(api, 'jisoo@example.com');
    await press(el, 'button:not([type="submit"])', 'Enter');
    await type(el, '#pc-email', 'jisoo@example.com');
    for (let i = 0; i < 4; i++) {
      await type(el, '#pc-code', 'ZZZZ-ZZZZ');
      await sendKeys({ press: 'Enter' });
      await waitUntil(async () => (await received(api, '/api/privacy/session')).length === i + 3, 'the code was not sent');
      await untilText(el, 'This link or code does not work');
    }
    await type(el, '#pc-code', 'ZZZZ-ZZZZ');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'Too many wrong codes: this code no longer works');
    await type(el, '#pc-code', code!);
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await received(api, '/api/privacy/session')).length === 8, 'the right code was not sent');
    await untilText(el, 'Too many wrong codes');
    expect(text(el)).not.to.contain('R-7001');
    await accessible(el);
  });

  it('goes back to the start with a clear message when the session has expired', async () => {
    const api = apiFor();
    const signedOut = new Promise<CustomEvent>((resolve) => document.addEventListener('clinic-privacy-signed-out', resolve as EventListener, { once: true }));
    const el = await openCenter(api);
    await fetch(`${api}/__expire`, { method: 'POST' });
    await press(el, 'input[type="checkbox"]', 'Space');
    await untilText(el, 'Your session has ended');
    await headingIsFocused(el, 'Your data at the clinic');
    expect((await signedOut).detail).to.deep.equal({ reason: 'expired' });
    expect(sessionKeys()).to.deep.equal([]);
    expect(text(el)).not.to.contain('R-7001');
    await accessible(el);
  });

  it('checks a kept session on reload, and says when it has expired', async () => {
    const api = apiFor();
    (await openCenter(api)).remove();
    expect(sessionKeys()).to.have.length(1);
    const again = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await untilText(again, 'R-7001');
    again.remove();
    await fetch(`${api}/__expire`, { method: 'POST' });
    const expired = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await untilText(expired, 'Your session has ended');
    expect(sessionKeys()).to.deep.equal([]);
  });

  it('signs out: the server revokes the session and nothing of it stays on the screen', async () => {
    const api = apiFor();
    const el = await openCenter(api);
    await pressButton(el, 'Sign out');
    await untilText(el, 'You are signed out.');
    await headingIsFocused(el, 'Your data at the clinic');
    expect(text(el)).not.to.contain('R-7001');
    expect(sessionKeys()).to.deep.equal([]);
    const [shown] = await received(api, '/api/privacy/my-data');
    const deletes = (await received(api, '/api/privacy/session')).filter((r) => r.method === 'DELETE');
    expect(deletes).to.have.length(1);
    expect(deletes[0].privacySession).to.equal(shown.privacySession);
    const after = await fetch(`${api}/api/privacy/my-data`, { headers: { 'X-Privacy-Session': deletes[0].privacySession! } });
    expect((await after.json()).error.details.code).to.equal('SESSION_EXPIRED');
    await accessible(el);
  });

  it('withdraws one optional consent with its own control; required ones have none', async () => {
    const api = apiFor();
    const el = await openCenter(api);
    const boxes = $$<HTMLInputElement>(el, '[part="consent-item"] input[type="checkbox"]');
    expect(boxes).to.have.length(2);
    expect(text(el)).to.contain('Health information (required): given');
    const keep = boxes.find((box) => box.closest('label')!.textContent!.includes('Keep my data after treatment'))!;
    expect(keep.checked).to.equal(true);
    keep.focus();
    await sendKeys({ press: 'Space' });
    await untilText(el, 'Keep my data after treatment: consent withdrawn.');
    expect(focused(el)?.textContent).to.contain('consent withdrawn');
    const [change] = (await received(api, '/api/privacy/consents')).filter((r) => r.method === 'POST');
    expect(change.body).to.deep.equal({ consents: { reservation_keep: false } });
    await waitUntil(() => text(el).includes('Keep my data after treatment — Withdrawn'), 'the history never showed the withdrawal');
    expect($$<HTMLInputElement>(el, '[part="consent-item"] input').find((b) => b.closest('label')!.textContent!.includes('Keep'))!.checked).to.equal(false);
    await accessible(el);
  });

  it('asks for a correction and shows the restriction while it is pending', async () => {
    const api = apiFor();
    const el = await openCenter(api);
    expect(text(el)).not.to.contain('A correction you asked for is pending');
    await pressButton(el, 'Ask for a correction');
    await until(el, '#pc-field');
    expect(focused(el)?.textContent).to.equal('Ask for a correction');
    await accessible(el);
    await press(el, '#pc-field', 'ArrowDown', 'ArrowDown', 'ArrowDown');
    await type(el, '#pc-value', '010-9999-0000');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'Correction K-5001 is filed.');
    await untilText(el, 'A correction you asked for is pending: this is not used until staff have checked it.');
    expect(text(el)).to.contain('Corrections you asked for').and.to.contain('010-9999-0000');
    const [asked] = await received(api, '/api/privacy/corrections');
    expect(asked.body).to.deep.equal({ field: 'phone', value: '010-9999-0000' });
    await accessible(el);
  });

  it('files a complaint', async () => {
    const api = apiFor();
    const el = await openCenter(api);
    await pressButton(el, 'File a complaint');
    await until(el, '#pc-message');
    expect(($(el, '#pc-email') as HTMLInputElement).value).to.equal('jisoo@example.com');
    await type(el, '#pc-message', 'My data was shared.');
    await pressButton(el, 'Send');
    await untilText(el, 'Your complaint is filed (reference PC-2001).');
    const [filed] = await received(api, '/api/privacy/complaints');
    expect(filed.body).to.deep.equal({ email: 'jisoo@example.com', message: 'My data was shared.', locale: 'en' });
    await accessible(el);
  });

  it('withdraws everything: what goes, a confirmation step, then the destruction receipt', async () => {
    const api = apiFor();
    const el = await openCenter(api);
    await pressButton(el, 'Withdraw everything and erase my data');
    await headingIsFocused(el, 'What erasing destroys');
    for (const words of ['Reservation R-7001: Skin consultation', 'Reservation R-7002', 'Online consultation Q-3001', 'Complaint PC-1001', '1 board post', '1 board comment'])
      expect(text(el), words).to.contain(words);
    await accessible(el);
    expect(await received(api, '/api/privacy/withdrawal')).to.have.length(1);
    await pressButton(el, 'Continue');
    await headingIsFocused(el, 'Erase everything now?');
    await accessible(el);
    expect((await received(api, '/api/privacy/withdrawal')).filter((r) => r.method === 'POST')).to.have.length(0);
    const withdrawn = oneEvent(el, 'clinic-privacy-withdrawn');
    await pressButton(el, 'Yes, erase everything');
    expect((await withdrawn).detail.reference).to.equal('DR-4001');
    await headingIsFocused(el, 'Your data is erased');
    expect(text(el)).to.contain('Destruction receipt DR-4001').and.to.contain('Reservations: 2').and.not.to.contain('R-7001');
    expect(sessionKeys()).to.deep.equal([]);
    await accessible(el);
  });

  it('keeps everything when the person steps back from the confirmation', async () => {
    const api = apiFor();
    const el = await openCenter(api);
    await pressButton(el, 'Withdraw everything and erase my data');
    await pressButton(el, 'Continue');
    await pressButton(el, 'No, keep my data');
    await untilText(el, 'R-7001');
    expect((await received(api, '/api/privacy/withdrawal')).filter((r) => r.method === 'POST')).to.have.length(0);
  });

  it('speaks Korean', async () => {
    const api = apiFor();
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="ko"></clinic-privacy-center>`);
    await untilText(el, '병원이 보관한 내 정보');
    expect($(el, '.root')!.getAttribute('lang')).to.equal('ko');
    await type(el, '#pc-email', 'jisoo@example.com');
    await sendKeys({ press: 'Enter' });
    await untilText(el, '메일을 확인해 주세요');
    await accessible(el);
    expect((await received(api, '/api/privacy/verify'))[0].body).to.deep.include({ locale: 'ko' });
  });
});

describe('<clinic-privacy-center> for members', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  async function signUpForm(api: string) {
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await pressButton(el, 'Become a member');
    await headingIsFocused(el, 'Become a member');
    await until(el, '#pc-consent-membership_collection');
    return el;
  }

  async function fillSignUp(el: Element, email: string, birthDate: string) {
    await type(el, '#pc-email', email);
    await type(el, '#pc-password', 'a long passphrase');
    await typeDate(el, '#pc-birthDate', birthDate);
    await press(el, '#pc-consent-membership_collection', 'Space');
  }

  it('signs up with each membership consent separate; refuses a child under 14 with the reason', async () => {
    const api = apiFor();
    const el = await signUpForm(api);
    await accessible(el);
    expect($$(el, '[part="consent-item"] input[type="checkbox"]')).to.have.length(3);
    expect(text(el)).to.contain('News and offers by email (optional)').and.to.contain('(required)');
    await pressButton(el, 'Sign up');
    await untilText(el, 'You need to agree to this item to become a member.');
    expect(focused(el)?.id).to.equal('pc-email');
    expect(await received(api, '/api/auth/local/register')).to.have.length(0);

    const child = new Date(Date.now() - 10 * 365.25 * 864e5).toISOString().slice(0, 10);
    await fillSignUp(el, 'young@example.com', child);
    await pressButton(el, 'Sign up');
    await untilText(el, 'Membership is not open to children under 14.');
    expect($(el, '[role="alert"]')!.textContent).to.contain('under 14');
    await waitUntil(() => focused(el)?.id === 'pc-birthDate', 'the refused birth date never got the focus');
    await accessible(el);

    await typeDate(el, '#pc-birthDate', '1990-05-20');
    await press(el, '#pc-consent-marketing_notices', 'Space');
    await pressButton(el, 'Sign up');
    await headingIsFocused(el, 'Check your mail to confirm');
    expect(text(el)).to.contain('We have sent a link to young@example.com');
    await accessible(el);
    const sent = (await received(api, '/api/auth/local/register')).at(-1)!;
    expect(sent.body).to.deep.equal({
      email: 'young@example.com',
      password: 'a long passphrase',
      birthDate: '1990-05-20',
      consents: { membership_collection: true, marketing_notices: true, third_party_provision: false },
      locale: 'en',
    });
    await pressButton(el, 'Send the link again');
    await waitUntil(async () => (await received(api, '/api/auth/send-email-confirmation')).length === 1, 'the link was not sent again');
  });

  it('explains an unconfirmed address at log-in and sends the link again; the followed link offers log-in, which confirms; the member modifies, changes the password and leaves', async () => {
    const api = apiFor();
    const el = await signUpForm(api);
    await fillSignUp(el, 'member@example.com', '1988-01-02');
    await pressButton(el, 'Sign up');
    await headingIsFocused(el, 'Check your mail to confirm');
    await pressButton(el, 'Log in');
    await headingIsFocused(el, 'Log in');
    await type(el, '#pc-email', 'member@example.com');
    await type(el, '#pc-password', 'a long passphrase');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'Your address is not confirmed yet.');
    await accessible(el);
    await pressButton(el, 'Send the link again');
    await waitUntil(async () => (await received(api, '/api/auth/send-email-confirmation')).length === 1, 'the link was not sent again');
    expect((await received(api, '/api/auth/send-email-confirmation'))[0].body).to.deep.equal({ email: 'member@example.com' });

    // The confirmation link, followed, lands on the center with #member-confirm=<token>; logging in with it confirms.
    const { confirmation } = await lastMail(api, 'member@example.com');
    el.remove();
    history.replaceState(null, '', `${location.pathname}#member-confirm=${confirmation}`);
    const back = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await untilText(back, 'Log in with your password to finish confirming your address.');
    expect(location.hash).to.equal('');
    await accessible(back);
    await type(back, '#pc-email', 'member@example.com');
    await type(back, '#pc-password', 'a long passphrase');
    await sendKeys({ press: 'Enter' });
    await untilText(back, 'Your member account');
    await untilText(back, 'Member profile');
    expect((await received(api, '/api/auth/local')).at(-1)!.body).to.deep.include({ identifier: 'member@example.com', confirmation });
    const [asMember] = await received(api, '/api/privacy/my-data');
    expect(asMember.authorization).to.match(/^Bearer /);
    await accessible(back);

    await pressButton(back, 'Modify member information');
    await until(back, '#pc-phone');
    await type(back, '#pc-phone', '010-2222-3333');
    await pressButton(back, 'Send');
    await untilText(back, 'Your member information is saved.');
    const [put] = (await received(api, '/api/members/me')).filter((r) => r.method === 'PUT');
    expect(put.body).to.deep.include({ phone: '010-2222-3333', locale: 'en' });

    await pressButton(back, 'Change password');
    await until(back, '#pc-currentPassword');
    await type(back, '#pc-currentPassword', 'wrong password');
    await type(back, '#pc-password', 'another passphrase');
    await type(back, '#pc-passwordConfirmation', 'another passphrase');
    await pressButton(back, 'Send');
    await untilText(back, 'Your current password is not right.');
    await type(back, '#pc-currentPassword', 'a long passphrase');
    await pressButton(back, 'Send');
    await untilText(back, 'Your password is changed.');
    await accessible(back);

    await pressButton(back, 'Leave and erase my data');
    await headingIsFocused(back, 'What erasing destroys');
    expect(text(back)).to.contain('Your member account and profile');
    await pressButton(back, 'Continue');
    await pressButton(back, 'Yes, erase everything');
    await headingIsFocused(back, 'Your data is erased');
    expect(text(back)).to.contain('Member account: 1');
    const [leave] = (await received(api, '/api/privacy/withdrawal')).filter((r) => r.method === 'POST');
    expect(leave.authorization).to.match(/^Bearer /);
    const login = await fetch(`${api}/api/auth/local`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ identifier: 'member@example.com', password: 'another passphrase' }) });
    expect(login.status).to.equal(400);
  });

  it('says a wrong password without saying whether the address has an account', async () => {
    const api = apiFor();
    const el = await fixture<ClinicPrivacyCenterElement>(html`<clinic-privacy-center api=${api} locale="en"></clinic-privacy-center>`);
    await pressButton(el, 'Log in');
    await type(el, '#pc-email', 'nobody@example.com');
    await type(el, '#pc-password', 'whatever it is');
    await sendKeys({ press: 'Enter' });
    await untilText(el, 'The email or the password is not right.');
    await accessible(el);
  });
});
