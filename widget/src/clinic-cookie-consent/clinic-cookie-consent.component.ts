import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { cookie as en } from '../i18n/en.js';
import { cookie as ko } from '../i18n/ko.js';
import { ApiController } from '../shared/api.controller.js';
import { baseStyles } from '../shared/base.styles.js';
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
 * @event clinic-consent-change - The choice in force, on load and after each decision; `detail` is `{ categories: { KEY: boolean } }`.
 * @csspart banner - The banner.
 * @csspart heading - Its heading.
 * @csspart category - One category with its checkbox.
 * @csspart button - Refuse all, choose.
 * @csspart primary-button - Accept all, save.
 * @cssproperty --clinic-color-accent - Buttons and links. Default `#0a58a8`.
 * @cssproperty --clinic-color-on-accent - Text on the accent colour. Default `#fff`.
 * @cssproperty --clinic-color-text - Body text. Default `#1b1f24`.
 * @cssproperty --clinic-color-surface - Banner background. Default `#fff`.
 * @cssproperty --clinic-color-focus - Focus outline. Default `#c25e00`.
 * @cssproperty --clinic-font-family - Font. Default the system UI font.
 * @cssproperty --clinic-z-index - Stacking of the banner. Default `2147483000`.
 */
export class ClinicCookieConsentElement extends LitElement {
  static override styles = [baseStyles, styles];

  /** Base URL of the Clinic CMS server; defaults to the origin this script was loaded from. */
  @property() api?: string;
  /** `ko` or `en`; defaults to the page's `<html lang>`, else English. */
  @property() locale?: string;
  /** The page where the privacy policy is published. */
  @property({ attribute: 'policy-url' }) policyUrl?: string;

  private readonly client = new ApiController(this);
  private readonly l10n = new LocaleController(this, { en, ko });
  @state() private categories: CookieCategory[] = [];
  @state() private choice: Categories = {};
  @state() private shown = false;
  @state() private choosing = false;
  @state() private announcement = '';
  private policyVersion = '';
  private loadedFor = '';

  /** Shows the banner again, with the current choice, so the visitor can change it. */
  open(): void {
    this.shown = true;
    this.choosing = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  protected override willUpdate(): void {
    const key = `${this.client.base}|${this.l10n.locale}`;
    if (key === this.loadedFor) return;
    this.loadedFor = key;
    void this.load();
  }

  private async load(): Promise<void> {
    const stored = readChoice();
    try {
      const answer = await this.client.get<{ policyVersion: number | string; items: CookieCategory[] }>('/api/consent-items', {
        params: { channel: 'cookie', locale: this.l10n.locale },
      });
      this.categories = answer.items;
      this.policyVersion = String(answer.policyVersion);
    } catch {
      // Without the server a remembered choice still holds; without one, nothing optional runs.
      if (stored) this.apply(stored.categories);
      return;
    }
    const current = stored?.policyVersion === this.policyVersion ? stored : undefined;
    this.choice = Object.fromEntries(this.categories.map((c) => [c.key, c.required || !!current?.categories[c.key]]));
    if (!current) {
      this.shown = true;
      return;
    }
    this.apply(current.categories);
    if (!current.logged) void this.log(current);
  }

  private apply(categories: Categories): void {
    activateScripts(categories);
    emit<ConsentChangeDetail>(this, 'clinic-consent-change', { categories });
  }

  private async log(choice: StoredChoice): Promise<void> {
    try {
      await this.client.post('/api/privacy/cookie-consents', {
        body: { consentId: choice.consentId, categories: choice.categories, policyVersion: choice.policyVersion },
      });
      saveChoice({ ...choice, logged: true });
    } catch {
      // Logged on a later visit: the choice itself is already in force.
    }
  }

  private decide(grant: (category: CookieCategory) => boolean): void {
    const categories = Object.fromEntries(this.categories.map((c) => [c.key, c.required || grant(c)]));
    const choice: StoredChoice = { consentId: readChoice()?.consentId ?? uuid(), policyVersion: this.policyVersion, categories, logged: false };
    saveChoice(choice);
    this.choice = categories;
    this.shown = false;
    this.choosing = false;
    this.announcement = this.l10n.t.saved;
    this.apply(categories);
    void this.log(choice);
  }

  override render() {
    const t = this.l10n.t;
    return html`
      ${this.shown ? this.renderBanner() : nothing}
      <p class="sr-only" role="status">${this.announcement}</p>
    `;
  }

  private renderBanner() {
    const t = this.l10n.t;
    return html`<section class="root banner" part="banner" aria-labelledby="cookie-heading">
      <h2 id="cookie-heading" tabindex="-1" part="heading">${t.heading}</h2>
      <p>${t.text} ${this.policyUrl ? html`<a href=${ifDefined(this.policyUrl)}>${t.policyLink}</a>` : nothing}</p>
      ${this.choosing
        ? html`<ul>
            ${this.categories.map(
              (c) => html`<li part="category">
                <label>
                  <input type="checkbox" .checked=${this.choice[c.key]} ?disabled=${c.required}
                    @change=${(e: Event) => (this.choice = { ...this.choice, [c.key]: (e.target as HTMLInputElement).checked })} />
                  <span><strong>${c.title}</strong>${c.required ? ` (${t.alwaysOn})` : ''}${c.purpose ? html`<br />${c.purpose}` : nothing}</span>
                </label>
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="row">
        <button type="button" class="primary" part="primary-button" @click=${() => this.decide(() => true)}>${t.acceptAll}</button>
        <button type="button" class="primary" part="primary-button" @click=${() => this.decide(() => false)}>${t.refuseAll}</button>
        ${this.choosing
          ? html`<button type="button" part="button" @click=${() => this.decide((c) => !!this.choice[c.key])}>${t.save}</button>`
          : html`<button type="button" part="button" aria-expanded="false" @click=${() => (this.choosing = true)}>${t.choose}</button>`}
      </div>
    </section>`;
  }
}
