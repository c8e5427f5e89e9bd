import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { policy as en } from '../i18n/en.js';
import { policy as ko } from '../i18n/ko.js';
import { ApiController, ApiError } from '../shared/api.controller.js';
import { baseStyles } from '../shared/base.styles.js';
import { LocaleController } from '../shared/locale.controller.js';
import { formatDay } from '../shared/time.js';
import { styles } from './clinic-privacy-policy.styles.js';

export interface PrivacyPolicy {
  version: number | string;
  effectiveDate: string;
  title: string;
  sections: { heading: string; body: string }[];
  officer?: { name?: string; title?: string; phone?: string; email?: string };
  history?: { version: number | string; effectiveDate: string }[];
}

/**
 * The clinic's privacy policy in effect, its privacy officer, and its earlier versions.
 *
 * @tagname clinic-privacy-policy
 * @csspart base - The element's frame.
 * @csspart heading - The policy's title.
 * @csspart section - One section of the policy.
 * @csspart officer - The privacy officer's contact.
 * @csspart history - The list of versions.
 * @csspart button - Buttons (versions, retry).
 * @cssproperty --clinic-color-accent - Links and buttons. Default `#0a58a8`.
 * @cssproperty --clinic-color-text - Body text. Default `#1b1f24`.
 * @cssproperty --clinic-color-muted - Dates and notes. Default `#4b5563`.
 * @cssproperty --clinic-color-surface - Background. Default `#fff`.
 * @cssproperty --clinic-color-focus - Focus outline. Default `#c25e00`.
 * @cssproperty --clinic-font-family - Font. Default the system UI font.
 */
export class ClinicPrivacyPolicyElement extends LitElement {
  static override styles = [baseStyles, styles];

  /** Base URL of the Clinic CMS server; defaults to the origin this script was loaded from. */
  @property() api?: string;
  /** `ko` or `en`; defaults to the page's `<html lang>`, else English. */
  @property() locale?: string;
  /** A version to show instead of the one in effect. */
  @property() version?: string;

  private readonly client = new ApiController(this);
  private readonly l10n = new LocaleController(this, { en, ko });
  @state() private policy?: PrivacyPolicy;
  @state() private failed = false;
  /** The version in effect, learnt from the last load without `version`. */
  @state() private inEffect?: string;
  private loadedFor = '';

  protected override willUpdate(): void {
    const key = `${this.client.base}|${this.l10n.locale}|${this.version ?? ''}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('version') && changed.get('version') !== undefined) this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private async load(): Promise<void> {
    this.failed = false;
    try {
      const policy = await this.client.get<PrivacyPolicy>('/api/privacy-policy', { params: { locale: this.l10n.locale, version: this.version } });
      if (!this.version) this.inEffect = String(policy.version);
      this.policy = policy;
    } catch (error) {
      if (error instanceof ApiError) this.failed = true;
    }
  }

  private date(iso: string): string {
    return formatDay(iso.slice(0, 10), this.l10n.locale, { dateStyle: 'long' });
  }

  override render() {
    const t = this.l10n.t;
    const p = this.policy;
    if (this.failed)
      return html`<div class="root" part="base" role="alert">
        <p>${t.failed}</p>
        <button type="button" part="button" @click=${this.load}>${t.retry}</button>
      </div>`;
    if (!p) return html`<div class="root" part="base"><p role="status">${t.loading}</p></div>`;
    const inEffect = this.inEffect ?? String(p.version);
    return html`<article class="root" part="base" lang=${this.l10n.locale}>
      <h2 tabindex="-1" part="heading">${p.title}</h2>
      <p class="meta">${t.version(p.version)} · ${t.effective(this.date(p.effectiveDate))}</p>
      ${this.version && String(p.version) !== inEffect
        ? html`<p class="notice" role="note">${t.older} <button type="button" part="button" @click=${() => (this.version = undefined)}>${t.showCurrent}</button></p>`
        : nothing}
      ${p.sections.map(
        (section) => html`<section part="section">
          <h3>${section.heading}</h3>
          ${section.body.split(/\n\s*\n/).map((para) => html`<p>${para}</p>`)}
        </section>`,
      )}
      ${p.officer ? this.renderOfficer(p.officer) : nothing}
      ${this.renderHistory(p, inEffect)}
    </article>`;
  }

  private renderOfficer(officer: NonNullable<PrivacyPolicy['officer']>) {
    return html`<section part="officer" class="officer">
      <h3>${this.l10n.t.officer}</h3>
      <p>
        ${[officer.name, officer.title].filter(Boolean).join(', ')}
        ${officer.phone ? html`<br /><a href="tel:${officer.phone.replace(/[^\d+]/g, '')}">${officer.phone}</a>` : nothing}
        ${officer.email ? html`<br /><a href="mailto:${officer.email}">${officer.email}</a>` : nothing}
      </p>
    </section>`;
  }

  /** Every version known, newest first, whether or not the server lists the one shown in its history. */
  private renderHistory(p: PrivacyPolicy, inEffect: string) {
    const t = this.l10n.t;
    const versions = [...(p.history ?? []), { version: p.version, effectiveDate: p.effectiveDate }]
      .filter((entry, i, all) => all.findIndex((other) => String(other.version) === String(entry.version)) === i)
      .sort((a, b) => (a.effectiveDate < b.effectiveDate ? 1 : -1));
    if (versions.length < 2) return nothing;
    return html`<nav part="history" aria-labelledby="history">
      <h3 id="history">${t.history}</h3>
      <ul>
        ${versions.map((entry) => {
          const shown = String(entry.version) === String(p.version);
          const label = `${t.version(entry.version)} · ${t.effective(this.date(entry.effectiveDate))}${String(entry.version) === inEffect ? ` (${t.current})` : ''}`;
          return html`<li>
            <button type="button" part="button" aria-current=${shown ? 'true' : 'false'}
              @click=${() => (this.version = String(entry.version) === inEffect ? undefined : String(entry.version))}>${label}</button>
          </li>`;
        })}
      </ul>
    </nav>`;
  }
}

