import { html, LitElement, nothing } from 'lit';
import { ApiController, ApiError } from '../shared/api.controller.js';
import { baseStyles } from '../shared/base.styles.js';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/locale.controller.js';
import { uuid } from '../shared/uuid.js';
import { reservationBody, steps, validateDetails, type Errors, type Form, type Step } from './booking-form.js';
import { stepHeading, stepRenderers, type Choices, type StepProps } from './booking-steps.js';
import { styles } from './clinic-booking.styles.js';
import { failure, renderNotice, type Notice } from './notice.js';
import { SlotsController } from './slots.controller.js';
import type { BookingCreatedDetail, ConsentItems, Reservation, Service } from './types.js';

const state = { state: true };
/** The manage view's parts, exported so that a page's `clinic-booking::part(…)` rules reach it as before. */
const manageParts = 'base,heading,option,field,notice,button,primary-button';

/**
 * Books a treatment in five steps (treatment, time, details, consent, review), or, given a manage token,
 * shows that booking in `<clinic-booking-manage>` (loaded only then), with ways to cancel and reschedule it,
 * and a link to the privacy center for the data rights.
 *
 * Members whose names start with `_` are internal: the build shortens them and the manifest leaves them out.
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
  static override properties = {
    api: {},
    locale: {},
    manageToken: { attribute: 'manage-token' },
    policyUrl: { attribute: 'policy-url' },
    privacyCenterUrl: { attribute: 'privacy-center-url' },
    _step: state,
    _services: state,
    _serviceId: state,
    _practitioner: state,
    _form: state,
    _consentItems: state,
    _consents: state,
    _errors: state,
    _notice: state,
    _busy: state,
    _result: state,
    _announcement: state,
  };

  /** Base URL of the Clinic CMS server; defaults to the origin this script was loaded from. */
  api?: string;
  /** `ko` or `en`; defaults to the page's `<html lang>`, else English. */
  locale?: string;
  /** Shows the booking behind a manage link instead of the booking form; `?manage=` in the page URL does the same. */
  manageToken?: string;
  /** Where the privacy policy is published; without it the policy opens inside the form. */
  policyUrl?: string;
  /** Where the manage view sends people to see, correct, download or erase their data; default `/privacy/` on the server. */
  privacyCenterUrl?: string;

  private readonly _client = new ApiController(this);
  private readonly _l10n = new LocaleController(this, {
    en: () => import('../i18n/en/booking.js').then((m) => m.booking),
    ko: () => import('../i18n/ko/booking.js').then((m) => m.booking),
  });
  private readonly _slots = new SlotsController(this, this._client, (error, retry) => this._fail(error, retry));

  _step: Step = 'service';
  _services?: Service[];
  _serviceId?: string;
  _practitioner = '';
  _form: Form = {};
  _consentItems?: ConsentItems;
  _consents: Record<string, boolean> = {};
  _errors: Errors = {};
  _notice?: Notice;
  _busy = false;
  _result?: Reservation;
  _announcement = '';
  private _loadedFor = '';
  private _shownStep?: Step;
  /** The last booking attempt whose answer never came: retrying the same data reuses its key. */
  private _attempt?: { body: string; key: string };

  get _token(): string | undefined {
    return this.manageToken || new URLSearchParams(location.search).get('manage') || undefined;
  }

  private get _t() {
    return this._l10n.t!;
  }


  private get _service(): Service | undefined {
    return this._services?.find((service) => String(service.id) === this._serviceId);
  }

  /** Says something to screen readers through the polite live region. */
  private _announce(text: string): void {
    this._announcement = '';
    requestAnimationFrame(() => (this._announcement = text));
  }

  protected override willUpdate(): void {
    // A manage link shows the manage view instead, a separate element that only such pages download.
    if (this._token) return void import('../clinic-booking-manage/clinic-booking-manage.js');
    const key = `${this._client.base}|${this._l10n.locale}`;
    if (key === this._loadedFor) return;
    this._loadedFor = key;
    void this._loadChoices();
  }

  protected override updated(): void {
    if (this._step === this._shownStep) return;
    if (this._shownStep) this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    this._shownStep = this._step;
  }

  private async _loadChoices(): Promise<void> {
    const params = { locale: this._l10n.locale };
    this._notice = undefined;
    try {
      [this._services, this._consentItems] = await Promise.all([
        this._client.get<Service[]>('/api/booking/services', { params }),
        this._client.get<ConsentItems>('/api/consent-items', { params: { ...params, channel: 'reservation' } }),
      ]);
    } catch (error) {
      this._fail(error, () => void this._loadChoices());
    }
  }

  private _goTo(step: Step): void {
    this._step = step;
    if (step !== 'done') this._announce(this._t._stepOf(steps.indexOf(step) + 1, steps.length));
  }

  /** Shows the errors, announces how many, and moves focus to the first field that has one. */
  private _invalid(errors: Errors): boolean {
    this._errors = errors;
    const keys = Object.keys(errors);
    if (!keys.length) return false;
    this._announce(this._t._fixErrors(keys.length));
    void this.updateComplete.then(() => {
      const first = keys[0].startsWith('consent:') ? `consent-${keys[0].slice(8)}` : `f-${keys[0]}`;
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(first)}`)?.focus();
    });
    return true;
  }

  private _next(e: Event): void {
    e.preventDefault();
    const t = this._t;
    const step = this._step;
    this._notice = undefined;
    if (step === 'service') {
      if (this._invalid(this._serviceId ? {} : { service: t._chooseService })) return;
      void this._slots.load({ service: this._serviceId, practitioner: this._practitioner || undefined });
      this._goTo('time');
    } else if (step === 'time') {
      if (!this._invalid(this._slots.start ? {} : { start: t._chooseTime })) this._goTo('details');
    } else if (step === 'details') {
      if (!this._invalid(validateDetails(this._form, t, this._slots.today))) this._goTo('consents');
    } else if (step === 'consents') {
      const missing = (this._consentItems?.items ?? []).filter((item) => item.required && !this._consents[item.key]);
      if (!this._invalid(Object.fromEntries(missing.map((item) => [`consent:${item.key}`, t._consentMissing])))) this._goTo('review');
    } else void this._book();
  }

  private async _book(): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._notice = undefined;
    this._announce(this._t._booking);
    const body = reservationBody(this._form, {
      service: this._service!.id,
      practitioner: this._practitioner,
      start: this._slots.start!,
      items: this._consentItems?.items ?? [],
      consents: this._consents,
      locale: this._l10n.locale,
      today: this._slots.today,
    });
    // One key per attempt: the same data sent again after a lost answer must not book twice; changed data is a new attempt.
    const json = JSON.stringify(body);
    if (this._attempt?.body !== json) this._attempt = { body: json, key: uuid() };
    try {
      const result = await this._client.post<Reservation>('/api/booking/reservations', { body, headers: { 'Idempotency-Key': this._attempt.key } });
      this._attempt = undefined;
      this._result = result;
      this._goTo('done');
      emit<BookingCreatedDetail>(this, 'clinic-booking-created', { reference: result.reference, start: result.start, end: result.end, service: result.service });
    } catch (error) {
      // The server answered, so that attempt is over; only a lost answer keeps its key for the retry.
      if (error instanceof ApiError && error.status) this._attempt = undefined;
      await this._refused(error);
    } finally {
      this._busy = false;
    }
  }

  private async _refused(error: unknown): Promise<void> {
    if (!(error instanceof ApiError)) return;
    const remedy = error.status ? await this._remedy(error).catch(() => undefined) : undefined;
    if (!remedy) return this._fail(error, () => void this._book());
    if (remedy.reloadSlots) void this._slots.load();
    if (remedy.reloadChoices) void this._loadChoices();
    this._errors = remedy.errors ?? {};
    this._notice = { text: remedy.notice };
    this._goTo(remedy.step);
    this._announce(remedy.notice);
  }

  private async _remedy(error: ApiError) {
    const [{ remedyFor }, { refusals }] = await Promise.all([
      import('./booking-errors.js'),
      this._l10n.locale === 'ko' ? import('../i18n/ko/refusals.js') : import('../i18n/en/refusals.js'),
    ]);
    return remedyFor(error, this._form, { ...this._t, ...refusals });
  }

  /** Failures that no field explains: the connection, the rate limit, the server. */
  private _fail(error: unknown, retry: () => void): void {
    const notice = failure(error, this._t, retry);
    if (!notice) return;
    this._notice = notice;
    this._announce(notice.text);
  }

  private _onInput(e: Event): void {
    const { name, value } = e.target as HTMLInputElement;
    this._form = { ...this._form, [name]: value };
    if (this._errors[name]) this._errors = { ...this._errors, [name]: '' };
  }

  override render() {
    const t = this._l10n.t;
    if (!t) return nothing;
    // The manage view is its own element with its own frame and live region; its parts are this element's too.
    return this._token
      ? html`<clinic-booking-manage exportparts=${manageParts} api=${this.api ?? nothing} locale=${this._l10n.locale} manage-token=${this._token}
          privacy-center-url=${this.privacyCenterUrl ?? nothing}><p>${t._loading}</p></clinic-booking-manage>`
      : html`<div class="root" part="base">
          ${this._renderStep(t)}
          <p class="sr-only" role="status">${this._announcement}</p>
        </div>`;
  }

  private _renderStep(t: NonNullable<typeof this._l10n.t>) {
    const step = this._step;
    const index = steps.indexOf(step);
    const props: StepProps = {
      _t: t,
      _locale: this._l10n.locale,
      _services: this._services,
      _serviceId: this._serviceId,
      _practitioner: this._practitioner,
      _form: this._form,
      _errors: this._errors,
      _consentItems: this._consentItems,
      _consents: this._consents,
      _result: this._result,
      _notice: this._notice,
      _slots: this._slots,
      _policyUrl: this.policyUrl,
      _api: this.api,
      _change: (choices: Partial<Choices>) => Object.assign(this, choices),
    };
    const fields = stepRenderers[step](props);
    return html`
      ${index >= 0 ? html`<p class="progress" part="progress">${t._stepOf(index + 1, steps.length)}</p>` : nothing}
      <h2 tabindex="-1" part="heading">${stepHeading(step, props)}</h2>
      ${renderNotice(this._notice, t)}
      ${step === 'done'
        ? fields
        : html`<form novalidate @submit=${this._next} @input=${this._onInput}>
            ${fields}
            <div class="row actions">
              ${index > 0 ? html`<button type="button" part="button" @click=${() => this._goTo(steps[index - 1])}>${t._back}</button>` : nothing}
              <button type="submit" class="primary" part="primary-button" aria-disabled=${this._busy ? 'true' : 'false'}>
                ${step === 'review' ? (this._busy ? t._booking : t._book) : t._next}
              </button>
            </div>
          </form>`}
    `;
  }
}
