import { html, LitElement, nothing } from 'lit';
import { ApiController, ApiError } from '../shared/api.controller.js';
import { baseStyles } from '../shared/base.styles.js';
import { LocaleController } from '../shared/locale.controller.js';
import { formatInstant } from '../shared/time.js';
import { styles } from './clinic-board.styles.js';

/** One post as `GET /api/board/posts` lists it: a display name, never an e-mail or phone. */
export interface BoardPost {
  id: string;
  title: string;
  body: string;
  category: string;
  displayName: string;
  createdAt: string;
  answer: { body: string; answeredAt: string } | null;
  commentCount: number;
}

interface Pagination {
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
}

/**
 * The clinic's bulletin board, read-only: published posts, newest first, a page at a time, with
 * the clinic's answers. Writing needs the member to log in on the clinic's own site (`write-href`).
 *
 * @tagname clinic-board
 * @csspart base - The element's frame.
 * @csspart heading - The board's title.
 * @csspart post - One post.
 * @csspart answer - The clinic's answer to a post.
 * @csspart pagination - The page buttons and the page number.
 * @csspart button - Buttons (pages, retry).
 * @cssproperty --clinic-color-accent - Links, buttons and the answer's rule. Default `#0a58a8`.
 * @cssproperty --clinic-color-text - Body text. Default `#1b1f24`.
 * @cssproperty --clinic-color-muted - Names, dates and counts. Default `#4b5563`.
 * @cssproperty --clinic-color-border - Lines between posts. Default `#d0d7de`.
 * @cssproperty --clinic-color-surface - Background. Default `#fff`.
 * @cssproperty --clinic-color-focus - Focus outline. Default `#c25e00`.
 * @cssproperty --clinic-font-family - Font. Default the system UI font.
 */
export class ClinicBoardElement extends LitElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    api: {},
    locale: {},
    category: {},
    pageSize: { attribute: 'page-size', type: Number },
    writeHref: { attribute: 'write-href' },
    _posts: { state: true },
    _page: { state: true },
    _pageCount: { state: true },
    _failed: { state: true },
  };

  /** Base URL of the Clinic CMS server; defaults to the origin this script was loaded from. */
  api?: string;
  /** `ko` or `en`; defaults to the page's `<html lang>`, else English. */
  locale?: string;
  /** Only posts of this category: `general`, `review` or `question`. */
  category?: string;
  /** Posts per page (1–50). Default 10. */
  pageSize = 10;
  /** Where members write: a page of the clinic's site where they log in. No link when absent. */
  writeHref?: string;

  private readonly _client = new ApiController(this);
  private readonly _l10n = new LocaleController(this, {
    en: () => import('../i18n/en/board.js').then((m) => m.board),
    ko: () => import('../i18n/ko/board.js').then((m) => m.board),
  });
  private _posts?: BoardPost[];
  private _page = 1;
  private _pageCount = 0;
  private _failed = false;
  private _loadedFor = '';
  private _focusHeading = false;

  protected override willUpdate(): void {
    const key = `${this._client.base}|${this._l10n.locale}|${this.category ?? ''}|${this.pageSize}|${this._page}`;
    if (key !== this._loadedFor) {
      this._loadedFor = key;
      void this._load();
    }
  }

  private async _load(): Promise<void> {
    this._failed = false;
    try {
      const { data, meta } = await this._client.getPage<BoardPost[], Pagination>('/api/board/posts', {
        params: { locale: this._l10n.locale, page: this._page, pageSize: this.pageSize, category: this.category },
      });
      this._posts = data;
      this._pageCount = meta.pagination.pageCount;
      if (this._focusHeading) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
      this._focusHeading = false;
    } catch (error) {
      if (error instanceof ApiError) this._failed = true;
    }
  }

  /** Another page at the reader's request; focus goes back to the board's title so reading starts from the top. */
  private _go(page: number): void {
    this._page = page;
    this._focusHeading = true;
  }

  private get _t() {
    return this._l10n.t!;
  }

  override render() {
    if (!this._l10n.t) return nothing;
    const t = this._t;
    if (this._failed)
      return html`<div class="root" part="base" role="alert">
        <p>${t._failed}</p>
        <button type="button" part="button" @click=${this._load}>${t._retry}</button>
      </div>`;
    if (!this._posts) return html`<div class="root" part="base"><p role="status">${t._loading}</p></div>`;
    return html`<section class="root" part="base" lang=${this._l10n.locale} aria-labelledby="board-heading">
      <h2 id="board-heading" tabindex="-1" part="heading">${t._heading}</h2>
      ${this.writeHref ? html`<p><a href=${this.writeHref}>${t._write}</a></p>` : nothing}
      ${this._posts.length === 0
        ? html`<p>${t._empty}</p>`
        : html`<ul>
            ${this._posts.map((post) => html`<li>${this._renderPost(post)}</li>`)}
          </ul>`}
      ${this._renderPagination()}
    </section>`;
  }

  private _renderPost(post: BoardPost) {
    const t = this._t;
    const when = formatInstant(post.createdAt, this._l10n.locale, undefined, { dateStyle: 'medium' });
    return html`<article part="post" aria-labelledby="post-${post.id}">
      <h3 id="post-${post.id}">${post.title}</h3>
      <p class="meta">
        ${t._category[post.category] ?? post.category} · ${post.displayName} ·
        <time datetime=${post.createdAt}>${when}</time>${post.commentCount ? html` · ${t._comments(post.commentCount)}` : nothing}
      </p>
      ${post.body.split(/\n\s*\n/).map((para) => html`<p>${para}</p>`)}
      ${post.answer
        ? html`<div class="answer" part="answer">
            <h4>${t._answer}</h4>
            <p>${post.answer.body}</p>
          </div>`
        : nothing}
    </article>`;
  }

  private _renderPagination() {
    if (this._pageCount < 2) return nothing;
    const t = this._t;
    return html`<nav part="pagination" aria-label=${t._pages}>
      <button type="button" part="button" ?disabled=${this._page <= 1} @click=${() => this._go(this._page - 1)}>${t._previous}</button>
      <span role="status">${t._page(this._page, this._pageCount)}</span>
      <button type="button" part="button" ?disabled=${this._page >= this._pageCount} @click=${() => this._go(this._page + 1)}>
        ${t._next}
      </button>
    </nav>`;
  }
}
