import { html, LitElement, nothing } from 'lit';
import { ApiController, ApiError } from '../shared/api.controller.js';
import { baseStyles } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/locale.controller.js';
import type { privacyCenterRefusals } from '../i18n/en/privacy-center-refusals.js';
import type { CenterView } from './center-view.js';
import { styles } from './clinic-privacy-center.styles.js';
import { CredentialController, takeFragment, type Credential } from './credential.controller.js';
import { EMAIL, field, valuesOf, type Errors } from './fields.js';
import type { MemberView } from './member-view.js';
import type { SignedInDetail, SignedOutDetail } from './types.js';
import type { View, ViewProps } from './view-props.js';
const centerViews: View[] = ['center', 'withdraw', 'confirm', 'withdrawn'];
const memberViews: View[] = ['signup', 'signup-sent', 'login'];

/**
 * The privacy center: a person proves control of their e-mail address (a link or a code mailed to it), then sees
 * everything the clinic holds on it, changes each optional consent, asks for corrections, files complaints and
 * withdraws everything. Members sign up, confirm their address, log in, modify their information and leave here.
 * The first render holds only the first step; the later ones load when they are reached.
 *
 * Members whose names start with `_` are internal: the build shortens them and the manifest leaves them out. The
 * later steps are given what they show and the callbacks they act through (`ViewProps`); the fields stay private.
 *
 * @tagname clinic-privacy-center
 * @event clinic-privacy-signed-in - The address is proved (privacy session) or a member logged in; `detail` is `{ identifiedBy }`.
 * @event clinic-privacy-signed-out - The credential is gone; `detail` is `{ reason: 'signed-out' | 'expired' | 'withdrawn' }`.
 * @event clinic-privacy-withdrawn - Everything was erased; `detail` is `{ reference, destroyedAt }` of the destruction receipt.
 * @csspart base - The element's frame.
 * @csspart heading - Each step's heading.
 * @csspart field - A label with its input.
 * @csspart notice - A refusal or failure message.
 * @csspart section - One kind of data held (reservations, consents…).
 * @csspart consent-item - One consent with its control.
 * @csspart receipt - A consent receipt or the destruction receipt.
 * @csspart button - Secondary buttons.
 * @csspart primary-button - The button that moves forward.
 * @csspart danger-button - The button that erases.
 * @cssproperty --clinic-color-accent - Buttons, links and chosen options. Default `#0a58a8`.
 * @cssproperty --clinic-color-on-accent - Text on the accent colour. Default `#fff`.
 * @cssproperty --clinic-color-text - Body text. Default `#1b1f24`.
 * @cssproperty --clinic-color-muted - Hints and secondary text. Default `#4b5563`.
 * @cssproperty --clinic-color-surface - Background. Default `#fff`.
 * @cssproperty --clinic-color-border - Field and section borders. Default `#6b7280`.
 * @cssproperty --clinic-color-error - Error text, borders and the erase button. Default `#b42318`.
 * @cssproperty --clinic-color-focus - Focus outline. Default `#c25e00`.
 * @cssproperty --clinic-radius - Corner radius. Default `8px`.
 * @cssproperty --clinic-font-family - Font. Default the system UI font.
 * @cssproperty --clinic-font-size - Base font size. Default `1rem`.
 */
