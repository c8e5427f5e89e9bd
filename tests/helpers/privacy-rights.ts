import type { TestApp } from './strapi';

/** Fixtures of the privacy rights and retention tests. Every person is made up. */

export interface Person {
  name: string;
  email: string;
  phone: string;
}

/** The plugin's clock: tests move time, never sleep. */
export const clock = (app: TestApp) =>
  app.strapi.plugin('privacy-guard').service('clock') as { set(d: Date | null): void; advance(ms: number): void; reset(): void; now(): Date };

/** documentIds of the demo clinic's services and practitioners, by slug. */
export async function demoCatalog(app: TestApp) {
  const services = (await app.strapi.documents('api::service.service').findMany({ locale: 'en' } as never)) as unknown as Array<{ slug: string; documentId: string }>;
  const practitioners = (await app.strapi.documents('api::practitioner.practitioner').findMany({})) as unknown as Array<{ slug: string; documentId: string }>;
  return {
    service: Object.fromEntries(services.map((s) => [s.slug, s.documentId])) as Record<string, string>,
    practitioner: Object.fromEntries(practitioners.map((p) => [p.slug, p.documentId])) as Record<string, string>,
  };
}

/** A booking body for the demo clinic's first consultation. */
export const bookingOf = (
  catalog: Awaited<ReturnType<typeof demoCatalog>>,
  person: Person,
  start: string,
  practitioner: string,
  consents: Record<string, boolean> = {},
) => ({
  service: catalog.service['first-consultation'],
  practitioner: catalog.practitioner[practitioner],
  start,
  patient: { name: person.name, birthDate: '1988-07-21', phone: person.phone, email: person.email },
  consents: { reservation_collection: true, reservation_health: true, reservation_keep: false, ...consents },
  locale: 'en',
});
