import { ClinicPrivacyPolicyElement } from './clinic-privacy-policy.component.js';

export { ClinicPrivacyPolicyElement };

if (!customElements.get('clinic-privacy-policy')) customElements.define('clinic-privacy-policy', ClinicPrivacyPolicyElement);

declare global {
  interface HTMLElementTagNameMap {
    'clinic-privacy-policy': ClinicPrivacyPolicyElement;
  }
}
