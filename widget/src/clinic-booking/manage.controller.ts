import { html, nothing } from 'lit';
import type { manage as en } from '../i18n/en/manage.js';
import { ApiError } from '../shared/api.controller.js';
import { LocaleController } from '../shared/locale.controller.js';
import { emit } from '../shared/events.js';
import { formatInstant, longDate, patientTime, shortTime } from '../shared/time.js';
import type { ClinicBookingElement } from './clinic-booking.component.js';
import { renderSlotPicker } from './slot-picker.js';
import type { BookingCancelledDetail, Reservation } from './types.js';

type Panel = 'none' | 'cancel' | 'reschedule' | 'complain';

const nameOf = (value: Reservation['service']) => (value && typeof value === 'object' ? value.name : value);
const idOf = (value: Reservation['service']) => (value && typeof value === 'object' ? value.id : value);

/**
 * The manage-link view of `<clinic-booking>`: loaded only on pages that carry a manage token,
 * so the booking form does not pay for it.
 */
export class ManageController {
  private _token = '';
  private _reservation?: Reservation;
  private _panel: Panel = 'none';
  private _done = '';
  private _busy = false;

  constructor(private readonly host: ClinicBookingElement) {
    this._l10n = new LocaleController(host, {
      en: () => import('../i18n/en/manage.js').then((m) => m.manage),
      ko: () => import('../i18n/ko/manage.js').then((m) => m.manage),
    });
  }

  private readonly _l10n: LocaleController<typeof en>;

  private get _t() {
    return this.host._l10n.t!;
  }

  private get _m() {
    return this._l10n.t!;
  }

  private get _auth() {
    return { 'X-Manage-Token': this._token };
  }

  async load(token: string): Promise<void> {
    this._token = token;
    try {
      this._reservation = await this.host._client.get<Reservation>(this._path(), { params: this._locale });
      this.host._slots.timeZone ??= this._reservation.timeZone;
    } catch (error) {
      this.host._fail(error, () => void this.load(token));
    }
    this.host.requestUpdate();
  }

  private get _locale() {
    return { locale: this.host._l10n.locale };
  }

  private _path(action = ''): string {
    return `/api/booking/manage/${encodeURIComponent(this._token)}${action}`;
  }

  /** Moves focus where the patient's attention now is, since the button just pressed may be gone. */
  private _focus(selector: string): void {
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private _open(panel: Panel): void {
    this._panel = panel;
    this._done = '';
    if (panel === 'reschedule') {
      const r = this._reservation!;
      void this.host._slots.load({ service: String(idOf(r.service)), practitioner: r.practitioner ? String(idOf(r.practitioner)) : undefined });
    }
    this._focus(panel === 'none' ? 'h2' : '.panel h3');
  }

  /** Runs one request of the manage view, reporting success in words and failure through the host. */
  private async _act(run: () => Promise<string>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    try {
      this._done = await run();
      this._panel = 'none';
      this.host._announce(this._done);
      this._focus('.done');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SLOT_UNAVAILABLE') {
        this.host._announce(this._m._slotTaken);
        this._done = this._m._slotTaken;
        void this.host._slots.load();
      } else this.host._fail(error, () => void this._act(run));
    } finally {
      this._busy = false;
      this.host.requestUpdate();
    }
  }

  private _post<T>(path: string, body?: unknown, params?: Record<string, string>): Promise<T> {
    return this.host._client.post<T>(path, { body: body ?? {}, headers: this._auth, params });
  }

  private _cancel = () =>
    this._act(async () => {
      this._reservation = await this._post<Reservation>(this._path('/cancel'), {}, this._locale);
      emit<BookingCancelledDetail>(this.host, 'clinic-booking-cancelled', { reference: this._reservation.reference });
      return this._m._cancelled;
    });

  private _reschedule = () =>
    this._act(async () => {
      this._reservation = await this._post<Reservation>(this._path('/reschedule'), { start: this.host._slots.start }, this._locale);
      return this._m._rescheduled;
    });

