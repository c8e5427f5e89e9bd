import { html, nothing } from 'lit';
import type { CenterView } from './center-view.js';
import { field } from './fields.js';

/** The forms of the center: correction and complaint for everyone; member information and password for members. */
export type Panel = 'none' | 'correct' | 'complain' | 'modify' | 'password';

const CORRECTABLE = ['name', 'birthDate', 'gender', 'phone', 'email', 'address'];

function actions(view: CenterView, label: string) {
  const busy = view._p._busy ? 'true' : 'false';
  return html`<div class="row">
    <button type="button" part="button" @click=${() => view._open('none')}>${view._d._cancel}</button>
    <button type="submit" class="primary" part="primary-button" aria-disabled=${busy}>${label}</button>
  </div>`;
}

function opener(view: CenterView, panel: Panel, label: string) {
  return html`<button type="button" part="button" aria-expanded=${view._panel === panel ? 'true' : 'false'} @click=${() => view._open(panel)}>${label}</button>`;
}

function form(view: CenterView, heading: string, content: unknown) {
  return html`<section class="panel"><h3 tabindex="-1">${heading}</h3><form novalidate @submit=${view._submit}>${content}</form></section>`;
}

function contactEmail(view: CenterView): string {
  const data = view._data;
  return String(data?.profile?.email ?? data?.reservations[0]?.patient?.email ?? data?.consultations[0]?.email ?? '');
}

export function renderRightsPanel(view: CenterView) {
  const d = view._d;
  const errors = view._p._errors;
  const panel = view._panel;
  return html`<section part="section">
    <div class="row">
      ${opener(view, 'correct', d._correct)} ${opener(view, 'complain', d._complain)}
      <button type="button" part="danger-button" class="danger" @click=${view._withdraw}>${view._member ? d._leave : d._withdraw}</button>
    </div>
    ${panel === 'correct'
      ? form(
          view,
          d._correct,
          html`<p class="hint">${d._correctIntro}</p>
            <div class="field" part="field"><label for="pc-field">${d._fields.field}</label>
              <select id="pc-field" name="field">${CORRECTABLE.map((key) => html`<option value=${key}>${d._fields[key]}</option>`)}</select>
            </div>
            ${field(errors, 'value', d._fields.value)} ${field(errors, 'reason', d._reasonOptional, { required: false })} ${actions(view, d._send)}`,
        )
      : nothing}
    ${panel === 'complain'
      ? form(
          view,
          d._complain,
          html`${field(errors, 'email', d._fields.email, { type: 'email', autocomplete: 'email', value: contactEmail(view) })}
            ${field(errors, 'name', d._nameOptional, { required: false, autocomplete: 'name' })}
            <div class="field" part="field"><label for="pc-message">${d._complaint}</label><textarea id="pc-message" name="message" rows="4" required></textarea></div>
            ${actions(view, d._send)}`,
        )
      : nothing}
  </section>`;
}

export function renderAccountPanel(view: CenterView) {
  const d = view._d;
  const errors = view._p._errors;
  const me = view._me ?? {};
  const select = (name: string, options: Record<string, string>) =>
    html`<div class="field" part="field"><label for="pc-${name}">${d._fields[name]}</label>
      <select id="pc-${name}" name=${name}>${Object.entries(options).map(([value, label]) => html`<option value=${value} ?selected=${(me[name] ?? '') === value}>${label}</option>`)}</select></div>`;
  return html`<section part="section">
    <h3>${d._account}</h3>
    <div class="row">${opener(view, 'modify', d._modify)} ${opener(view, 'password', d._password)}</div>
    ${view._panel === 'modify' && view._me
      ? form(
          view,
          d._modify,
          html`${field(errors, 'name', d._fields.name, { required: false, autocomplete: 'name', value: me.name ?? '' })}
            ${field(errors, 'phone', d._fields.phone, { type: 'tel', required: false, autocomplete: 'tel', value: me.phone ?? '' })}
            ${select('gender', d._genders)}
            ${field(errors, 'address', d._fields.address, { required: false, autocomplete: 'street-address', value: me.address ?? '' })}
            ${select('locale', d._locales)} ${actions(view, d._send)}`,
        )
      : nothing}
    ${view._panel === 'password'
      ? form(
          view,
          d._password,
          html`${field(errors, 'currentPassword', d._currentPassword, { type: 'password', autocomplete: 'current-password' })}
            ${field(errors, 'password', d._newPassword, { type: 'password', autocomplete: 'new-password' })}
            ${field(errors, 'passwordConfirmation', d._confirmPassword, { type: 'password', autocomplete: 'new-password' })}
            ${actions(view, d._send)}`,
        )
      : nothing}
  </section>`;
}