export class ClinicPrivacyCenterElement extends LitElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    api: {},
    locale: {},
    _view: { state: true },
    _email: { state: true },
    _errors: { state: true },
    _notice: { state: true },
    _busy: { state: true },
    _announcement: { state: true },
  };

  /** Base URL of the Clinic CMS server; defaults to the origin this script was loaded from. */
  api?: string;
  /** `ko` or `en`; defaults to the page's `<html lang>`, else English. */
  locale?: string;

  private readonly _client = new ApiController(this);
  private readonly _credential = new CredentialController(this, () => this._client.base);
  private readonly _l10n = new LocaleController(this, {
    en: () => import('../i18n/en/privacy-center.js').then((m) => m.privacyCenter),
    ko: () => import('../i18n/ko/privacy-center.js').then((m) => m.privacyCenter),
  });
  private _refusals?: LocaleController<typeof privacyCenterRefusals>;
  private _center?: CenterView;
  private _member?: MemberView;

  private _view: View = 'start';
  /** The token of the followed link, until the person opens it. */
  private _link = '';
  private _email = '';
  private _errors: Errors = {};
  /** A code of the refusals catalogue (`INVALID_CODE`…), shown in the alert region of the step. */
  private _notice = '';
  private _busy = false;
  private _announcement = '';
  private _shownView?: View;
  private _started = false;

  private get _t() {
    return this._l10n.t!;
  }

  /** What the later steps are given; built anew for each render and action, so it is always current. */
  private _props = (): ViewProps => ({
    _t: this._t,
    _locale: this._l10n.locale,
    _errors: this._errors,
    _busy: this._busy,
    _credential: this._credential.value,
    _headers: this._credential.headers,
    _client: this._client,
    _heading: (text) => this._heading(text),
    _go: (view, notice) => this._go(view, notice),
    _run: (work) => this._run(work),
    _fail: (error) => this._fail(error),
    _announce: (text) => this._announce(text),
    _invalid: (errors, said) => this._invalid(errors, said),
    _clearErrors: () => (this._errors = {}),
    _focus: (selector) => {
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
    },
    _signedIn: (credential) => this._signedIn(credential),
    _signOut: (reason) => this._signOut(reason),
    _setCredential: (credential) => this._credential.set(credential),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // A link followed while the page is open changes only the fragment: the page does not load again.
    addEventListener('hashchange', this._onHash);
    if (this._started) return;
    this._started = true;
    void this._start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this._onHash);
  }

  private _onHash = () => void this._start();

  /** The mailed link, the confirmation landing, a session kept from before this reload, or the first step. */
  private async _start(): Promise<void> {
    const { verify, confirm } = takeFragment();
    // The link is used up only when the person presses the button: a mail scanner that opens links (and runs their
    // scripts) would otherwise spend it, and its code with it, before the person ever saw the page.
    if (verify) return (this._link = verify), this._go('opening');
    if (confirm) return this._go('login', '', confirm);
    if (this._view !== 'start') return;
    const credential = this._credential.value;
    if (!credential) return;
    try {
      if (credential.kind === 'session') await this._client.get('/api/privacy/session', { headers: this._credential.headers });
      await this._go('center');
    } catch (error) {
      this._fail(error);
    }
  }

  /** Moves to a step, loading its module first when it is one of the later steps. */
  private async _go(view: View, notice = '', confirm = ''): Promise<void> {
    this._errors = {};
    this._notice = notice;
    if (notice) this._refuse();
    if (centerViews.includes(view)) this._center ??= new (await import('./center-view.js')).CenterView(this, this._props);
    if (memberViews.includes(view)) this._member ??= new (await import('./member-view.js')).MemberView(this, this._props);
    if (confirm) this._member!._confirm = confirm;
    if (view === 'signup') this._member!._loadItems();
    this._view = view;
    if (view === 'center') void this._center!._load();
  }

  /** Says something to screen readers through the polite live region. */
  private _announce(text: string): void {
    this._announcement = '';
    requestAnimationFrame(() => (this._announcement = text));
  }

  /** Loads the refusal strings, the first time one is needed. */
  private _refuse(): void {
    this._refusals ??= new LocaleController(this, {
      en: () => import('../i18n/en/privacy-center-refusals.js').then((m) => m.privacyCenterRefusals),
      ko: () => import('../i18n/ko/privacy-center-refusals.js').then((m) => m.privacyCenterRefusals),
    });
    this.requestUpdate();
  }

  /** Shows why a request failed; an ended session or log-in sends the person back to the first step, saying why. */
  private _fail(error: unknown, code?: string): void {
    if (!(error instanceof ApiError)) return;
    const signedIn = this._credential.value;
    if (signedIn && error.status === 401 && error.code !== 'EMAIL_UNVERIFIED') {
      this._signOut('expired');
      void this._go('start', signedIn.kind === 'session' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
      return;
    }
    this._notice = code ?? (error.status === 429 ? 'RATE_LIMITED' : error.code);
    this._refuse();
  }

  private _signedIn(credential: Credential): void {
    this._credential.set(credential);
    emit<SignedInDetail>(this, 'clinic-privacy-signed-in', { identifiedBy: credential.kind === 'session' ? 'privacy-session' : 'member' });
    void this._go('center');
  }

  /** Forgets the credential (the server revokes a session on `DELETE`; a member's JWT simply goes). */
  private _signOut(reason: SignedOutDetail['reason']): void {
    if (!this._credential.value) return;
    this._credential.set();
    this._center?._clear();
    emit<SignedOutDetail>(this, 'clinic-privacy-signed-out', { reason });
  }

  /** One request at a time from the buttons: a second press while one is under way does nothing. */
  private async _run(work: () => Promise<void>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._notice = '';
    try {
      await work();
    } catch (error) {
      this._fail(error);
    } finally {
      this._busy = false;
    }
  }

  /** Focus goes to the heading of each new step (not on the first render: the page keeps its focus). */
  protected override updated(): void {
    if (this._view === this._shownView) return;
    const heading = this.renderRoot.querySelector<HTMLElement>('h2');
    if (!heading) return;
    if (this._shownView) heading.focus();
    this._shownView = this._view;
  }

  /** Focus on the first field with an error, and how many there are, said. */
  private _invalid(errors: Errors, said: (n: number) => string): boolean {
    this._errors = errors;
    const keys = Object.keys(errors);
    if (!keys.length) return false;
    this._announce(said(keys.length));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#pc-${CSS.escape(keys[0])}`)?.focus());
    return true;
  }

  private _requestLink = (e?: Event) => {
    e?.preventDefault();
    const t = this._t;
    const email = e ? valuesOf(e.target as HTMLFormElement).email : this._email;
    if (this._invalid(EMAIL.test(email) ? {} : { email: t._badEmail }, () => t._badEmail)) return;
    this._email = email;
    void this._run(async () => {
      await this._client.post('/api/privacy/verify', { body: { email, locale: this._l10n.locale } });
      await this._go('sent');
      this._announce(t._sentText(email));
    });
  };

  private _openWithCode = (e: Event) => {
    e.preventDefault();
    const t = this._t;
    const { email, code } = valuesOf(e.target as HTMLFormElement);
    const typed = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
    const errors: Errors = {};
    if (!EMAIL.test(email)) errors.email = t._badEmail;
    if (typed.length !== 8) errors.code = t._badCode;
    this._email = email;
    if (!this._invalid(errors, () => errors.email ?? errors.code)) void this._openSession({ email, code: typed });
  };

  private async _openSession(body: { token: string } | { email: string; code: string }): Promise<void> {
    const from = this._view;
    this._link = '';
    if ('token' in body) this._view = 'opening';
    await this._run(async () => {
      try {
        const { session, expiresAt } = await this._client.post<{ session: string; expiresAt: string }>('/api/privacy/session', { body });
        this._signedIn({ kind: 'session', token: session, expiresAt });
      } catch (error) {
        // A link that no longer works leads back to the first step; a wrong code stays where it was typed.
        if ('token' in body) await this._go('start');
        else this._view = from;
        throw error;
      }
    });
  }

  override render() {
    if (!this._l10n.t) return nothing;
    const lazy = this._center && centerViews.includes(this._view) ? this._center : this._member && memberViews.includes(this._view) ? this._member : undefined;
    return html`<div class="root" part="base" lang=${this._l10n.locale}>
      ${lazy ? lazy._render(this._view) : this._renderStep()}
      <p class="sr-only" role="status">${this._announcement}</p>
    </div>`;
  }

  /** The step's refusal, in a live region so it is read out as it appears. */
  private _renderNotice() {
    const codes = this._refusals?.t?._codes;
    const text = this._notice === 'SIGNED_OUT' ? this._t._signedOut : this._notice && (codes?.[this._notice] ?? codes?.FAILED);
    return html`<div class="notice" part="notice" role="alert">${text ? html`<p>${text}</p>` : nothing}</div>`;
  }

  private _heading(text: string) {
    return html`<h2 tabindex="-1" part="heading">${text}</h2>${this._renderNotice()}`;
  }

  private _renderStep() {
    const t = this._t;
    const button = (label: string, onClick: () => void) => html`<button type="button" part="button" @click=${onClick}>${label}</button>`;
    const email = (autocomplete = 'email') => field(this._errors, 'email', t._email, { type: 'email', autocomplete, value: this._email });
    const codeForm = html`<form novalidate @submit=${this._openWithCode}>
      ${this._view === 'code' ? email() : html`<input type="hidden" name="email" .value=${this._email} />`}
      ${field(this._errors, 'code', t._code, { autocomplete: 'one-time-code', hint: t._codeHint })}
      <div class="row"><button type="submit" class="primary" part="primary-button">${t._open}</button></div>
    </form>`;
    if (this._view === 'opening')
      return this._link
        ? html`${this._heading(t._heading)}<div class="row"><button type="button" class="primary" part="primary-button" @click=${() => void this._openSession({ token: this._link })}>${t._open}</button></div>`
        : html`${this._heading(t._opening)}`;
    if (this._view === 'sent')
      return html`${this._heading(t._sentHeading)}
        <p>${t._sentText(this._email)}</p>
        ${codeForm}
        <p class="hint">${t._notArrived}</p>
        <div class="row">${button(t._sendAgain, () => this._requestLink())} ${button(t._back, () => void this._go('start'))}</div>`;
    if (this._view === 'code') return html`${this._heading(t._codeHeading)}${codeForm}<div class="row">${button(t._back, () => void this._go('start'))}</div>`;
    return html`${this._heading(t._heading)}
      <p>${t._intro}</p>
      <form novalidate @submit=${this._requestLink}>
        ${email()}
        <div class="row">
          <button type="submit" class="primary" part="primary-button" aria-disabled=${this._busy ? 'true' : 'false'}>${this._busy ? t._sending : t._send}</button>
          ${button(t._haveCode, () => void this._go('code'))}
        </div>
      </form>
      <h3>${t._members}</h3>
      <div class="row">${button(t._login, () => void this._go('login'))} ${button(t._signup, () => void this._go('signup'))}</div>`;
  }
}
