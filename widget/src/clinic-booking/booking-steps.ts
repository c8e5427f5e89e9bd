import { html, nothing } from 'lit';
import type { booking } from '../i18n/en/booking.js';
import { formatDay, formatInstant, longDate, patientTime, shortTime } from '../shared/time.js';
import { isMinor, type Errors, type Form, type Step } from './booking-form.js';
import { renderConsentList } from './consent-list.js';
import type { Notice } from './notice.js';
import { renderSlotPicker } from './slot-picker.js';
import type { SlotsController } from './slots.controller.js';
import type { ConsentItems, Reservation, Service } from './types.js';

/** The patient's choices a step reports back; the element keeps them and moves between steps. */
export interface Choices {
  _serviceId?: string;
  _practitioner: string;
  _consents: Record<string, boolean>;
  _errors: Errors;
}

/** What each step of the booking form is given to show, and where it reports the patient's choices. */
export interface StepProps extends Choices {
  _t: typeof booking;
  _locale: string;
  _services?: Service[];
  _form: Form;
  _consentItems?: ConsentItems;
  _result?: Reservation;
  _notice?: Notice;
  _slots: SlotsController;
  _policyUrl?: string;
  _api?: string;
  _change: (choices: Partial<Choices>) => void;
}

type P = StepProps;

const chosen = (p: P) => p._services?.find((service) => String(service.id) === p._serviceId);

/** An error message under its field, with the id the field's `aria-describedby` names. */
const error = (p: P, key: string) => (p._errors[key] ? html`<p class="error" id="f-${key}-error">${p._errors[key]}</p>` : nothing);

