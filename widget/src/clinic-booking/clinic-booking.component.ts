import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { booking as en } from '../i18n/en.js';
import { booking as ko } from '../i18n/ko.js';
import { ApiController, ApiError } from '../shared/api.controller.js';
import { baseStyles } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/locale.controller.js';
import { dateKey, formatDay, formatInstant, longDate, patientTime, patientZone, shortTime } from '../shared/time.js';
import { uuid } from '../shared/uuid.js';
import { guardianFields, isMinor, serverFieldErrors, stepOfField, steps, validateDetails, type Errors, type Form, type Step } from './booking-form.js';
import { styles } from './clinic-booking.styles.js';
import { renderConsentList } from './consent-list.js';
import type { ManageController } from './manage.controller.js';
import { renderSlotPicker } from './slot-picker.js';
import { SlotsController } from './slots.controller.js';
import type { BookingCreatedDetail, ConsentItems, Reservation, Service } from './types.js';

/**
 * Books a treatment in five steps (treatment, time, details, consent, review), or, given a manage token,
 * shows that booking with ways to cancel, reschedule and exercise data rights.
 *
 * @tagname clinic-booking
 * @event clinic-booking-created - A booking was made; `detail` is `{ reference, start, end, service }`.
 * @event clinic-booking-cancelled - The patient cancelled through the manage view; `detail` is `{ reference }`.
 * @csspart base - The element's frame.
 * @csspart progress - "Step n of 5".
 * @csspart heading - Each step's heading.
 * @csspart option - A treatment, day, time or consent choice.
 * @csspart field - A label with its input.
 * @csspart consent-item - One consent item with its explanation.
 * @csspart notice - A message about the last attempt (slot taken, no connection…).
 * @csspart button - Secondary buttons.
 * @csspart primary-button - The button that moves forward.
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
export class ClinicBookingElement extends LitElement {
  static override styles = [baseStyles, styles];

  /** Base URL of the Clinic CMS server; defaults to the origin this script was loaded from. */
  @property() api?: string;
  /** `ko` or `en`; defaults to the page's `<html lang>`, else English. */
  @property() locale?: string;
  /** Shows the booking behind a manage link instead of the booking form; `?manage=` in the page URL does the same. */
  @property({ attribute: 'manage-token' }) manageToken?: string;
  /** Where the privacy policy is published; without it the policy opens inside the form. */
  @property({ attribute: 'policy-url' }) policyUrl?: string;

  readonly client = new ApiController(this);
  readonly l10n = new LocaleController(this, { en, ko });
  readonly slots = new SlotsController(this, this.client);

  @state() private step: Step = 'service';
  @state() private services?: Service[];
  @state() private serviceId?: string;
  @state() private practitioner = '';
  @state() private form: Form = {};
  @state() private consentItems?: ConsentItems;
  @state() private consents: Record<string, boolean> = {};
  @state() private errors: Errors = {};
  @state() private notice?: { text: string; retry?: () => void };
  @state() private busy = false;
  @state() private result?: Reservation;
  @state() private manage?: ManageController;
  @state() announcement = '';
  private loadedFor = '';
  private idempotencyKey?: string;

  get token(): string | undefined {
    return this.manageToken || new URLSearchParams(location.search).get('manage') || undefined;
  }

  /** Says something to screen readers through the polite live region. */
  announce(text: string): void {
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  protected override willUpdate(): void {
    const key = `${this.client.base}|${this.l10n.locale}|${this.token ?? ''}`;
    if (key === this.loadedFor) return;
    this.loadedFor = key;
    if (this.token) void this.openManage(this.token);
    else void this.loadChoices();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('step' as keyof ClinicBookingElement) && changed.get('step' as keyof ClinicBookingElement) !== undefined) {
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    }
  }

  private async openManage(token: string): Promise<void> {
    const { ManageController } = await import('./manage.controller.js');
    this.manage ??= new ManageController(this);
    await this.manage.load(token);
  }

  private async loadChoices(): Promise<void> {
    const locale = this.l10n.locale;
    this.notice = undefined;
    try {
      [this.services, this.consentItems] = await Promise.all([
        this.client.get<Service[]>('/api/booking/services', { params: { locale } }),
        this.client.get<ConsentItems>('/api/consent-items', { params: { channel: 'reservation', locale } }),
      ]);
    } catch (error) {
      this.fail(error, () => void this.loadChoices());
    }
  }

  private get t() {
    return this.l10n.t;
  }

  private get today(): string {
    return dateKey(new Date(), this.slots.timeZone ?? patientZone());
  }

  private get service(): Service | undefined {
    return this.services?.find((service) => String(service.id) === this.serviceId);
  }

  private goTo(step: Step): void {
    if (steps.indexOf(step) < steps.indexOf(this.step)) this.idempotencyKey = undefined;
    this.step = step;
    if (step !== 'done') this.announce(`${this.t.stepOf(steps.indexOf(step) + 1, steps.length)}`);
  }

  private invalid(errors: Errors): boolean {
    this.errors = errors;
    const keys = Object.keys(errors);
    if (!keys.length) return false;
    this.announce(this.t.fixErrors(keys.length));
    void this.updateComplete.then(() => {
      const first = keys[0].startsWith('consent:') ? `consent-${keys[0].slice(8)}` : `f-${keys[0]}`;
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(first)}`)?.focus();
    });
    return true;
  }

  private next(e: Event): void {
    e.preventDefault();
    const t = this.t;
    this.notice = undefined;
    if (this.step === 'service') {
      if (this.invalid(this.serviceId ? {} : { service: t.chooseService })) return;
      void this.slots.load({ service: this.serviceId, practitioner: this.practitioner || undefined });
      this.goTo('time');
    } else if (this.step === 'time') {
      if (!this.invalid(this.slots.start ? {} : { start: t.chooseTime })) this.goTo('details');
    } else if (this.step === 'details') {
      if (!this.invalid(validateDetails(this.form, t, this.today))) this.goTo('consents');
    } else if (this.step === 'consents') {
      const missing = (this.consentItems?.items ?? []).filter((item) => item.required && !this.consents[item.key]);
      if (!this.invalid(Object.fromEntries(missing.map((item) => [`consent:${item.key}`, t.consentMissing])))) this.goTo('review');
    } else if (this.step === 'review') {
      void this.book();
    }
  }

  private body() {
    const f = this.form;
    const minor = isMinor(f, this.today);
    return {
      service: this.service!.id,
      ...(this.practitioner ? { practitioner: this.practitioner } : {}),
      start: this.slots.start!,
      patient: { name: f.name.trim(), birthDate: f.birthDate, phone: f.phone.trim(), email: f.email.trim() },
      consents: Object.fromEntries((this.consentItems?.items ?? []).map((item) => [item.key, !!this.consents[item.key]])),
      ...(minor
        ? { guardian: { name: f.guardianName.trim(), phone: f.guardianPhone.trim(), email: f.guardianEmail.trim(), relationship: f.guardianRelationship.trim() } }
        : {}),
      locale: this.l10n.locale,
      ...(f.note?.trim() ? { note: f.note.trim() } : {}),
    };
  }

  private async book(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice = undefined;
    this.announce(this.t.booking);
    // One key per attempt: a retry after a lost answer must not book twice.
    this.idempotencyKey ??= uuid();
    try {
      const result = await this.client.post<Reservation>('/api/booking/reservations', {
        body: this.body(),
        headers: { 'Idempotency-Key': this.idempotencyKey },
      });
      this.result = result;
      this.idempotencyKey = undefined;
      this.goTo('done');
      emit<BookingCreatedDetail>(this, 'clinic-booking-created', { reference: result.reference, start: result.start, end: result.end, service: result.service });
    } catch (error) {
      this.refused(error);
    } finally {
      this.busy = false;
    }
  }

  private refused(error: unknown): void {
    if (!(error instanceof ApiError)) return;
    const t = this.t;
    const keys = Array.isArray(error.details.keys) ? (error.details.keys as string[]) : [];
    if (error.code === 'SLOT_UNAVAILABLE') {
      this.show('time', t.slotTaken);
      void this.slots.load();
    } else if (error.code === 'CONSENT_REQUIRED' || error.code === 'POLICY_OUTDATED') {
      if (error.code === 'POLICY_OUTDATED') void this.loadChoices();
      this.errors = Object.fromEntries(keys.map((key) => [`consent:${key}`, t.consentMissing]));
      this.show('consents', error.code === 'POLICY_OUTDATED' ? t.policyOutdated : t.consentRequired);
    } else if (error.code === 'GUARDIAN_REQUIRED') {
      this.errors = Object.fromEntries(guardianFields.filter((key) => !this.form[key]?.trim()).map((key) => [key, t.missing]));
      this.show('details', t.guardianRequired);
    } else if (error.code === 'VALIDATION' && Object.keys(serverFieldErrors(error.details, t.missing)).length) {
      this.errors = serverFieldErrors(error.details, t.missing);
      const step = steps.find((s) => Object.keys(this.errors).some((key) => stepOfField(key) === s))!;
      this.show(step, t.fixErrors(Object.keys(this.errors).length));
    } else {
      this.fail(error, () => void this.book());
    }
  }

  private show(step: Step, text: string): void {
    this.notice = { text };
    this.goTo(step);
    this.announce(text);
  }

  /** Failures that no field explains: the connection, the rate limit, the server. */
  fail(error: unknown, retry: () => void): void {
    if (!(error instanceof ApiError)) return;
    const t = this.t;
    const text = error.code === 'NETWORK' ? t.network : error.code === 'RATE_LIMITED' ? t.rateLimited : error.status === 404 ? t.notFound : t.failed;
    this.notice = { text, retry: error.status === 404 ? undefined : retry };
    this.announce(text);
  }

  private onInput(e: Event): void {
    const { name, value } = e.target as HTMLInputElement;
    this.form = { ...this.form, [name]: value };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
  }

  override render() {
    return html`<div class="root" part="base">
      ${this.token ? (this.manage?.render() ?? html`<p>${this.t.loading}</p>`) : this.renderStep()}
      <p class="sr-only" role="status">${this.announcement}</p>
    </div>`;
  }

  renderNotice() {
    const notice = this.notice;
    return notice
      ? html`<div class="notice" part="notice">
          <p>${notice.text}</p>
          ${notice.retry ? html`<button type="button" part="button" @click=${notice.retry}>${this.t.retry}</button>` : nothing}
        </div>`
      : nothing;
  }

  private renderStep() {
    const t = this.t;
    const index = steps.indexOf(this.step);
    const titles: Record<Step, string> = {
      service: t.serviceHeading,
      time: t.timeHeading,
      details: t.detailsHeading,
      consents: t.consentHeading,
      review: t.reviewHeading,
      done: this.result?.status === 'pending_guardian' ? t.pendingHeading : t.doneHeading,
    };
    return html`
      ${index >= 0 ? html`<p class="progress" part="progress">${t.stepOf(index + 1, steps.length)}</p>` : nothing}
      <h2 tabindex="-1" part="heading">${titles[this.step]}</h2>
      ${this.renderNotice()}
      ${this.step === 'done'
        ? this.renderDone()
        : html`<form novalidate @submit=${this.next} @input=${this.onInput}>
            ${this.renderFields()}
            <div class="row actions">
              ${index > 0 ? html`<button type="button" part="button" @click=${() => this.goTo(steps[index - 1])}>${t.back}</button>` : nothing}
              <button type="submit" class="primary" part="primary-button" aria-disabled=${this.busy ? 'true' : 'false'}>
                ${this.step === 'review' ? (this.busy ? t.booking : t.book) : t.next}
              </button>
            </div>
          </form>`}
    `;
  }

  private renderFields() {
    switch (this.step) {
      case 'service':
        return this.renderServices();
      case 'time':
        return this.renderTime();
      case 'details':
        return this.renderDetails();
      case 'consents':
        return this.renderConsents();
      default:
        return this.renderReview();
    }
  }

  private error(key: string) {
    return this.errors[key] ? html`<p class="error" id="f-${key}-error">${this.errors[key]}</p>` : nothing;
  }

  private renderServices() {
    const t = this.t;
    if (!this.services) return html`<p>${this.notice ? nothing : t.loading}</p>`;
    const chosen = this.service;
    return html`
      <fieldset class="choices services" id="f-service" tabindex="-1" aria-invalid=${this.errors.service ? 'true' : 'false'} aria-describedby=${ifDefined(this.errors.service ? 'f-service-error' : undefined)}>
        <legend>${t.service}</legend>
        ${this.services.map(
          (service) => html`<label part="option" class="card">
            <input type="radio" name="service-choice" .value=${String(service.id)} .checked=${String(service.id) === this.serviceId}
              @change=${() => ((this.serviceId = String(service.id)), (this.practitioner = ''), (this.errors = {}))} />
            <span><strong>${service.name}</strong>${service.durationMinutes ? html` · ${t.minutes(service.durationMinutes)}` : nothing}
              ${service.description ? html`<br /><small>${service.description}</small>` : nothing}</span>
          </label>`,
        )}
      </fieldset>
      ${this.error('service')}
      ${chosen?.practitioners?.length
        ? html`<div class="field" part="field">
            <label for="f-practitioner">${t.practitioner}</label>
            <select id="f-practitioner" @change=${(e: Event) => (this.practitioner = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.practitioner}>${t.anyPractitioner}</option>
              ${chosen.practitioners.map((p) => html`<option value=${String(p.id)} ?selected=${String(p.id) === this.practitioner}>${p.name}</option>`)}
            </select>
          </div>`
        : nothing}
    `;
  }

  private renderTime() {
    return html`<div id="f-start" tabindex="-1">${renderSlotPicker(this.slots, this.t, this.l10n.locale)}</div>${this.error('start')}`;
  }

  private input(name: string, label: string, type = 'text', autocomplete = 'off', required = true) {
    const error = this.errors[name];
    return html`<div class="field" part="field">
      <label for="f-${name}">${label}${required ? nothing : html` <small>(${this.t.optional})</small>`}</label>
      <input id="f-${name}" name=${name} type=${type} autocomplete=${autocomplete} .value=${this.form[name] ?? ''} ?required=${required}
        max=${ifDefined(type === 'date' ? this.today : undefined)}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ifDefined(error ? `f-${name}-error` : undefined)} />
      ${this.error(name)}
    </div>`;
  }

  private renderDetails() {
    const t = this.t;
    return html`
      ${this.input('name', t.name, 'text', 'name')}
      ${this.input('birthDate', t.birthDate, 'date', 'bday')}
      ${this.input('phone', t.phone, 'tel', 'tel')}
      ${this.input('email', t.email, 'email', 'email')}
      ${isMinor(this.form, this.today)
        ? html`<fieldset class="guardian" aria-describedby="guardian-why">
            <legend>${t.guardian}</legend>
            <p id="guardian-why" class="hint">${t.guardianWhy}</p>
            ${this.input('guardianName', t.guardianName)} ${this.input('guardianPhone', t.guardianPhone, 'tel')}
            ${this.input('guardianEmail', t.guardianEmail, 'email')} ${this.input('guardianRelationship', t.relationship)}
          </fieldset>`
        : nothing}
      <div class="field" part="field">
        <label for="f-note">${t.note} <small>(${t.optional})</small></label>
        <textarea id="f-note" name="note" rows="3" .value=${this.form.note ?? ''}></textarea>
      </div>
    `;
  }

  private renderConsents() {
    const t = this.t;
    const items = this.consentItems?.items ?? [];
    const setAll = (granted: boolean) => (this.consents = Object.fromEntries(items.map((item) => [item.key, granted])));
    return html`
      <p>${t.consentIntro}</p>
      <p>${this.policyUrl
          ? html`<a href=${this.policyUrl} target="_blank" rel="noopener">${t.policyLink}</a>`
          : html`<details @toggle=${() => import('../clinic-privacy-policy/clinic-privacy-policy.js')}>
              <summary>${t.policyLink}</summary>
              <clinic-privacy-policy api=${ifDefined(this.api)} locale=${this.l10n.locale}></clinic-privacy-policy>
            </details>`}</p>
      ${renderConsentList({ items, consents: this.consents, errors: this.errors, t, onAll: setAll,
        onToggle: (key, granted) => ((this.consents = { ...this.consents, [key]: granted }), (this.errors = { ...this.errors, [`consent:${key}`]: '' })) })}
    `;
  }

  private renderReview() {
    const t = this.t;
    const f = this.form;
    const slot = this.slots.chosen;
    const zone = this.slots.timeZone;
    const practitioner = this.service?.practitioners?.find((p) => String(p.id) === this.practitioner);
    const rows: [string, unknown][] = [
      [t.service, this.service?.name],
      [t.practitioner, practitioner?.name ?? t.anyPractitioner],
      [t.when, slot && `${formatInstant(slot.start, this.l10n.locale, zone, { ...longDate, ...shortTime })}${patientTime(slot.start, this.l10n.locale, zone!) ? ` (${t.yourTime(patientTime(slot.start, this.l10n.locale, zone!)!)})` : ''}`],
      [t.name, f.name],
      [t.birthDate, f.birthDate && formatDay(f.birthDate, this.l10n.locale, { dateStyle: 'long' })],
      [t.phone, f.phone],
      [t.email, f.email],
      ...(isMinor(f, this.today) ? [[t.guardian, `${f.guardianName} (${f.guardianRelationship}), ${f.guardianPhone}, ${f.guardianEmail}`] as [string, unknown]] : []),
      ...(this.consentItems?.items ?? []).map((item) => [item.title, this.consents[item.key] ? t.agreed : t.refused] as [string, unknown]),
    ];
    return html`<dl class="summary">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
  }

  private renderDone() {
    const t = this.t;
    const result = this.result!;
    const link = new URL(location.href);
    link.searchParams.set('manage', result.manageToken ?? '');
    link.hash = '';
    return html`
      ${result.status === 'pending_guardian' ? html`<p>${t.pendingText}</p>` : nothing}
      <dl class="summary">
        <dt>${t.reference}</dt><dd><strong class="reference">${result.reference}</strong></dd>
        <dt>${t.when}</dt><dd>${formatInstant(result.start, this.l10n.locale, this.slots.timeZone, { ...longDate, ...shortTime })}</dd>
      </dl>
      ${result.manageToken ? html`<p><a href=${link.href}>${t.manageLink}</a></p><p class="hint">${t.manageKeep}</p>` : nothing}
    `;
  }
}
