import { html, nothing } from 'lit';
import type { privacyCenterData as en } from '../i18n/en/privacy-center-data.js';
import { ApiError } from '../shared/api.controller.js';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/locale.controller.js';
import { renderAccountPanel, renderRightsPanel, type Panel } from './center-panels.js';
import { renderData, when, type Reading } from './data-sections.js';
import { valuesOf } from './fields.js';
import type { ConsentState, DestructionReceipt, MyData, WithdrawalPreview, WithdrawnDetail } from './types.js';
import type { View, ViewHost, ViewProps } from './view-props.js';

/**
 * The center once the address is proved (or the member logged in): what is held, readable and as JSON; the
 * consents, one control each; corrections, complaints, member information; and erasing everything, previewed and
 * confirmed. Loaded only when reached, so the first step does not pay for it. It keeps what it shows; the element
 * gives it the rest (`ViewProps`) and it acts through the callbacks there.
 */
export class CenterView {
  _data?: MyData;
  _consents?: ConsentState[];
  _preview?: WithdrawalPreview;
  _receipt?: DestructionReceipt;
  _me?: Record<string, string | null>;
  _panel: Panel = 'none';
  _done = '';
  private _zone = 'Asia/Seoul';
  readonly _l10n: LocaleController<typeof en>;

  constructor(
    private readonly host: ViewHost,
    private readonly props: () => ViewProps,
  ) {
    this._l10n = new LocaleController(host, {
      en: () => import('../i18n/en/privacy-center-data.js').then((m) => m.privacyCenterData),
      ko: () => import('../i18n/ko/privacy-center-data.js').then((m) => m.privacyCenterData),
    });
  }

  get _d() {
    return this._l10n.t!;
  }

  /** What the element gives, as it is now. */
  get _p(): ViewProps {
    return this.props();
  }

  get _member(): boolean {
    return this._p._credential?.kind === 'member';
  }

  private get _auth() {
    const p = this._p;
    return { headers: p._headers, params: { locale: p._locale } };
  }

  /** Forgets what was shown: the next person at this screen sees nothing of it. */
  _clear(): void {
    this._data = this._consents = this._preview = this._me = undefined;
    this._panel = 'none';
    this._done = '';
  }

  async _load(): Promise<void> {
    const client = this._p._client;
    try {
      const [data, consents, clinic] = await Promise.all([
        client.get<MyData>('/api/privacy/my-data', this._auth),
        client.get<{ items: ConsentState[] }>('/api/privacy/consents', this._auth),
        client.get<{ timeZone?: string }>('/api/clinic').catch(() => ({ timeZone: undefined })),
      ]);
      this._zone = clinic.timeZone ?? this._zone;
      this._data = data;
      this._consents = consents.items;
    } catch (error) {
      this._p._fail(error);
    }
    this.host.requestUpdate();
  }

  /** Moves focus where attention now is, since the button just pressed may be gone. */
  private _focus(selector: string): void {
    this._p._focus(selector);
  }

  _open(panel: Panel): void {
    this._panel = panel;
    this._done = '';
    this._p._clearErrors();
    if (panel !== 'modify') return this._focus(panel === 'none' ? 'h2' : '.panel h3');
    void this._p._run(async () => {
      this._me = await this._p._client.get('/api/members/me', this._auth);
      this._focus('.panel h3');
    });
  }

  /** Runs one action, then says what it did and moves focus to the words. */
  _act(work: () => Promise<string>, reload = true): Promise<void> {
    return this._p._run(async () => {
      this._done = await work();
      this._panel = 'none';
      this._p._announce(this._done);
      this._focus('.done');
      if (reload) await this._load();
    });
  }

