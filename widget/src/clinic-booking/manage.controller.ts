import { html, nothing, type ReactiveController } from 'lit';
import { ApiError } from '../shared/api.controller.js';
import { emit } from '../shared/events.js';
import { formatInstant, longDate, patientTime, shortTime } from '../shared/time.js';
import type { ClinicBookingElement } from './clinic-booking.component.js';
import { renderSlotPicker } from './slot-picker.js';
import type { BookingCancelledDetail, Reservation } from './types.js';

type Panel = 'none' | 'cancel' | 'reschedule' | 'correct' | 'withdraw' | 'complain';

const nameOf = (value: Reservation['service']) => (value && typeof value === 'object' ? value.name : value);
const idOf = (value: Reservation['service']) => (value && typeof value === 'object' ? value.id : value);

/**
 * The manage-link view of `<clinic-booking>`: loaded only on pages that carry a manage token,
 * so the booking form does not pay for it.
 */
export class ManageController implements ReactiveController {
  private token = '';
  private reservation?: Reservation;
  private panel: Panel = 'none';
  private done = '';
  private busy = false;

  constructor(private readonly host: ClinicBookingElement) {
    host.addController(this);
  }

  private get t() {
    return this.host.l10n.t;
  }

  private get auth() {
    return { 'X-Manage-Token': this.token };
  }

  async load(token: string): Promise<void> {
    this.token = token;
    try {
      const [reservation, clinic] = await Promise.all([
        this.host.client.get<Reservation>(`/api/booking/manage/${encodeURIComponent(token)}`, { params: { locale: this.host.l10n.locale } }),
        this.host.client.get<{ timeZone?: string }>('/api/clinic').catch(() => ({ timeZone: undefined })),
      ]);
      this.reservation = reservation;
      this.host.slots.timeZone ??= clinic.timeZone;
    } catch (error) {
      this.host.fail(error, () => void this.load(token));
    }
    this.host.requestUpdate();
  }

