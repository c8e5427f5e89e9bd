import { html, nothing } from 'lit';
import type { booking } from '../i18n/en/booking.js';
import { formatDay, formatInstant, longDate, patientTime, shortTime, zoneName } from '../shared/time.js';
import type { SlotsController } from './slots.controller.js';

/**
 * Two native radio groups, days then times, so arrow keys move and screen readers announce
 * "n of m"; each time is named with its full date in the clinic's zone and, when it differs, the patient's.
 * `invalid` ties the "choose a time" message (`#f-start-error`) to the times.
 */
export function renderSlotPicker(slots: SlotsController, t: typeof booking, locale: string, invalid = false) {
  const zone = slots.timeZone;
  const onDay = (e: Event) => slots.choose(undefined, (e.target as HTMLInputElement).value);
  const onTime = (e: Event) => slots.choose((e.target as HTMLInputElement).value);
  const dayLabel = slots.day ? formatDay(slots.day, locale, longDate) : '';
  return html`
    <p class="hint">${zone ? t._zoneNote(`${zoneName(zone, locale)}, ${zone}`) : nothing}</p>
    <div class="row">
      <button type="button" part="button" ?disabled=${!slots.from || slots.from <= slots.today} @click=${() => slots.shift(-1)}>${t._earlier}</button>
      <button type="button" part="button" @click=${() => slots.shift(1)}>${t._later}</button>
    </div>
    ${slots.loading
      ? html`<p>${t._loading}</p>`
      : !slots.days.length
        ? html`<p>${t._noSlots}</p>`
        : html`
            <fieldset class="choices">
              <legend>${t._day}</legend>
              ${slots.days.map(
                (day) => html`<label part="option" class="chip">
                  <input type="radio" name="day" .value=${day} .checked=${day === slots.day} @change=${onDay} />
                  ${formatDay(day, locale, { weekday: 'long', month: 'long', day: 'numeric' })}
                </label>`,
              )}
            </fieldset>
            <fieldset class="choices" id="f-start" tabindex="-1" aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'f-start-error' : nothing}>
              <legend>${t._time(dayLabel)}</legend>
              ${slots.slotsOn(slots.day).map((slot) => {
                const mine = patientTime(slot.start, locale, zone!);
                return html`<label part="option" class="chip">
                  <input type="radio" name="time" .value=${slot.start} .checked=${slot.start === slots.start} @change=${onTime} />
                  <span class="sr-only">${dayLabel},</span>
                  <strong>${formatInstant(slot.start, locale, zone, shortTime)}</strong>
                  ${mine ? html`<small>(${t._yourTime(mine)})</small>` : nothing}
                </label>`;
              })}
            </fieldset>
          `}
  `;
}
