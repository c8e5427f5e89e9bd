import type { TestApp } from './strapi';

/** Fixtures of the booking tests (tests/integration/booking-*.test.ts). Every person is made up. */

/** Test hooks of the plugin's clock: tests move time, never sleep. */
export const clock = (app: TestApp) =>
  app.strapi.plugin('privacy-guard').service('clock') as { set(d: Date | null): void; advance(ms: number): void; reset(): void };

/** documentIds of the demo clinic's services and practitioners, by slug. */
export async function demoCatalog(app: TestApp) {
  const services = (await app.strapi.documents('api::service.service').findMany({ locale: 'en' } as never)) as unknown as Array<{
    slug: string;
    documentId: string;
  }>;
  const practitioners = (await app.strapi.documents('api::practitioner.practitioner').findMany({})) as unknown as Array<{
    slug: string;
    documentId: string;
  }>;
  return {
    service: Object.fromEntries(services.map((s) => [s.slug, s.documentId])) as Record<string, string>,
    practitioner: Object.fromEntries(practitioners.map((p) => [p.slug, p.documentId])) as Record<string, string>,
  };
}

export const REQUIRED_CONSENTS = { reservation_collection: true, reservation_health: true };

/** A valid booking by a made-up adult; override what a test is about. */
export function bookingBody(fields: { service: string; practitioner?: string; start: string } & Record<string, unknown>) {
  return {
    patient: { name: 'Minji Kim', birthDate: '1990-04-12', phone: '+82 10-5555-1234', email: 'minji.kim@example.com' },
    consents: { ...REQUIRED_CONSENTS, reservation_keep: false },
    locale: 'en',
    ...fields,
  };
}

/** Adds a practitioner and a treatment only they give, for a test that needs hours it can compute by hand. */
export async function addPractitionerWithService(
  app: TestApp,
  slug: string,
  weeklyHours: Array<{ weekday: string; opens: string; closes: string }>,
  service: { durationMinutes: number; bufferMinutes?: number; slotStepMinutes?: number },
) {
  const practitioner = (await app.strapi.documents('api::practitioner.practitioner').create({
    data: { slug, name: `Dr. ${slug}`, title: 'Test practitioner', weeklyHours },
  } as never)) as unknown as { documentId: string };
  const created = (await app.strapi.documents('api::service.service').create({
    locale: 'en',
    data: { slug: `${slug}-treatment`, name: `${slug} treatment`, ...service, practitioners: [practitioner.documentId] },
  } as never)) as unknown as { documentId: string };
  return { practitioner: practitioner.documentId, service: created.documentId };
}

export async function setClinic(app: TestApp, data: Record<string, unknown>) {
  const clinic = (await app.strapi.documents('api::clinic.clinic').findFirst({})) as unknown as { documentId: string };
  await app.strapi.documents('api::clinic.clinic').update({ documentId: clinic.documentId, data } as never);
}
