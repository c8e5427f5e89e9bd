import { html, nothing } from 'lit/html.js';
import { ApiController } from '../shared/api.controller.js';
import { BannerHost } from './banner-host.js';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/locale.controller.js';
import { uuid } from '../shared/uuid.js';
import { activateScripts, readChoice, saveChoice, type Categories, type StoredChoice } from './consent-store.js';
import { styles } from './clinic-cookie-consent.styles.js';

interface CookieCategory {
  key: string;
  title: string;
  purpose?: string;
  required: boolean;
}

export interface ConsentChangeDetail {
  categories: Categories;
}

/**
 * A cookie banner: accept all, refuse all, or choose by category. The choice is remembered in this browser
 * with the policy version (asked again when the version changes), logged to the clinic, and only then are
 * the page's `<script type="text/plain" data-consent-category="…">` placeholders run.
 *
 * @tagname clinic-cookie-consent
 * @attr api - Base URL of the Clinic CMS server; defaults to the origin this script was loaded from.
 * @attr locale - `ko` or `en`; defaults to the page's `<html lang>`, else English.
 * @attr policy-url - The page where the privacy policy is published.
 * @event clinic-consent-change - The choice in force, on load and after each decision; `detail` is `{ categories: { KEY: boolean } }`.
 * @csspart banner - The banner.
 * @csspart heading - Its heading.
 * @csspart category - One category with its checkbox.
 * @csspart button - Choose, save my choice.
 * @csspart primary-button - Accept all and refuse all, equally prominent so refusing is as easy as accepting.
 * @cssproperty --clinic-color-accent - Buttons and links. Default `#0a58a8`.
 * @cssproperty --clinic-color-on-accent - Text on the accent colour. Default `#fff`.
 * @cssproperty --clinic-color-text - Body text. Default `#1b1f24`.
 * @cssproperty --clinic-color-surface - Banner background. Default `#fff`.
 * @cssproperty --clinic-color-focus - Focus outline. Default `#c25e00`.
 * @cssproperty --clinic-font-family - Font. Default the system UI font.
 * @cssproperty --clinic-z-index - Stacking of the banner. Default `2147483000`.
 */
export class ClinicCookieConsentElement extends BannerHost {

  constructor() {
    super(styles);
  }

  private readonly _client = new ApiController(this);
  private readonly _l10n = new LocaleController(this, {
    en: () => import('../i18n/en/cookie.js').then((m) => m.cookie),
    ko: () => import('../i18n/ko/cookie.js').then((m) => m.cookie),
  });
  private _categories: CookieCategory[] = [];
  private _choice: Categories = {};
  private _shown = false;
  private _choosing = false;
  private _announcement = '';
  private _policyVersion = 0;
  private _loadedFor = '';

  /** Shows the banner again, with the current choice, so the visitor can change it. */
  open(): void {
    this._shown = true;
    this._expand('h2');
  }

  /** Shows the categories and moves focus to `selector`, since the button that was pressed goes away. */
  private _expand(selector: string): void {
    this._choosing = true;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  protected willUpdate(): void {
    const key = `${this._client.base}|${this._l10n.locale}`;
    if (key === this._loadedFor) return;
    this._loadedFor = key;
    void this._load().then(() => this.requestUpdate());
  }

  private async _load(): Promise<void> {
    const stored = readChoice();
    try {
      const answer = await this._client.get<{ policyVersion: number; items: CookieCategory[] }>('/api/consent-items', {
        params: { channel: 'cookie', locale: this._l10n.locale },
      });
      this._categories = answer.items;
      this._policyVersion = answer.policyVersion;
    } catch {
      // Without the server a remembered choice still holds; without one, nothing optional runs.
      if (stored) this._apply(stored.categories);
      return;
    }
    const current = stored?.policyVersion === this._policyVersion ? stored : undefined;
    this._choice = Object.fromEntries(this._categories.map((c) => [c.key, c.required || !!current?.categories[c.key]]));
    if (!current) {
      this._shown = true;
      return;
    }
    this._apply(current.categories);
    if (!current.logged) void this._log(current);
  }

  private _apply(categories: Categories): void {
    activateScripts(categories);
    emit<ConsentChangeDetail>(this, 'clinic-consent-change', { categories });
  }

  private async _log(choice: StoredChoice): Promise<void> {
    try {
      await this._client.post('/api/privacy/cookie-consents', {
        body: { consentId: choice.consentId, categories: choice.categories, policyVersion: choice.policyVersion },
      });
      saveChoice({ ...choice, logged: true });
    } catch {
      // Logged on a later visit: the choice itself is already in force.
    }
  }

  private _decide(grant: (category: CookieCategory) => boolean): void {
    const categories = Object.fromEntries(this._categories.map((c) => [c.key, c.required || grant(c)]));
    const choice: StoredChoice = { consentId: readChoice()?.consentId ?? uuid(), policyVersion: this._policyVersion, categories, logged: false };
    saveChoice(choice);
    this._choice = categories;
    this._shown = false;
    this._choosing = false;
    this._announcement = this._t._saved;
    this.requestUpdate();
    this._apply(categories);
    void this._log(choice);
  }

  private get _t() {
    return this._l10n.t!;
  }

  render() {
    if (!this._l10n.t) return nothing;
    return html`
      ${this._shown ? this._renderBanner() : nothing}
      <p role="status">${this._announcement}</p>
    `;
  }

  private _renderBanner() {
    const t = this._t;
    return html`<section class="banner" part="banner" aria-labelledby="cookie-heading">
      <h2 id="cookie-heading" tabindex="-1" part="heading">${t._heading}</h2>
      <p>${t._text} ${this.hasAttribute('policy-url') ? html`<a href=${this.getAttribute('policy-url')}>${t._policyLink}</a>` : nothing}</p>
      ${this._choosing
        ? html`<ul>
            ${this._categories.map(
              (c) => html`<li part="category">
                <label>
                  <input type="checkbox" .checked=${this._choice[c.key]} ?disabled=${c.required}
                    @change=${(e: Event) => (this._choice[c.key] = (e.target as HTMLInputElement).checked)} />
                  <span><strong>${c.title}</strong>${c.required ? ` (${t._alwaysOn})` : ''}${c.purpose ? html`<br />${c.purpose}` : nothing}</span>
                </label>
              </li>`,
            )}
          </ul>`
        : nothing}
      <div>
        <button type="button" class="primary" part="primary-button" @click=${() => this._decide(() => true)}>${t._acceptAll}</button>
        <button type="button" class="primary" part="primary-button" @click=${() => this._decide(() => false)}>${t._refuseAll}</button>
        ${this._choosing
          ? html`<button type="button" part="button" @click=${() => this._decide((c) => !!this._choice[c.key])}>${t._save}</button>`
          : html`<button type="button" part="button" @click=${() => this._expand('input:not([disabled])')}>${t._choose}</button>`}
      </div>
    </section>`;
  }
}
