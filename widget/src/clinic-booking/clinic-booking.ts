import { ClinicBookingElement } from './clinic-booking.component.js';
import type { BookingCancelledDetail, BookingCreatedDetail } from './types.js';

export { ClinicBookingElement };
export type { BookingCancelledDetail, BookingCreatedDetail };

if (!customElements.get('clinic-booking')) customElements.define('clinic-booking', ClinicBookingElement);

declare global {
  interface HTMLElementTagNameMap {
    'clinic-booking': ClinicBookingElement;
  }
  interface GlobalEventHandlersEventMap {
    'clinic-booking-created': CustomEvent<BookingCreatedDetail>;
    'clinic-booking-cancelled': CustomEvent<BookingCancelledDetail>;
  }
}
