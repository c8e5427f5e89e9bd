import type { BookingCancelledDetail } from '../clinic-booking/types.js';
import { ClinicBookingManageElement } from './clinic-booking-manage.component.js';
// Rides on clinic-booking.js, which holds the slot picker, styles and strings both elements use: one file compresses
// better than two, so the booking form's budget does not pay for the split. A page with only this element gets both.
import '../clinic-booking/clinic-booking.js';

export { ClinicBookingManageElement };
export type { BookingCancelledDetail };

if (!customElements.get('clinic-booking-manage')) customElements.define('clinic-booking-manage', ClinicBookingManageElement);

declare global {
  interface HTMLElementTagNameMap {
    'clinic-booking-manage': ClinicBookingManageElement;
  }
  interface GlobalEventHandlersEventMap {
    'clinic-booking-cancelled': CustomEvent<BookingCancelledDetail>;
  }
}
