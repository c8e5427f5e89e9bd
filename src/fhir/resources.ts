/**
 * The FHIR R4 resources of SMART Scheduling Links (STU 1) built from the clinic's public
 * catalogue: the clinic as one Location, a Schedule per practitioner and treatment, a Slot per
 * bookable time. Only what `GET /api/clinic`, `/api/booking/services` and `/api/booking/slots`
 * already show anyone goes in; nothing of a patient or a reservation is an input here.
 */

export const EXTENSION = {
  bookingDeepLink: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link',
  bookingPhone: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone',
  slotCapacity: 'http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity',
  /** FHIR core extension: the IANA zone of a Location. */
  timeZone: 'http://hl7.org/fhir/StructureDefinition/timezone',
} as const;

export const LOCATION_ID = 'clinic';

export interface Reference {
  reference?: string;
  display?: string;
}

export interface Extension {
  url: string;
  valueUrl?: string;
  valueString?: string;
  valueInteger?: number;
  valueCode?: string;
}

export interface Location {
  resourceType: 'Location';
  id: string;
  name: string;
  telecom?: Array<{ system: 'phone' | 'url'; value: string }>;
  address?: { text: string };
  extension: Extension[];
}

export interface Schedule {
  resourceType: 'Schedule';
  id: string;
  active: true;
  serviceType: Array<{ coding: Array<{ system: string; code: string; display: string }>; text: string }>;
  actor: Reference[];
}

export interface Slot {
  resourceType: 'Slot';
  id: string;
  schedule: Reference;
  status: 'free';
  start: string;
  end: string;
  extension: Extension[];
}

export interface ClinicFacts {
  name: string;
  timeZone: string;
  phone: string | null;
  address: string | null;
  website: string | null;
}

export interface OfferedService {
  id: string;
  name: string;
  practitioners: Array<{ id: string; name: string; title: string | null }>;
}

export interface OpenTime {
  serviceId: string;
  practitionerId: string;
  start: string;
  end: string;
}

export function locationOf(clinic: ClinicFacts): Location {
  const telecom = [
    ...(clinic.phone ? [{ system: 'phone' as const, value: clinic.phone }] : []),
    ...(clinic.website ? [{ system: 'url' as const, value: clinic.website }] : []),
  ];
  return {
    resourceType: 'Location',
    id: LOCATION_ID,
    name: clinic.name,
    ...(telecom.length ? { telecom } : {}),
    ...(clinic.address ? { address: { text: clinic.address } } : {}),
    extension: [{ url: EXTENSION.timeZone, valueCode: clinic.timeZone }],
  };
}

/** FHIR ids are at most 64 of `[A-Za-z0-9.-]`; documentIds are 24 lowercase letters and digits. */
export const scheduleId = (serviceId: string, practitionerId: string) => `${serviceId}-${practitionerId}`;

export function schedulesOf(services: OfferedService[], clinic: ClinicFacts, codeSystem: string): Schedule[] {
  return services.flatMap((service) =>
    service.practitioners.map((practitioner) => ({
      resourceType: 'Schedule' as const,
      id: scheduleId(service.id, practitioner.id),
      active: true as const,
      serviceType: [{ coding: [{ system: codeSystem, code: service.id, display: service.name }], text: service.name }],
      actor: [
        { reference: `Location/${LOCATION_ID}`, display: clinic.name },
        { display: practitioner.title ? `${practitioner.name}, ${practitioner.title}` : practitioner.name },
      ],
    })),
  );
}

/** The booking page with the slot chosen; a directory adds its own `source` and `booking-referral`. */
export function deepLink(bookingPage: string, time: OpenTime): string {
  const url = new URL(bookingPage);
  url.searchParams.set('service', time.serviceId);
  url.searchParams.set('practitioner', time.practitionerId);
  url.searchParams.set('start', time.start);
  return url.toString();
}

export function slotOf(time: OpenTime, clinic: ClinicFacts, bookingPage: string): Slot {
  const schedule = scheduleId(time.serviceId, time.practitionerId);
  const minute = Math.floor(Date.parse(time.start) / 60_000).toString(36);
  return {
    resourceType: 'Slot',
    id: `${schedule}-${minute}`,
    schedule: { reference: `Schedule/${schedule}` },
    status: 'free',
    start: time.start,
    end: time.end,
    extension: [
      { url: EXTENSION.bookingDeepLink, valueUrl: deepLink(bookingPage, time) },
      ...(clinic.phone ? [{ url: EXTENSION.bookingPhone, valueString: clinic.phone }] : []),
      { url: EXTENSION.slotCapacity, valueInteger: 1 },
    ],
  };
}