  private _submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const m = this._m;
    if (this._panel === 'complain')
      void this._act(async () => m._complained((await this._post<{ reference: string }>('/api/privacy/complaints', values)).reference));
  };

  /** The privacy center, where export, correction and erasure need the address proved: the element's attribute, else `/privacy/` on its server. */
  private get _centerUrl(): string {
    return this.host.privacyCenterUrl || new URL('/privacy/', this.host._client.base).href;
  }

  render() {
    if (!this._l10n.t) return nothing;
    const t = this._t;
    const m = this._m;
    const r = this._reservation;
    const locale = this.host._l10n.locale;
    // The contract's default zone, for a server that does not say.
    const zone = this.host._slots.timeZone ?? 'Asia/Seoul';
    const when = (iso: string) => {
      const mine = patientTime(iso, locale, zone);
      return `${formatInstant(iso, locale, zone, { ...longDate, ...shortTime })}${mine ? ` (${t._yourTime(mine)})` : ''}`;
    };
    const button = (panel: Panel, label: string) =>
      html`<button type="button" part="button" aria-expanded=${this._panel === panel ? 'true' : 'false'} @click=${() => this._open(panel)}>${label}</button>`;
    return html`
      <h2 tabindex="-1" part="heading">${m._manageHeading}</h2>
      ${this.host._renderNotice()}
      ${this._done ? html`<p class="done" part="notice" tabindex="-1">${this._done}</p>` : nothing}
      ${r
        ? html`<dl class="summary">
              <dt>${t._reference}</dt><dd><strong class="reference">${r.reference}</strong></dd>
              <dt>${m._status}</dt><dd>${m._statuses[r.status] ?? r.status}</dd>
              <dt>${t._service}</dt><dd>${nameOf(r.service)}</dd>
              ${r.practitioner ? html`<dt>${t._practitioner}</dt><dd>${nameOf(r.practitioner)}</dd>` : nothing}
              <dt>${t._when}</dt><dd>${when(r.start)}</dd>
              ${r.patient ? html`<dt>${m._patient}</dt><dd>${[r.patient.name, r.patient.phone, r.patient.email].filter(Boolean).join(', ')}</dd>` : nothing}
            </dl>
            ${r.status === 'cancelled' ? nothing : html`<div class="row">${button('reschedule', m._reschedule)} ${button('cancel', m._cancel)}</div>`}`
        : nothing}
      ${this._renderPanel()}
      <h3>${m._rightsHeading}</h3>
      <p><a href=${this._centerUrl}>${m._privacyCenter}</a></p>
      <p class="hint">${m._privacyCenterWhy}</p>
      <div class="row">${button('complain', m._complain)}</div>
    `;
  }

  private _renderPanel() {
    const t = this._t;
    const m = this._m;
    const field = (name: string, label: string, type = 'text', required = true) =>
      html`<div class="field" part="field"><label for="m-${name}">${label}</label><input id="m-${name}" name=${name} type=${type} ?required=${required} /></div>`;
    const actions = (label: string, onConfirm?: () => void) => html`<div class="row actions">
      <button type="button" part="button" @click=${() => this._open('none')}>${m._keep}</button>
      <button type=${onConfirm ? 'button' : 'submit'} class="primary" part="primary-button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${onConfirm ?? nothing}>${label}</button>
    </div>`;
    const panels: Record<Panel, unknown> = {
      none: nothing,
      cancel: html`<h3 tabindex="-1">${m._cancel}</h3><p>${m._cancelConfirm}</p>${actions(m._cancelYes, this._cancel)}`,
      reschedule: html`<h3 tabindex="-1">${m._reschedule}</h3>${renderSlotPicker(this.host._slots, t, this.host._l10n.locale)}${actions(m._rescheduleSave, () => this.host._slots.start && void this._reschedule())}`,
      complain: html`<h3 tabindex="-1">${m._complain}</h3>
        <form @submit=${this._submit}>
          ${field('email', t._email, 'email')} ${field('name', t._name, 'text', false)}
          <div class="field" part="field"><label for="m-message">${m._message}</label><textarea id="m-message" name="message" rows="4" required></textarea></div>
          ${actions(m._send)}
        </form>`,
    };
    return this._panel === 'none' ? nothing : html`<section class="panel">${panels[this._panel]}</section>`;
  }
}
