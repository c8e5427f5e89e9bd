import { html, nothing } from 'lit';
import type { privacyCenterMember as en } from '../i18n/en/privacy-center-member.js';
import { ApiError } from '../shared/api.controller.js';
import { LocaleController } from '../shared/locale.controller.js';
import { EMAIL, field, valuesOf, type Errors } from './fields.js';
import type { ConsentItem } from './types.js';
import type { View, ViewHost, ViewProps } from './view-props.js';

const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);

/**
 * Sign-up (the membership consent items, each separate; a birth date, since no one under 14 may join), the
 * "check your mail to confirm" step, and log-in, which refuses an unconfirmed address and offers the link again.
 * It keeps what was typed; the element gives it the rest (`ViewProps`) and it acts through the callbacks there.
 */
export class MemberView {
  /** The token of the followed confirmation link: the next log-in sends it, which confirms the address. */
  _confirm = '';
  private _items?: ConsentItem[];
  private _consents: Record<string, boolean> = {};
  private _email = '';
  private _unverified = false;
  private _askConsents = false;
  private readonly _l10n: LocaleController<typeof en>;

  constructor(
    private readonly host: ViewHost,
    private readonly props: () => ViewProps,
  ) {
    this._l10n = new LocaleController(host, {
      en: () => import('../i18n/en/privacy-center-member.js').then((m) => m.privacyCenterMember),
      ko: () => import('../i18n/ko/privacy-center-member.js').then((m) => m.privacyCenterMember),
    });
  }

  private get _p(): ViewProps {
    return this.props();
  }

  private get _m() {
    return this._l10n.t!;
  }

  /** The membership consent items, in the reader's language: loaded once, when sign-up (or a changed policy) needs them. */
  _loadItems(): void {
    if (this._items) return;
    this._items = [];
    this._p._client
      .get<{ items: ConsentItem[] }>('/api/consent-items', { params: { channel: 'membership', locale: this._p._locale } })
      .then((answer) => (this._items = answer.items))
      .catch((error) => ((this._items = undefined), this._p._fail(error)))
      .finally(() => this.host.requestUpdate());
  }

  private _signUp = (e: SubmitEvent) => {
    e.preventDefault();
    const m = this._m;
    const v = valuesOf(e.target as HTMLFormElement);
    const errors: Errors = {};
    if (!EMAIL.test(v.email)) errors.email = m._badEmail;
    if (v.password.length < 8) errors.password = m._badPassword;
    if (!v.birthDate) errors.birthDate = m._missing;
    if (v.phone && !PHONE.test(v.phone)) errors.phone = m._badPhone;
    for (const item of this._items ?? []) if (item.required && !this._consents[item.key]) errors[`consent-${item.key}`] = m._consentMissing;
    if (this._p._invalid(errors, m._fixErrors)) return;
    const consents = Object.fromEntries((this._items ?? []).map((item) => [item.key, !!this._consents[item.key]]));
    const body = { email: v.email, password: v.password, birthDate: v.birthDate, consents, locale: this._p._locale, ...(v.name ? { name: v.name } : {}), ...(v.phone ? { phone: v.phone } : {}) };
    void this._p._run(async () => {
      try {
        await this._p._client.post('/api/auth/local/register', { body, envelope: true });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNDER_14') this._p._focus('#pc-birthDate');
        throw error;
      }
      this._email = v.email;
      await this._p._go('signup-sent');
      this._p._announce(m._checkText(v.email));
    });
  };

  private _resend = () =>
    void this._p._run(async () => {
      await this._p._client.post('/api/auth/send-email-confirmation', { body: { email: this._email }, envelope: true });
      this._p._announce(this._m._sentAgain);
    });

  private _logIn = (e: SubmitEvent) => {
    e.preventDefault();
    const v = valuesOf(e.target as HTMLFormElement);
    this._email = v.email;
    const consents = this._askConsents ? Object.fromEntries((this._items ?? []).map((item) => [item.key, !!this._consents[item.key]])) : undefined;
    void this._p._run(async () => {
      try {
        const body = { identifier: v.email, password: v.password, ...(consents ? { consents } : {}), ...(this._confirm ? { confirmation: this._confirm } : {}) };
        const { jwt } = await this._p._client.post<{ jwt: string }>('/api/auth/local', { body, envelope: true });
        this._unverified = false;
        this._confirm = '';
        this._p._signedIn({ kind: 'member', token: jwt });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        this._unverified = error.code === 'EMAIL_UNVERIFIED';
        if (error.code === 'POLICY_OUTDATED') (this._askConsents = true), this._loadItems();
        // users-permissions refuses a wrong address or password with a bare 400, saying neither which.
        throw error.status === 400 && !error.details.code ? new ApiError(400, 'LOGIN_FAILED') : error;
      }
    });
  };

