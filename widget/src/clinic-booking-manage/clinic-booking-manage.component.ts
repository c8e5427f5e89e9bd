import { html, LitElement, nothing } from 'lit';
import { renderNotice, failure, type Notice } from '../clinic-booking/notice.js';
import { renderSlotPicker } from '../clinic-booking/slot-picker.js';
import { SlotsController } from '../clinic-booking/slots.controller.js';
import { styles } from '../clinic-booking/clinic-booking.styles.js';
import type { BookingCancelledDetail, Reservation } from '../clinic-booking/types.js';
import { ApiController, ApiError } from '../shared/api.controller.js';
import { baseStyles } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/locale.controller.js';
import { formatInstant, longDate, patientTime, shortTime } from '../shared/time.js';

type Panel = 'none' | 'cancel' | 'reschedule' | 'complain';

const nameOf = (value: Reservation['service']) => (value && typeof value === 'object' ? value.name : value);
const idOf = (value: Reservation['service']) => (value && typeof value === 'object' ? value.id : value);

/**
 * The booking behind a manage link: what was booked and its status (the patient masked), with ways to cancel it,
 * move it to another free time and file a privacy complaint, and a link to the privacy center for the data rights.
 * `<clinic-booking>` shows it in place of the booking form when its page carries a manage token, loading it only
 * then; a page may also use it on its own.
 *
 * Members whose names start with `_` are internal: the build shortens them and the manifest leaves them out.
 *
 * @tagname clinic-booking-manage
 * @event clinic-booking-cancelled - The patient cancelled the booking; `detail` is `{ reference }`.
 * @csspart base - The element's frame.
 * @csspart heading - The heading.
 * @csspart option - A day or time to move the booking to.
 * @csspart field - A label with its input.
 * @csspart notice - A message about the last attempt (cancelled, moved, time taken, no connection…).
 * @csspart button - Secondary buttons.
 * @csspart primary-button - The button that confirms.
 * @cssproperty --clinic-color-accent - Buttons, links and chosen options. Default `#0a58a8`.
 * @cssproperty --clinic-color-on-accent - Text on the accent colour. Default `#fff`.
 * @cssproperty --clinic-color-text - Body text. Default `#1b1f24`.
 * @cssproperty --clinic-color-muted - Hints and secondary text. Default `#4b5563`.
 * @cssproperty --clinic-color-surface - Background. Default `#fff`.
 * @cssproperty --clinic-color-border - Field and option borders. Default `#6b7280`.
 * @cssproperty --clinic-color-error - Error text and borders. Default `#b42318`.
 * @cssproperty --clinic-color-focus - Focus outline. Default `#c25e00`.
 * @cssproperty --clinic-radius - Corner radius. Default `8px`.
 * @cssproperty --clinic-font-family - Font. Default the system UI font.
 * @cssproperty --clinic-font-size - Base font size. Default `1rem`.
 */
