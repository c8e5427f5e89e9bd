import { html, nothing } from 'lit';
import type { booking } from '../i18n/en/booking.js';
import type { ConsentItem } from './types.js';
import type { Errors } from './booking-form.js';

interface ConsentListOptions {
  items: ConsentItem[];
  consents: Record<string, boolean>;
  errors: Errors;
  t: typeof booking;
  onToggle: (key: string, granted: boolean) => void;
  onAll: (granted: boolean) => void;
}

const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);

/** Each item its own checkbox with what it is for, what it takes, how long, and what refusing costs. */
export function renderConsentList({ items, consents, errors, t, onToggle, onAll }: ConsentListOptions) {
  const all = items.every((item) => consents[item.key]);
  return html`
    <label class="check all" part="option">
      <input type="checkbox" .checked=${all} @change=${(e: Event) => onAll((e.target as HTMLInputElement).checked)} />
      <span>${t._agreeAll}</span>
    </label>
    <ul class="consents">
      ${items.map((item) => {
        const id = `consent-${item.key}`;
        const error = errors[`consent:${item.key}`];
        const rows: [string, string | undefined][] = [
          [t._purpose, item.purpose],
          [t._dataCategories, list(item.dataCategories)],
          [t._retention, item.retention],
          [t._refusal, item.refusalConsequence],
        ];
        return html`<li part="consent-item" class=${error ? 'invalid' : ''}>
          <label>
            <input
              type="checkbox"
              id=${id}
              name=${id}
              .checked=${!!consents[item.key]}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby="${id}-about${error ? ` ${id}-error` : ''}"
              @change=${(e: Event) => onToggle(item.key, (e.target as HTMLInputElement).checked)}
            />
            <span><strong>${item.title}</strong> (${item.required ? t._required : t._optional})</span>
          </label>
          <dl id="${id}-about">
            ${rows.filter(([, value]) => value).map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}
          </dl>
          ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
        </li>`;
      })}
    </ul>
  `;
}
