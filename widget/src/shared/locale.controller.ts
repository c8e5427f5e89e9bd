import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Locale = 'en' | 'ko';
const locales: readonly Locale[] = ['en', 'ko'];

/** One element's strings per locale, loaded on demand so a page downloads only the language it shows. */
export type Catalogues<T> = Record<Locale, () => Promise<T>>;

type LocaleHost = ReactiveControllerHost & HTMLElement & { locale?: string | null };

function supported(tag: string | null | undefined): Locale | undefined {
  const primary = tag?.toLowerCase().split('-')[0];
  return locales.find((locale) => locale === primary);
}

/**
 * Picks the element's language: its `locale` attribute, else the page's `<html lang>`, else English;
 * loads that language's strings and re-renders the element when the page changes its language.
 * `t` keeps the previous language's strings until the new ones arrive, so nothing flashes empty.
 */
export class LocaleController<T> implements ReactiveController {
  t?: T;
  private requested?: Locale;
  private observer?: MutationObserver;

  constructor(
    private readonly host: LocaleHost,
    private readonly catalogues: Catalogues<T>,
  ) {
    host.addController(this);
  }

  get locale(): Locale {
    return supported(this.host.locale) ?? supported(document.documentElement.lang) ?? 'en';
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.host.requestUpdate());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  hostUpdate(): void {
    const locale = this.locale;
    if (locale === this.requested) return;
    this.requested = locale;
    void this.catalogues[locale]().then((strings) => {
      if (this.requested !== locale) return;
      this.t = strings;
      this.host.requestUpdate();
    });
  }
}
