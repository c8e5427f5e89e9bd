import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

let count = 0;
/** A fresh fake-API session per test, so one test's bookings never leak into another; `trouble` names what goes wrong. */
export const apiFor = (trouble = '') => `${location.origin}/fake/${trouble}${trouble ? '-' : ''}s${Date.now()}${count++}`;

export const shadow = (el: Element) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...shadow(el).querySelectorAll<T>(selector)];
export const text = (el: Element) => shadow(el).textContent!.replace(/\s+/g, ' ');

export async function until(el: Element, selector: string): Promise<HTMLElement> {
  await waitUntil(() => $(el, selector), `${selector} never appeared`, { timeout: 8000 });
  return $(el, selector) as HTMLElement;
}
export const untilText = (el: Element, words: string) => waitUntil(() => text(el).includes(words), `"${words}" never shown`, { timeout: 8000 });

/** The element inside `el`'s shadow root that has the keyboard focus. */
export const focused = (el: Element) => shadow(el).activeElement as HTMLElement | null;

/** Moves the keyboard focus to a control, then presses keys on it, as a keyboard user would after tabbing there. */
export async function press(el: Element, selector: string, ...keys: string[]) {
  (await until(el, selector)).focus();
  for (const key of keys) await sendKeys({ press: key });
}

/** Types into a field, replacing what it held. */
export async function type(el: Element, selector: string, value: string) {
  const input = (await until(el, selector)) as HTMLInputElement;
  input.focus();
  if (input.value) {
    input.select();
    await sendKeys({ press: 'Backspace' });
  }
  await sendKeys({ type: value });
}

/** A birth date typed into `<input type="date">` segment by segment (month, day, year in an en-US Chromium). */
export async function typeDate(el: Element, selector: string, isoDate: string) {
  const [year, month, day] = isoDate.split('-');
  (await until(el, selector)).focus();
  await sendKeys({ type: `${month}${day}${year}` });
  await waitUntil(() => ($(el, selector) as HTMLInputElement).value === isoDate, `date never became ${isoDate}`);
}

export const accessible = (el: Element) => expect(el).to.be.accessible();

/** What the fake API received in this session. */
export interface Received {
  method: string;
  path: string;
  query: string;
  body?: Record<string, unknown> & { patient?: Record<string, string>; guardian?: Record<string, string>; consents?: Record<string, boolean> };
  idempotencyKey?: string;
  manageToken?: string;
  privacySession?: string;
  authorization?: string;
}
export async function received(api: string, path?: string): Promise<Received[]> {
  const { data } = (await (await fetch(`${api}/__log`)).json()) as { data: Received[] };
  return data.filter((r) => !path || r.path.startsWith(path));
}

/** Books straight through the fake API, for tests that start from a manage link. */
export async function bookDirectly(api: string, start?: string): Promise<{ reference: string; manageToken: string; start: string }> {
  const slots = (await (await fetch(`${api}/api/booking/slots?service=svc-skin`)).json()).data.slots as { start: string }[];
  const answer = await fetch(`${api}/api/booking/reservations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      service: 'svc-skin',
      start: start ?? slots[0].start,
      patient: { name: 'Jisoo Kim', birthDate: '1990-05-20', phone: '010-1234-5678', email: 'jisoo@example.com' },
      consents: { collection: true, health: true, keep: false },
      locale: 'en',
    }),
  });
  return (await answer.json()).data;
}
