export interface Practitioner {
  id: number | string;
  name: string;
}

export interface Service {
  id: number | string;
  name: string;
  durationMinutes?: number;
  description?: string;
  practitioners?: Practitioner[];
}

export interface Slot {
  start: string;
  end: string;
  practitionerId?: number | string;
}

export interface ConsentItem {
  key: string;
  title: string;
  purpose?: string;
  dataCategories?: string | string[];
  retention?: string;
  required: boolean;
  refusalConsequence?: string;
}

export interface ConsentItems {
  policyVersion: number | string;
  items: ConsentItem[];
}

/** What `POST /api/booking/reservations` answers and `GET /api/booking/manage/:token` shows (masked). */
export interface Reservation {
  reference: string;
  manageToken?: string;
  status: string;
  start: string;
  end: string;
  timeZone?: string;
  service?: { id: number | string; name: string } | number | string;
  practitioner?: { id: number | string; name: string } | number | string | null;
  patient?: { name?: string; email?: string; phone?: string };
}

export interface BookingCreatedDetail {
  reference: string;
  start: string;
  end: string;
  service: Reservation['service'];
}

export interface BookingCancelledDetail {
  reference: string;
}