export class ClinicBookingManageElement extends LitElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    api: {},
    locale: {},
    manageToken: { attribute: 'manage-token' },
    privacyCenterUrl: { attribute: 'privacy-center-url' },
    _reservation: { state: true },
    _panel: { state: true },
    _done: { state: true },
    _busy: { state: true },
    _notice: { state: true },
    _announcement: { state: true },
  };

  /** Base URL of the Clinic CMS server; defaults to the origin this script was loaded from. */
  api?: string;
  /** `ko` or `en`; defaults to the page's `<html lang>`, else English. */
  locale?: string;
  /** The token of the manage link; without it, `?manage=` in the page URL. */
  manageToken?: string;
  /** Where to see, correct, download or erase one's data; default `/privacy/` on the server. */
  privacyCenterUrl?: string;

  readonly _client = new ApiController(this);
  // The booking form's strings (labels, times, failures) and the manage view's own, as one catalogue.
  readonly _l10n = new LocaleController(this, {
    en: () => Promise.all([import('../i18n/en/booking.js'), import('../i18n/en/manage.js')]).then(([b, m]) => ({ ...b.booking, ...m.manage })),
    ko: () => Promise.all([import('../i18n/ko/booking.js'), import('../i18n/ko/manage.js')]).then(([b, m]) => ({ ...b.booking, ...m.manage })),
  });
  readonly _slots = new SlotsController(this, this._client, (error, retry) => this._fail(error, retry));

  _reservation?: Reservation;
  _panel: Panel = 'none';
  _done = '';
  _busy = false;
  _notice?: Notice;
  _announcement = '';
  private _loadedFor = '';

  get _token(): string | undefined {
    return this.manageToken || new URLSearchParams(location.search).get('manage') || undefined;
  }

  get _t() {
    return this._l10n.t!;
  }

  private get _locale() {
    return { locale: this._l10n.locale };
  }

  private _path(action = ''): string {
    return `/api/booking/manage/${encodeURIComponent(this._token!)}${action}`;
  }

  /** Says something to screen readers through the polite live region. */
  private _announce(text: string): void {
    this._announcement = '';
    requestAnimationFrame(() => (this._announcement = text));
  }

  /** A failure that came before this element's strings did (a refused connection is that quick): shown once they arrive. */
  private _early?: [unknown, () => void];

  /** Failures that no field explains, shown above the booking and announced. */
  private _fail(error: unknown, retry: () => void): void {
    if (!this._l10n.t) return void (this._early = [error, retry]);
    const notice = failure(error, this._t, retry);
    if (!notice) return;
    this._notice = notice;
    this._announce(notice.text);
  }

  protected override willUpdate(): void {
    if (this._early && this._l10n.t) this._fail(...this._early), (this._early = undefined);
    const key = `${this._client.base}|${this._l10n.locale}|${this._token ?? ''}`;
    if (key === this._loadedFor) return;
    this._loadedFor = key;
    if (this._token) void this._load();
  }

  private async _load(): Promise<void> {
    try {
      this._reservation = await this._client.get<Reservation>(this._path(), { params: this._locale });
      this._slots.timeZone ??= this._reservation.timeZone;
    } catch (error) {
      this._fail(error, () => void this._load());
    }
  }

  /** Moves focus where the patient's attention now is, since the button just pressed may be gone. */
  private _focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private _open(panel: Panel): void {
    this._panel = panel;
    this._done = '';
    if (panel === 'reschedule') {
      const r = this._reservation!;
      void this._slots.load({ service: String(idOf(r.service)), practitioner: r.practitioner ? String(idOf(r.practitioner)) : undefined });
    }
    this._focus(panel === 'none' ? 'h2' : '.panel h3');
  }

  /** Runs one request of the manage view, reporting success in words and failure in the notice. */
  private async _act(run: () => Promise<string>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    try {
      this._done = await run();
      this._panel = 'none';
      this._announce(this._done);
      this._focus('.done');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SLOT_UNAVAILABLE') {
        this._announce(this._t._slotTaken);
        this._done = this._t._slotTaken;
        void this._slots.load();
      } else this._fail(error, () => void this._act(run));
    } finally {
      this._busy = false;
    }
  }

  private _post<T>(path: string, body?: unknown, params?: Record<string, string>): Promise<T> {
    return this._client.post<T>(path, { body: body ?? {}, headers: { 'X-Manage-Token': this._token! }, params });
  }

  private _cancel = () =>
    this._act(async () => {
      this._reservation = await this._post<Reservation>(this._path('/cancel'), {}, this._locale);
      emit<BookingCancelledDetail>(this, 'clinic-booking-cancelled', { reference: this._reservation.reference });
      return this._t._cancelled;
    });

  private _reschedule = () =>
    this._act(async () => {
      this._reservation = await this._post<Reservation>(this._path('/reschedule'), { start: this._slots.start }, this._locale);
      return this._t._rescheduled;
    });

  private _submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>;
    if (this._panel === 'complain')
      void this._act(async () => this._t._complained((await this._post<{ reference: string }>('/api/privacy/complaints', values)).reference));
  };

  override render() {
    const t = this._l10n.t;
    if (!t) return nothing;
    const r = this._reservation;
    const locale = this._l10n.locale;
    // The contract's default zone, for a server that does not say.
    const zone = this._slots.timeZone ?? 'Asia/Seoul';
    const when = (iso: string) => {
      const mine = patientTime(iso, locale, zone);
      return `${formatInstant(iso, locale, zone, { ...longDate, ...shortTime })}${mine ? ` (${t._yourTime(mine)})` : ''}`;
    };
    const button = (panel: Panel, label: string) =>
      html`<button type="button" part="button" aria-expanded=${this._panel === panel ? 'true' : 'false'} @click=${() => this._open(panel)}>${label}</button>`;
    // The privacy center, where export, correction and erasure need the address proved.
    const center = this.privacyCenterUrl || new URL('/privacy/', this._client.base).href;
    return html`<div class="root" part="base">
      <h2 tabindex="-1" part="heading">${t._manageHeading}</h2>
      ${renderNotice(this._notice ?? (this._token ? undefined : { text: t._notFound }), t)}
      ${this._done ? html`<p class="done" part="notice" tabindex="-1">${this._done}</p>` : nothing}
      ${r
        ? html`<dl class="summary">
              <dt>${t._reference}</dt><dd><strong class="reference">${r.reference}</strong></dd>
              <dt>${t._status}</dt><dd>${t._statuses[r.status] ?? r.status}</dd>
              <dt>${t._service}</dt><dd>${nameOf(r.service)}</dd>
              ${r.practitioner ? html`<dt>${t._practitioner}</dt><dd>${nameOf(r.practitioner)}</dd>` : nothing}
              <dt>${t._when}</dt><dd>${when(r.start)}</dd>
              ${r.patient ? html`<dt>${t._patient}</dt><dd>${[r.patient.name, r.patient.phone, r.patient.email].filter(Boolean).join(', ')}</dd>` : nothing}
            </dl>
            ${r.status === 'cancelled' ? nothing : html`<div class="row">${button('reschedule', t._reschedule)} ${button('cancel', t._cancel)}</div>`}`
        : nothing}
      ${this._renderPanel()}
      <h3>${t._rightsHeading}</h3>
      <p><a href=${center}>${t._privacyCenter}</a></p>
      <p class="hint">${t._privacyCenterWhy}</p>
      <div class="row">${button('complain', t._complain)}</div>
      <p class="sr-only" role="status">${this._announcement}</p>
    </div>`;
  }

  private _renderPanel() {
    const t = this._t;
    const field = (name: string, label: string, type = 'text', required = true) =>
      html`<div class="field" part="field"><label for="m-${name}">${label}</label><input id="m-${name}" name=${name} type=${type} ?required=${required} /></div>`;
    const actions = (label: string, onConfirm?: () => void) => html`<div class="row actions">
      <button type="button" part="button" @click=${() => this._open('none')}>${t._keep}</button>
      <button type=${onConfirm ? 'button' : 'submit'} class="primary" part="primary-button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${onConfirm ?? nothing}>${label}</button>
    </div>`;
    const panels: Record<Panel, unknown> = {
      none: nothing,
      cancel: html`<h3 tabindex="-1">${t._cancel}</h3><p>${t._cancelConfirm}</p>${actions(t._cancelYes, this._cancel)}`,
      reschedule: html`<h3 tabindex="-1">${t._reschedule}</h3>${renderSlotPicker(this._slots, t, this._l10n.locale)}${actions(t._rescheduleSave, () => this._slots.start && void this._reschedule())}`,
      complain: html`<h3 tabindex="-1">${t._complain}</h3>
        <form @submit=${this._submit}>
          ${field('email', t._email, 'email')} ${field('name', t._name, 'text', false)}
          <div class="field" part="field"><label for="m-message">${t._message}</label><textarea id="m-message" name="message" rows="4" required></textarea></div>
          ${actions(t._send)}
        </form>`,
    };
    return this._panel === 'none' ? nothing : html`<section class="panel">${panels[this._panel]}</section>`;
  }
}
