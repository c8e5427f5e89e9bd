import { html, nothing } from 'lit';
import { formatDay, formatInstant, longDate, patientTime, shortTime } from '../shared/time.js';
import { isMinor, type Step } from './booking-form.js';
import type { ClinicBookingElement } from './clinic-booking.component.js';
import { renderConsentList } from './consent-list.js';
import { renderSlotPicker } from './slot-picker.js';

/** What each step of the booking form shows; the element owns the state and moves between steps. */
type Host = ClinicBookingElement;

function renderServices(host: Host) {
  const t = host._t;
  const services = host._services;
  if (!services) return html`<p>${host._notice ? nothing : t._loading}</p>`;
  const chosen = host._service;
  const error = host._errors.service;
  const choose = (id: string) => {
    host._serviceId = id;
    host._practitioner = '';
    host._errors = {};
  };
  return html`
    <fieldset class="choices" id="f-service" tabindex="-1" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'f-service-error' : nothing}>
      <legend>${t._service}</legend>
      ${services.map(
        (service) => html`<label part="option" class="card">
          <input type="radio" name="service-choice" .value=${String(service.id)} .checked=${String(service.id) === host._serviceId} @change=${() => choose(String(service.id))} />
          <span><strong>${service.name}</strong>${service.durationMinutes ? html` · ${t._minutes(service.durationMinutes)}` : nothing}
            ${service.description ? html`<br /><small>${service.description}</small>` : nothing}</span>
        </label>`,
      )}
    </fieldset>
    ${host._error('service')}
    ${chosen?.practitioners?.length
      ? html`<div class="field" part="field">
          <label for="f-practitioner">${t._practitioner}</label>
          <select id="f-practitioner" @change=${(e: Event) => (host._practitioner = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!host._practitioner}>${t._anyPractitioner}</option>
            ${chosen.practitioners.map((p) => html`<option value=${String(p.id)} ?selected=${String(p.id) === host._practitioner}>${p.name}</option>`)}
          </select>
        </div>`
      : nothing}
  `;
}

function renderTime(host: Host) {
  return html`${renderSlotPicker(host._slots, host._t, host._l10n.locale, !!host._errors.start)}${host._error('start')}`;
}

/** A labelled input whose error is tied to it by `aria-invalid` and `aria-describedby`. */
function field(host: Host, name: string, label: string, type = 'text', autocomplete = 'off') {
  const error = host._errors[name];
  return html`<div class="field" part="field">
    <label for="f-${name}">${label}</label>
    <input id="f-${name}" name=${name} type=${type} autocomplete=${autocomplete} .value=${host._form[name] ?? ''} required
      max=${type === 'date' ? host._today : nothing}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `f-${name}-error` : nothing} />
    ${host._error(name)}
  </div>`;
}

function renderDetails(host: Host) {
  const t = host._t;
  return html`
    ${field(host, 'name', t._name, 'text', 'name')}
    ${field(host, 'birthDate', t._birthDate, 'date', 'bday')}
    ${field(host, 'phone', t._phone, 'tel', 'tel')}
    ${field(host, 'email', t._email, 'email', 'email')}
    ${isMinor(host._form, host._today)
      ? html`<fieldset aria-describedby="guardian-why">
          <legend>${t._guardian}</legend>
          <p id="guardian-why" class="hint">${t._guardianWhy}</p>
          ${field(host, 'guardianName', t._guardianName)} ${field(host, 'guardianPhone', t._guardianPhone, 'tel')}
          ${field(host, 'guardianEmail', t._guardianEmail, 'email')} ${field(host, 'guardianRelationship', t._relationship)}
        </fieldset>`
      : nothing}
    <div class="field" part="field">
      <label for="f-note">${t._note} <small>(${t._optional})</small></label>
      <textarea id="f-note" name="note" rows="3" .value=${host._form.note ?? ''}></textarea>
    </div>
  `;
}

function renderConsents(host: Host) {
  const t = host._t;
  const items = host._consentItems?.items ?? [];
  return html`
    <p>${t._consentIntro}</p>
    <p>${host.policyUrl
        ? html`<a href=${host.policyUrl} target="_blank" rel="noopener">${t._policyLink}</a>`
        : html`<details @toggle=${() => import('../clinic-privacy-policy/clinic-privacy-policy.js')}>
            <summary>${t._policyLink}</summary>
            <clinic-privacy-policy api=${host.api ?? nothing} locale=${host._l10n.locale}></clinic-privacy-policy>
          </details>`}</p>
    ${renderConsentList({
      items,
      consents: host._consents,
      errors: host._errors,
      t,
      onAll: (granted) => ((host._consents = Object.fromEntries(items.map((item) => [item.key, granted]))), (host._errors = {})),
      onToggle: (key, granted) => ((host._consents = { ...host._consents, [key]: granted }), (host._errors = { ...host._errors, [`consent:${key}`]: '' })),
    })}
  `;
}

/** The clinic's time in words, with the patient's own beside it when their zone differs. */
function when(host: Host, start: string) {
  const locale = host._l10n.locale;
  const zone = host._slots.timeZone!;
  const mine = patientTime(start, locale, zone);
  return `${formatInstant(start, locale, zone, { ...longDate, ...shortTime })}${mine ? ` (${host._t._yourTime(mine)})` : ''}`;
}

const summary = (rows: [string, unknown][]) => html`<dl class="summary">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;

function renderReview(host: Host) {
  const t = host._t;
  const f = host._form;
  const practitioner = host._service?.practitioners?.find((p) => String(p.id) === host._practitioner);
  return summary([
    [t._service, host._service?.name],
    [t._practitioner, practitioner?.name ?? t._anyPractitioner],
    [t._when, host._slots.start && when(host, host._slots.start)],
    [t._name, f.name],
    [t._birthDate, f.birthDate && formatDay(f.birthDate, host._l10n.locale, { dateStyle: 'long' })],
    [t._phone, f.phone],
    [t._email, f.email],
    ...(isMinor(f, host._today) ? [[t._guardian, `${f.guardianName} (${f.guardianRelationship}), ${f.guardianPhone}, ${f.guardianEmail}`] as [string, unknown]] : []),
    ...(host._consentItems?.items ?? []).map((item) => [item.title, host._consents[item.key] ? t._agreed : t._refused] as [string, unknown]),
  ]);
}

function renderDone(host: Host) {
  const t = host._t;
  const result = host._result!;
  const link = new URL(location.href);
  link.searchParams.set('manage', result.manageToken ?? '');
  link.hash = '';
  return html`
    ${result.status === 'pending_guardian' ? html`<p>${t._pendingText}</p>` : nothing}
    ${summary([
      [t._reference, html`<strong class="reference">${result.reference}</strong>`],
      [t._when, when(host, result.start)],
    ])}
    ${result.manageToken ? html`<p><a href=${link.href}>${t._manageLink}</a></p><p class="hint">${t._manageKeep}</p>` : nothing}
  `;
}

export const stepRenderers: Record<Step, (host: Host) => unknown> = {
  service: renderServices,
  time: renderTime,
  details: renderDetails,
  consents: renderConsents,
  review: renderReview,
  done: renderDone,
};

export function stepHeading(host: Host): string {
  const t = host._t;
  const headings: Record<Step, string> = {
    service: t._serviceHeading,
    time: t._timeHeading,
    details: t._detailsHeading,
    consents: t._consentHeading,
    review: t._reviewHeading,
    done: host._result?.status === 'pending_guardian' ? t._pendingHeading : t._doneHeading,
  };
  return headings[host._step];
}
