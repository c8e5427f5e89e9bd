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

/** Books the first free first-consultation between 2 and 5 March 2027 (Seoul) for a made-up person. */
export async function bookFirstFree(
  app: TestApp,
  catalog: Awaited<ReturnType<typeof demoCatalog>>,
  person: Person,
  consents: Record<string, boolean> = {},
  extra: Record<string, unknown> = {},
  until = '2027-03-05',
) {
  const free = await app
    .request()
    .get(`/api/booking/slots?service=${catalog.service['first-consultation']}&from=2027-03-02&to=${until}`)
    .expect(200);
  const first = free.body.data.slots[0] as { start: string; practitionerId: string };
  const slug = Object.entries(catalog.practitioner).find(([, id]) => id === first.practitionerId)?.[0] as string;
  const res = await app
    .request()
    .post('/api/booking/reservations')
    .send({ ...bookingOf(catalog, person, first.start, slug, consents), ...extra });
  if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${JSON.stringify(res.body)}`);
  const row = await app.strapi.db.connection('reservations').where('reference', res.body.data.reference).first();
  return { ...(res.body.data as { reference: string; manageToken: string }), documentId: row.document_id as string, start: first.start };
}

/** The link token and the code of a verification mail's text. */
export function readVerifyMail(text: string): { link: string; token: string; code: string } {
  const link = /(\S+#verify=([A-Za-z0-9_-]+))/.exec(text);
  const code = /\b([2-9A-Z]{4}-[2-9A-Z]{4})\b/.exec(text);
  if (!link || !code) throw new Error('no link or code in the verification mail');
  return { link: link[1], token: link[2], code: code[1] };
}

/**
 * A privacy session the way a person gets one without an SMTP server at hand: asks for the
 * mail, reads it from the outbox (its envelope opened by the Document Service) and follows its link.
 */
export async function sessionFor(app: TestApp, email: string): Promise<string> {
  await app.request().post('/api/privacy/verify').send({ email }).expect(202);
  const rows = (await app.strapi.documents('api::outbox-message.outbox-message').findMany({
    filters: { kind: 'privacy.verify' },
    sort: 'id:desc',
  } as never)) as unknown as Array<{ envelope: string | null }>;
  const mail = rows.map((r) => (r.envelope ? (JSON.parse(r.envelope) as { to: string; text: string }) : null)).find((m) => m?.to === email);
  if (!mail) throw new Error(`no verification mail to ${email} in the outbox`);
  const opened = await app.request().post('/api/privacy/session').send({ token: readVerifyMail(mail.text).token }).expect(201);
  return opened.body.data.session as string;
}
