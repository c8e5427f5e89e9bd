import { ClinicCookieConsentElement, type ConsentChangeDetail } from './clinic-cookie-consent.component.js';

export { ClinicCookieConsentElement };
export type { ConsentChangeDetail };

if (!customElements.get('clinic-cookie-consent')) customElements.define('clinic-cookie-consent', ClinicCookieConsentElement);

declare global {
  interface HTMLElementTagNameMap {
    'clinic-cookie-consent': ClinicCookieConsentElement;
  }
  interface GlobalEventHandlersEventMap {
    'clinic-consent-change': CustomEvent<ConsentChangeDetail>;
  }
}