function renderServices(p: P) {
  const t = p._t;
  const services = p._services;
  if (!services) return html`<p>${p._notice ? nothing : t._loading}</p>`;
  const invalid = p._errors.service;
  const choose = (id: string) => p._change({ _serviceId: id, _practitioner: '', _errors: {} });
  return html`
    <fieldset class="choices" id="f-service" tabindex="-1" aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'f-service-error' : nothing}>
      <legend>${t._service}</legend>
      ${services.map(
        (service) => html`<label part="option" class="card">
          <input type="radio" name="service-choice" .value=${String(service.id)} .checked=${String(service.id) === p._serviceId} @change=${() => choose(String(service.id))} />
          <span><strong>${service.name}</strong>${service.durationMinutes ? html` · ${t._minutes(service.durationMinutes)}` : nothing}
            ${service.description ? html`<br /><small>${service.description}</small>` : nothing}</span>
        </label>`,
      )}
    </fieldset>
    ${error(p, 'service')}
    ${chosen(p)?.practitioners?.length
      ? html`<div class="field" part="field">
          <label for="f-practitioner">${t._practitioner}</label>
          <select id="f-practitioner" @change=${(e: Event) => p._change({ _practitioner: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!p._practitioner}>${t._anyPractitioner}</option>
            ${chosen(p)!.practitioners!.map((practitioner) => html`<option value=${String(practitioner.id)} ?selected=${String(practitioner.id) === p._practitioner}>${practitioner.name}</option>`)}
          </select>
        </div>`
      : nothing}
  `;
}

function renderTime(p: P) {
  return html`${renderSlotPicker(p._slots, p._t, p._locale, !!p._errors.start)}${error(p, 'start')}`;
}

/** A labelled input whose error is tied to it by `aria-invalid` and `aria-describedby`. */
function field(p: P, name: string, label: string, type = 'text', autocomplete = 'off') {
  const invalid = p._errors[name];
  return html`<div class="field" part="field">
    <label for="f-${name}">${label}</label>
    <input id="f-${name}" name=${name} type=${type} autocomplete=${autocomplete} .value=${p._form[name] ?? ''} required
      max=${type === 'date' ? p._slots.today : nothing}
      aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? `f-${name}-error` : nothing} />
    ${error(p, name)}
  </div>`;
}

function renderDetails(p: P) {
  const t = p._t;
  return html`
    ${field(p, 'name', t._name, 'text', 'name')}
    ${field(p, 'birthDate', t._birthDate, 'date', 'bday')}
    ${field(p, 'phone', t._phone, 'tel', 'tel')}
    ${field(p, 'email', t._email, 'email', 'email')}
    ${isMinor(p._form, p._slots.today)
      ? html`<fieldset aria-describedby="guardian-why">
          <legend>${t._guardian}</legend>
          <p id="guardian-why" class="hint">${t._guardianWhy}</p>
          ${field(p, 'guardianName', t._guardianName)} ${field(p, 'guardianPhone', t._guardianPhone, 'tel')}
          ${field(p, 'guardianEmail', t._guardianEmail, 'email')} ${field(p, 'guardianRelationship', t._relationship)}
        </fieldset>`
      : nothing}
    <div class="field" part="field">
      <label for="f-note">${t._note} <small>(${t._optional})</small></label>
      <textarea id="f-note" name="note" rows="3" .value=${p._form.note ?? ''}></textarea>
    </div>
  `;
}

function renderConsents(p: P) {
  const t = p._t;
  const items = p._consentItems?.items ?? [];
  return html`
    <p>${t._consentIntro}</p>
    <p>${p._policyUrl
        ? html`<a href=${p._policyUrl} target="_blank" rel="noopener">${t._policyLink}</a>`
        : html`<details @toggle=${() => import('../clinic-privacy-policy/clinic-privacy-policy.js')}>
            <summary>${t._policyLink}</summary>
            <clinic-privacy-policy api=${p._api ?? nothing} locale=${p._locale}></clinic-privacy-policy>
          </details>`}</p>
    ${renderConsentList({
      items,
      consents: p._consents,
      errors: p._errors,
      t,
      onAll: (granted) => p._change({ _consents: Object.fromEntries(items.map((item) => [item.key, granted])), _errors: {} }),
      onToggle: (key, granted) => p._change({ _consents: { ...p._consents, [key]: granted }, _errors: { ...p._errors, [`consent:${key}`]: '' } }),
    })}
  `;
}

/** The clinic's time in words, with the patient's own beside it when their zone differs. */
function when(p: P, start: string) {
  const zone = p._slots.timeZone!;
  const mine = patientTime(start, p._locale, zone);
  return `${formatInstant(start, p._locale, zone, { ...longDate, ...shortTime })}${mine ? ` (${p._t._yourTime(mine)})` : ''}`;
}

const summary = (rows: [string, unknown][]) => html`<dl class="summary">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;

function renderReview(p: P) {
  const t = p._t;
  const f = p._form;
  const service = chosen(p);
  const practitioner = service?.practitioners?.find((one) => String(one.id) === p._practitioner);
  return summary([
    [t._service, service?.name],
    [t._practitioner, practitioner?.name ?? t._anyPractitioner],
    [t._when, p._slots.start && when(p, p._slots.start)],
    [t._name, f.name],
    [t._birthDate, f.birthDate && formatDay(f.birthDate, p._locale, { dateStyle: 'long' })],
    [t._phone, f.phone],
    [t._email, f.email],
    ...(isMinor(f, p._slots.today) ? [[t._guardian, `${f.guardianName} (${f.guardianRelationship}), ${f.guardianPhone}, ${f.guardianEmail}`] as [string, unknown]] : []),
    ...(p._consentItems?.items ?? []).map((item) => [item.title, p._consents[item.key] ? t._agreed : t._refused] as [string, unknown]),
  ]);
}

function renderDone(p: P) {
  const t = p._t;
  const result = p._result!;
  const link = new URL(location.href);
  link.searchParams.set('manage', result.manageToken ?? '');
  link.hash = '';
  return html`
    ${result.status === 'pending_guardian' ? html`<p>${t._pendingText}</p>` : nothing}
    ${summary([
      [t._reference, html`<strong class="reference">${result.reference}</strong>`],
      [t._when, when(p, result.start)],
    ])}
    ${result.manageToken ? html`<p><a href=${link.href}>${t._manageLink}</a></p><p class="hint">${t._manageKeep}</p>` : nothing}
  `;
}

export const stepRenderers: Record<Step, (p: P) => unknown> = {
  service: renderServices,
  time: renderTime,
  details: renderDetails,
  consents: renderConsents,
  review: renderReview,
  done: renderDone,
};

export function stepHeading(step: Step, p: P): string {
  const t = p._t;
  const headings: Record<Step, string> = {
    service: t._serviceHeading,
    time: t._timeHeading,
    details: t._detailsHeading,
    consents: t._consentHeading,
    review: t._reviewHeading,
    done: p._result?.status === 'pending_guardian' ? t._pendingHeading : t._doneHeading,
  };
  return headings[step];
}