  private _download = () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify({ data: this._data }, null, 2)], { type: 'application/json' }));
    link.download = `my-data-${this._data!.generatedAt.slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
    this._done = this._d._downloaded;
    this._p._announce(this._done);
    this.host.requestUpdate();
  };

  /** One consent changed by its own control; the box shows what the server holds once the answer is in. */
  private _toggle(item: ConsentState, box: HTMLInputElement): void {
    const granted = box.checked;
    void this._act(async () => {
      await this._p._client.post('/api/privacy/consents', { ...this._auth, body: { consents: { [item.key]: granted } } });
      return this._d._saved(item.title, granted);
    }).then(() => (box.checked = this._consents?.find((c) => c.key === item.key)?.granted ?? !granted));
  }

  _signOut = () =>
    void this._p._run(async () => {
      if (!this._member) await this._p._client.request('DELETE', '/api/privacy/session', { headers: this._p._headers }).catch(() => undefined);
      this._p._signOut('signed-out');
      await this._p._go('start', 'SIGNED_OUT');
    });

  _withdraw = () =>
    void this._p._run(async () => {
      this._preview = await this._p._client.get<WithdrawalPreview>('/api/privacy/withdrawal', this._auth);
      await this._p._go('withdraw');
    });

  private _erase = () =>
    void this._p._run(async () => {
      const receipt = await this._p._client.post<DestructionReceipt>('/api/privacy/withdrawal', this._auth);
      this._p._signOut('withdrawn');
      this._receipt = receipt;
      await this._p._go('withdrawn');
      emit<WithdrawnDetail>(this.host, 'clinic-privacy-withdrawn', { reference: receipt.reference, destroyedAt: receipt.destroyedAt });
    });

  /** The forms of the panels: correction, complaint, member information, password. */
  _submit = (e: SubmitEvent) => {
    e.preventDefault();
    const values = valuesOf(e.target as HTMLFormElement);
    const d = this._d;
    const client = this._p._client;
    if (this._panel === 'correct') {
      const { field, value, reason } = values;
      if (this._p._invalid(value ? {} : { value: d._fields.value }, () => d._fields.value)) return;
      void this._act(async () => d._corrected((await client.post<{ reference: string }>('/api/privacy/corrections', { ...this._auth, body: { field, value, ...(reason ? { reason } : {}) } })).reference));
    } else if (this._panel === 'complain') {
      const body = { email: values.email, message: values.message, locale: this._p._locale, ...(values.name ? { name: values.name } : {}) };
      void this._act(async () => d._complained((await client.post<{ reference: string }>('/api/privacy/complaints', { body })).reference));
    } else if (this._panel === 'modify') {
      // An emptied field clears it (`null`); the language always has one.
      const body = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value || null]));
      void this._act(async () => (await client.request('PUT', '/api/members/me', { ...this._auth, body }), d._modified));
    } else if (this._panel === 'password') {
      if (this._p._invalid(values.password === values.passwordConfirmation ? {} : { passwordConfirmation: d._passwordsDiffer }, () => d._passwordsDiffer)) return;
      void this._act(async () => {
        try {
          const { jwt } = await client.post<{ jwt: string }>('/api/auth/change-password', { ...this._auth, body: values, envelope: true });
          this._p._setCredential({ kind: 'member', token: jwt });
          return d._passwordChanged;
        } catch (error) {
          // users-permissions refuses a wrong current password with a bare 400.
          if (error instanceof ApiError && error.status === 400 && !error.details.code) throw new ApiError(400, 'WRONG_PASSWORD');
          throw error;
        }
      }, false);
    }
  };

  _render(view: View) {
    if (!this._l10n.t) return nothing;
    const reading: Reading = { d: this._d, locale: this._p._locale, zone: this._zone };
    if (view === 'withdraw') return this._renderPreview(reading);
    if (view === 'confirm') return this._renderConfirm();
    if (view === 'withdrawn') return this._renderReceipt(reading);
    return this._renderCenter(reading);
  }

  private _button(label: string, onClick: () => void, part = 'button') {
    return html`<button type="button" part=${part} class=${part === 'button' ? '' : part === 'danger-button' ? 'danger' : 'primary'} aria-disabled=${this._p._busy ? 'true' : 'false'} @click=${onClick}>${label}</button>`;
  }

  private _renderCenter(r: Reading) {
    const d = this._d;
    const data = this._data;
    const expires = this._p._credential?.expiresAt;
    const titles = Object.fromEntries((this._consents ?? []).map((c) => [c.key, c.title]));
    return html`${this._p._heading(d._heading)}
      ${expires ? html`<p class="hint">${d._until(when(r, expires))}</p>` : nothing}
      <div class="row">
        ${data ? this._button(d._download, this._download) : nothing} ${this._button(this._member ? d._logOut : d._signOut, this._signOut)}
      </div>
      ${this._done ? html`<p class="done" tabindex="-1">${this._done}</p>` : nothing}
      ${data
        ? html`${data.reservations.length + data.consultations.length + data.complaints.length + data.ledger.length === 0 && !data.profile ? html`<p>${d._nothing}</p>` : nothing}
            ${this._renderConsents()} ${renderData(r, data, titles)}
            ${renderRightsPanel(this)} ${this._member ? renderAccountPanel(this) : nothing}`
        : html`<p>${this._p._t._loading}</p>`}`;
  }

  private _renderConsents() {
    const d = this._d;
    const items = this._consents ?? [];
    return html`<section part="section">
      <h3>${d._consents}</h3>
      <p class="hint">${d._consentsIntro}</p>
      <ul class="consents">
        ${items.map((item) => {
          const state = `${item.granted ? d._granted : item.occurredAt ? d._withdrawnState : d._notGiven}${item.scope && item.scope !== 'subject' ? ` (${d._fields.scope}: ${item.scope})` : ''}`;
          return html`<li part="consent-item">
            ${item.required
              ? html`<p><strong>${item.title}</strong> (${d._required}): ${state}</p>`
              : html`<label><input type="checkbox" .checked=${item.granted} aria-describedby="pc-c-${item.key}" @change=${(e: Event) => this._toggle(item, e.target as HTMLInputElement)} />
                  <span><strong>${item.title}</strong> (${d._optional})</span></label>
                  <p class="hint" id="pc-c-${item.key}">${state}</p>`}
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private _renderPreview(r: Reading) {
    const d = this._d;
    const p = this._preview!;
    const goes = [
      ...(p.member ? [d._previewMember] : []),
      ...p.reservations.map((x) => d._previewReservation(x.reference, when(r, x.start), x.service ?? '')),
      ...p.consultations.map((x) => d._previewConsultation(x.reference)),
      ...p.complaints.map((x) => d._previewComplaint(x.reference)),
      ...(p.corrections ? [d._previewCorrections(p.corrections)] : []),
      ...(p.boardPosts ? [d._previewPosts(p.boardPosts)] : []),
      ...(p.boardComments ? [d._previewComments(p.boardComments)] : []),
      d._previewConsents,
    ];
    return html`${this._p._heading(d._previewHeading)}
      <p>${d._previewIntro}</p>
      <ul class="goes">${goes.map((line) => html`<li>${line}</li>`)}</ul>
      <div class="row">${this._button(d._keep, () => void this._p._go('center'))} ${this._button(d._continue, () => void this._p._go('confirm'), 'primary-button')}</div>`;
  }

  private _renderConfirm() {
    const d = this._d;
    return html`${this._p._heading(d._confirmHeading)}
      <p>${d._confirmText}</p>
      <div class="row">${this._button(d._keep, () => void this._p._go('center'))} ${this._button(d._confirmYes, this._erase, 'danger-button')}</div>`;
  }

  private _renderReceipt(r: Reading) {
    const d = this._d;
    const receipt = this._receipt!;
    return html`${this._p._heading(d._receiptHeading)}
      <div part="receipt" class="receipt">
        <p>${d._receiptText(receipt.reference, when(r, receipt.destroyedAt))}</p>
        <ul>${receipt.categories.map((c) => html`<li>${d._receiptCount(d._categories[c.category] ?? c.category, c.count)}</li>`)}</ul>
      </div>
      <div class="row">${this._button(this._p._t._back, () => void this._p._go('start'))}</div>`;
  }
}
