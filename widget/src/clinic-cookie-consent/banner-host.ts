import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { render } from 'lit/html.js';

/**
 * The part of LitElement the banner needs: lit-html rendering into a shadow root and the reactive-controller
 * protocol. Every page of a site loads the banner, so it leaves out Lit's property machinery (about 2 KB
 * gzipped) and re-renders when told to.
 * @internal
 */
export abstract class BannerHost extends HTMLElement implements ReactiveControllerHost {
  static observedAttributes = ['api', 'locale', 'policy-url'];
  /** @internal */
  readonly renderRoot = this.attachShadow({ mode: 'open' });
  /** @internal */
  updateComplete = Promise.resolve(true);
  private _controllers: ReactiveController[] = [];
  private _queued = false;

  constructor(css: string) {
    super();
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    this.renderRoot.adoptedStyleSheets = [sheet];
  }

  get api(): string | null {
    return this.getAttribute('api');
  }

  get locale(): string | null {
    return this.getAttribute('locale');
  }

  /** @internal */
  addController(controller: ReactiveController): void {
    this._controllers.push(controller);
  }

  /** @internal */
  removeController(controller: ReactiveController): void {
    this._controllers = this._controllers.filter((c) => c !== controller);
  }

  connectedCallback(): void {
    for (const c of this._controllers) c.hostConnected?.();
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    for (const c of this._controllers) c.hostDisconnected?.();
  }

  attributeChangedCallback(): void {
    this.requestUpdate();
  }

  /** @internal */
  requestUpdate(): void {
    if (this._queued) return;
    this._queued = true;
    this.updateComplete = Promise.resolve().then(() => {
      this._queued = false;
      for (const c of this._controllers) c.hostUpdate?.();
      this.willUpdate();
      render(this.render(), this.renderRoot, { host: this });
      for (const c of this._controllers) c.hostUpdated?.();
      return true;
    });
  }

  protected abstract willUpdate(): void;
  protected abstract render(): unknown;
}
