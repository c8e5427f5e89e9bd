import { html, LitElement, nothing } from 'lit';
import { ApiController, ApiError } from '../shared/api.controller.js';
import { baseStyles } from '../shared/base.styles.js';
import { LocaleController } from '../shared/locale.controller.js';
import { formatDay } from '../shared/time.js';
import { styles } from './clinic-privacy-policy.styles.js';

interface VersionEntry {
  version: number;
  effectiveDate: string;
  title?: string;
  status?: 'in_effect' | 'superseded' | 'upcoming';
}

/** What `GET /api/privacy-policy` answers (inside `data`). */
export interface PrivacyPolicy extends VersionEntry {
  title: string;
  introduction?: string | null;
  sections: { heading: string; body: string }[];
  officer?: { name?: string; title?: string; phone?: string; email?: string };
  history?: VersionEntry[];
  upcoming?: { version: number; effectiveDate: string } | null;
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
  static override properties = {
    api: {},
    locale: {},
    version: {},
    _policy: { state: true },
    _failed: { state: true },
  };

  /** Base URL of the Clinic CMS server; defaults to the origin this script was loaded from. */
  api?: string;
  /** `ko` or `en`; defaults to the page's `<html lang>`, else English. */
  locale?: string;
  /** A version to show instead of the one in effect. */
  version?: string;

  private readonly _client = new ApiController(this);
  private readonly _l10n = new LocaleController(this, {
    en: () => import('../i18n/en/policy.js').then((m) => m.policy),
    ko: () => import('../i18n/ko/policy.js').then((m) => m.policy),
  });
  private _policy?: PrivacyPolicy;
  private _failed = false;
  private _loadedFor = '';
  private _focusTitle = false;

  protected override willUpdate(): void {
    const key = `${this._client.base}|${this._l10n.locale}|${this.version ?? ''}`;
    if (key !== this._loadedFor) {
      this._loadedFor = key;
      void this._load();
    }
  }

  /** Shows another version at the reader's request; focus moves to its title once it has loaded. */
  private _show(version?: string): void {
    this.version = version;
    this._focusTitle = true;
  }

  private async _load(): Promise<void> {
    this._failed = false;
    try {
      const policy = await this._client.get<PrivacyPolicy>('/api/privacy-policy', { params: { locale: this._l10n.locale, version: this.version } });
      this._policy = policy;
      if (this._focusTitle) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
      this._focusTitle = false;
    } catch (error) {
      if (error instanceof ApiError) this._failed = true;
    }
  }

  private _date(iso: string): string {
    return formatDay(iso.slice(0, 10), this._l10n.locale, { dateStyle: 'long' });
  }

  private get _t() {
    return this._l10n.t!;
  }

  override render() {
    if (!this._l10n.t) return nothing;
    const t = this._t;
    const p = this._policy;
    if (this._failed)
      return html`<div class="root" part="base" role="alert">
        <p>${t._failed}</p>
        <button type="button" part="button" @click=${this._load}>${t._retry}</button>
      </div>`;
    if (!p) return html`<div class="root" part="base"><p role="status">${t._loading}</p></div>`;
    const inEffect = String(p.history?.find((entry) => entry.status === 'in_effect')?.version ?? (this.version ? '' : p.version));
    return html`<article class="root" part="base" lang=${this._l10n.locale}>
      <h2 tabindex="-1" part="heading">${p.title}</h2>
      <p class="meta">${t._version(p.version)} · ${t._effective(this._date(p.effectiveDate))}</p>
      ${this.version && String(p.version) !== inEffect
        ? html`<p class="notice" role="note">${t._older} <button type="button" part="button" @click=${() => this._show()}>${t._showCurrent}</button></p>`
        : nothing}
      ${p.upcoming ? html`<p class="notice" role="note">${t._upcoming(p.upcoming.version, this._date(p.upcoming.effectiveDate))}</p>` : nothing}
      ${p.introduction ? html`<p>${p.introduction}</p>` : nothing}
      ${p.sections.map(
        (section) => html`<section part="section">
          <h3>${section.heading}</h3>
          ${section.body.split(/\n\s*\n/).map((para) => html`<p>${para}</p>`)}
        </section>`,
      )}
      ${p.officer ? this._renderOfficer(p.officer) : nothing}
      ${this._renderHistory(p, inEffect)}
    </article>`;
  }

  private _renderOfficer(officer: NonNullable<PrivacyPolicy['officer']>) {
    return html`<section part="officer" class="officer">
      <h3>${this._t._officer}</h3>
      <p>
        ${[officer.name, officer.title].filter(Boolean).join(', ')}
        ${officer.phone ? html`<br /><a href="tel:${officer.phone.replace(/[^\d+]/g, '')}">${officer.phone}</a>` : nothing}
        ${officer.email ? html`<br /><a href="mailto:${officer.email}">${officer.email}</a>` : nothing}
      </p>
    </section>`;
  }

  /** Every version known, newest first, whether or not the server lists the one shown in its history. */
  private _renderHistory(p: PrivacyPolicy, inEffect: string) {
    const t = this._t;
    const versions = [...(p.history ?? []), { version: p.version, effectiveDate: p.effectiveDate }]
      .filter((entry, i, all) => all.findIndex((other) => String(other.version) === String(entry.version)) === i)
      .sort((a, b) => (a.effectiveDate < b.effectiveDate ? 1 : -1));
    if (versions.length < 2) return nothing;
    return html`<nav part="history" aria-labelledby="history">
      <h3 id="history">${t._history}</h3>
      <ul>
        ${versions.map((entry) => {
          const shown = String(entry.version) === String(p.version);
          const label = `${t._version(entry.version)} · ${t._effective(this._date(entry.effectiveDate))}${String(entry.version) === inEffect ? ` (${t._current})` : ''}`;
          return html`<li>
            <button type="button" part="button" aria-current=${shown ? 'true' : 'false'}
              @click=${() => this._show(String(entry.version) === inEffect ? undefined : String(entry.version))}>${label}</button>
          </li>`;
        })}
      </ul>
    </nav>`;
  }
}

