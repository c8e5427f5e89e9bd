import { ClinicPrivacyCenterElement } from './clinic-privacy-center.component.js';
import type { SignedInDetail, SignedOutDetail, WithdrawnDetail } from './types.js';

export { ClinicPrivacyCenterElement };
export type { SignedInDetail, SignedOutDetail, WithdrawnDetail };

if (!customElements.get('clinic-privacy-center')) customElements.define('clinic-privacy-center', ClinicPrivacyCenterElement);

declare global {
  interface HTMLElementTagNameMap {
    'clinic-privacy-center': ClinicPrivacyCenterElement;
  }
  interface GlobalEventHandlersEventMap {
    'clinic-privacy-signed-in': CustomEvent<SignedInDetail>;
    'clinic-privacy-signed-out': CustomEvent<SignedOutDetail>;
    'clinic-privacy-withdrawn': CustomEvent<WithdrawnDetail>;
  }
}