  _render(view: View) {
    if (!this._l10n.t) return nothing;
    if (view === 'signup') return this._renderSignUp();
    if (view === 'signup-sent') return this._renderCheckMail();
    return this._renderLogIn();
  }

  private _back() {
    return html`<button type="button" part="button" @click=${() => void this._p._go('start')}>${this._m._back}</button>`;
  }

  private _renderItems() {
    const m = this._m;
    const errors = this._p._errors;
    return html`<fieldset>
      <legend>${m._consents}</legend>
      <p class="hint">${m._consentsIntro}</p>
      <ul class="consents">
        ${(this._items ?? []).map((item) => {
          const id = `pc-consent-${item.key}`;
          const error = errors[`consent-${item.key}`];
          const rows: [string, string | undefined][] = [[m._purpose, item.purpose], [m._dataCategories, list(item.dataCategories)], [m._retention, item.retention], [m._refusal, item.refusalConsequence]];
          return html`<li part="consent-item" class=${error ? 'invalid' : ''}>
            <label><input type="checkbox" id=${id} .checked=${!!this._consents[item.key]} aria-invalid=${error ? 'true' : 'false'}
                aria-describedby="${id}-about${error ? ` ${id}-error` : ''}" @change=${(e: Event) => (this._consents = { ...this._consents, [item.key]: (e.target as HTMLInputElement).checked })} />
              <span><strong>${item.title}</strong> (${item.required ? m._required : m._optional})</span></label>
            <dl id="${id}-about">${rows.filter(([, value]) => value).map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
            ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
          </li>`;
        })}
      </ul>
    </fieldset>`;
  }

  private _renderSignUp() {
    const m = this._m;
    const errors = this._p._errors;
    return html`${this._p._heading(m._signupHeading)}
      <p>${m._signupIntro}</p>
      <form novalidate @submit=${this._signUp}>
        ${field(errors, 'email', m._email, { type: 'email', autocomplete: 'email', value: this._email })}
        ${field(errors, 'password', m._password, { type: 'password', autocomplete: 'new-password' })}
        ${field(errors, 'birthDate', m._birthDate, { type: 'date', autocomplete: 'bday', hint: m._birthHint })}
        ${field(errors, 'name', m._name, { required: false, autocomplete: 'name' })}
        ${field(errors, 'phone', m._phone, { type: 'tel', required: false, autocomplete: 'tel' })}
        ${this._renderItems()}
        <div class="row">${this._back()} <button type="submit" class="primary" part="primary-button">${m._create}</button></div>
      </form>`;
  }

  private _renderCheckMail() {
    const m = this._m;
    return html`${this._p._heading(m._checkHeading)}
      <p>${m._checkText(this._email)}</p>
      <div class="row">
        <button type="button" part="button" @click=${this._resend}>${m._sendAgain}</button>
        <button type="button" class="primary" part="primary-button" @click=${() => void this._p._go('login')}>${m._logIn}</button>
      </div>`;
  }

  private _renderLogIn() {
    const m = this._m;
    const errors = this._p._errors;
    return html`${this._p._heading(m._loginHeading)}
      ${this._confirm ? html`<p class="done">${m._confirmed}</p>` : nothing}
      <form novalidate @submit=${this._logIn}>
        ${field(errors, 'email', m._email, { type: 'email', autocomplete: 'email', value: this._email })}
        ${field(errors, 'password', m._password, { type: 'password', autocomplete: 'current-password' })}
        ${this._askConsents ? html`<p>${m._policyConsents}</p>${this._renderItems()}` : nothing}
        <div class="row">${this._back()} <button type="submit" class="primary" part="primary-button">${m._logIn}</button></div>
      </form>
      ${this._unverified ? html`<div class="row"><button type="button" part="button" @click=${this._resend}>${m._sendAgain}</button></div>` : nothing}
      <div class="row"><button type="button" part="button" @click=${() => void this._p._go('signup')}>${m._noAccount}</button></div>`;
  }
}
