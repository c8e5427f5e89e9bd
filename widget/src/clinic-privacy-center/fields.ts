import { html, nothing } from 'lit';

export type Errors = Record<string, string>;

export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

interface FieldOptions {
  type?: string;
  autocomplete?: string;
  required?: boolean;
  value?: string;
  hint?: string;
  extra?: Record<string, string>;
}

/** A labelled input whose error and hint are tied to it by `aria-invalid` and `aria-describedby`. */
export function field(errors: Errors, name: string, label: string, { type = 'text', autocomplete = 'off', required = true, value = '', hint }: FieldOptions = {}) {
  const error = errors[name];
  const described = [hint ? `pc-${name}-hint` : '', error ? `pc-${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field" part="field">
    <label for="pc-${name}">${label}</label>
    ${hint ? html`<small id="pc-${name}-hint">${hint}</small>` : nothing}
    <input id="pc-${name}" name=${name} type=${type} autocomplete=${autocomplete} .value=${value} ?required=${required}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing} />
    ${error ? html`<p class="error" id="pc-${name}-error">${error}</p>` : nothing}
  </div>`;
}

/** The values of a submitted form, trimmed. */
export const valuesOf = (form: HTMLFormElement): Record<string, string> =>
  Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value).trim()]));
