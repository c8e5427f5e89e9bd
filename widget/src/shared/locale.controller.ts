import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Locale = 'en' | 'ko';
const locales: readonly Locale[] = ['en', 'ko'];

type LocaleHost = ReactiveControllerHost & HTMLElement & { locale?: string | null };

function supported(tag: string | null | undefined): Locale | undefined {
  const primary = tag?.toLowerCase().split('-')[0];
  return locales.find((locale) => locale === primary);
}

/**
 * Picks the element's language: its `locale` attribute, else the page's `<html lang>`, else English,
 * and re-renders the element when the page changes its language.
 */
export class LocaleController<Catalogue> implements ReactiveController {
  private observer?: MutationObserver;

  constructor(
    private readonly host: LocaleHost,
    private readonly catalogues: Record<Locale, Catalogue>,
  ) {
    host.addController(this);
  }

  get locale(): Locale {
    return supported(this.host.locale) ?? supported(document.documentElement.lang) ?? 'en';
  }

  get t(): Catalogue {
    return this.catalogues[this.locale];
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.host.requestUpdate());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }
}