  private open(panel: Panel): void {
    this.panel = panel;
    this.done = '';
    if (panel === 'reschedule') {
      const r = this.reservation!;
      void this.host.slots.load({ service: String(idOf(r.service)), practitioner: r.practitioner ? String(idOf(r.practitioner)) : undefined });
    }
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('.panel h3')?.focus());
  }

  /** Runs one request of the manage view, reporting success in words and failure through the host. */
  private async act(run: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      this.done = await run();
      this.panel = 'none';
      this.host.announce(this.done);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SLOT_UNAVAILABLE') {
        this.host.announce(this.t.slotTaken);
        this.done = this.t.slotTaken;
        void this.host.slots.load();
      } else this.host.fail(error, () => void this.act(run));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private post<T>(path: string, body?: unknown): Promise<T> {
    return this.host.client.post<T>(path, { body: body ?? {}, headers: this.auth });
  }

  private cancel = () =>
    this.act(async () => {
      this.reservation = await this.post<Reservation>(`/api/booking/manage/${encodeURIComponent(this.token)}/cancel`);
      emit<BookingCancelledDetail>(this.host, 'clinic-booking-cancelled', { reference: this.reservation.reference });
      return this.t.cancelled;
    });

  private reschedule = () =>
    this.act(async () => {
      this.reservation = await this.post<Reservation>(`/api/booking/manage/${encodeURIComponent(this.token)}/reschedule`, { start: this.host.slots.start });
      return this.t.rescheduled;
    });

  private exportData = () =>
    this.act(async () => {
      const data = await this.host.client.get<unknown>('/api/privacy/my-data', { headers: this.auth });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      link.download = `my-data-${this.reservation?.reference ?? 'clinic'}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
      return this.t.exported;
    });

  private submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const t = this.t;
    if (this.panel === 'correct') void this.act(async () => (await this.post('/api/privacy/corrections', values), t.corrected));
    if (this.panel === 'complain')
      void this.act(async () => t.complained((await this.post<{ reference: string }>('/api/privacy/complaints', values)).reference));
    if (this.panel === 'withdraw')
      void this.act(async () => {
        const receipt = await this.post<{ reference?: string; receipt?: { id?: string }; id?: string }>('/api/privacy/withdrawal');
        this.reservation = undefined;
        return t.withdrawn(String(receipt.reference ?? receipt.receipt?.id ?? receipt.id ?? ''));
      });
  };

  render() {
    const t = this.t;
    const r = this.reservation;
    const locale = this.host.l10n.locale;
    // The contract's default zone, for a server that does not say.
    const zone = this.host.slots.timeZone ?? 'Asia/Seoul';
    const when = (iso: string) => {
      const mine = patientTime(iso, locale, zone);
      return `${formatInstant(iso, locale, zone, { ...longDate, ...shortTime })}${mine ? ` (${t.yourTime(mine)})` : ''}`;
    };
    const button = (panel: Panel, label: string) =>
      html`<button type="button" part="button" aria-expanded=${this.panel === panel ? 'true' : 'false'} @click=${() => this.open(panel)}>${label}</button>`;
    return html`
      <h2 tabindex="-1" part="heading">${t.manageHeading}</h2>
      ${this.host.renderNotice()}
      ${this.done ? html`<p class="done" part="notice">${this.done}</p>` : nothing}
      ${r
        ? html`<dl class="summary">
              <dt>${t.reference}</dt><dd><strong class="reference">${r.reference}</strong></dd>
              <dt>${t.status}</dt><dd>${t.statuses[r.status] ?? r.status}</dd>
              <dt>${t.service}</dt><dd>${nameOf(r.service)}</dd>
              ${r.practitioner ? html`<dt>${t.practitioner}</dt><dd>${nameOf(r.practitioner)}</dd>` : nothing}
              <dt>${t.when}</dt><dd>${when(r.start)}</dd>
              ${r.patient ? html`<dt>${t.patient}</dt><dd>${[r.patient.name, r.patient.phone, r.patient.email].filter(Boolean).join(', ')}</dd>` : nothing}
            </dl>
            ${r.status === 'cancelled' ? nothing : html`<div class="row">${button('reschedule', t.reschedule)} ${button('cancel', t.cancel)}</div>`}`
        : nothing}
      ${this.renderPanel()}
      <h3>${t.rightsHeading}</h3>
      <div class="row">
        <button type="button" part="button" @click=${this.exportData}>${t.exportData}</button>
        ${button('correct', t.correct)} ${button('withdraw', t.withdraw)} ${button('complain', t.complain)}
      </div>
    `;
  }

  private renderPanel() {
    const t = this.t;
    const field = (name: string, label: string, type = 'text', required = true) =>
      html`<div class="field" part="field"><label for="m-${name}">${label}</label><input id="m-${name}" name=${name} type=${type} ?required=${required} /></div>`;
    const actions = (label: string, onConfirm?: () => void) => html`<div class="row actions">
      <button type="button" part="button" @click=${() => this.open('none')}>${t.keep}</button>
      <button type=${onConfirm ? 'button' : 'submit'} class="primary" part="primary-button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${onConfirm ?? nothing}>${label}</button>
    </div>`;
    const panels: Record<Panel, unknown> = {
      none: nothing,
      cancel: html`<h3 tabindex="-1">${t.cancel}</h3><p>${t.cancelConfirm}</p>${actions(t.cancelYes, this.cancel)}`,
      reschedule: html`<h3 tabindex="-1">${t.reschedule}</h3>${renderSlotPicker(this.host.slots, t, this.host.l10n.locale)}${actions(t.rescheduleSave, () => this.host.slots.start && void this.reschedule())}`,
      correct: html`<h3 tabindex="-1">${t.correct}</h3>
        <form @submit=${this.submit}>
          <div class="field" part="field"><label for="m-field">${t.field}</label>
            <select id="m-field" name="field">${(['name', 'birthDate', 'phone', 'email'] as const).map((key) => html`<option value=${key}>${t[key]}</option>`)}</select>
          </div>
          ${field('value', t.value)} ${field('reason', t.reason, 'text', false)} ${actions(t.send)}
        </form>`,
      withdraw: html`<h3 tabindex="-1">${t.withdraw}</h3><form @submit=${this.submit}><p>${t.withdrawConfirm}</p>${actions(t.withdrawYes)}</form>`,
      complain: html`<h3 tabindex="-1">${t.complain}</h3>
        <form @submit=${this.submit}>
          ${field('email', t.email, 'email')} ${field('name', t.name, 'text', false)}
          <div class="field" part="field"><label for="m-message">${t.message}</label><textarea id="m-message" name="message" rows="4" required></textarea></div>
          ${actions(t.send)}
        </form>`,
    };
    return this.panel === 'none' ? nothing : html`<section class="panel">${panels[this.panel]}</section>`;
  }
}
