import { startStrapi, type TestApp } from '../helpers/strapi';
import { seedDemoData } from '../../database/seed';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

const UIDS = [
  'api::clinic.clinic',
  'api::service.service',
  'api::practitioner.practitioner',
  'api::closure.closure',
  'api::consent-item.consent-item',
  'api::cookie-category.cookie-category',
  'api::policy-version.policy-version',
] as const;

async function snapshot() {
  const counts: Record<string, number> = {};
  for (const uid of UIDS) {
    for (const locale of ['en', 'ko']) {
      counts[`${uid}@${locale}`] = await app.strapi.documents(uid).count({ locale } as never);
    }
  }
  return counts;
}

describe('demo data', () => {
  it('loads on first start: a clinic, 4+ services, 3+ practitioners with weekly hours, a closure and policy version 1', async () => {
    const counts = await snapshot();
    expect(counts['api::clinic.clinic@en']).toBe(1);
    expect(counts['api::service.service@en']).toBeGreaterThanOrEqual(4);
    expect(counts['api::service.service@ko']).toBe(counts['api::service.service@en']);
    expect(counts['api::closure.closure@en']).toBeGreaterThanOrEqual(1);
    const practitioners = await app.strapi.documents('api::practitioner.practitioner').findMany({ populate: ['weeklyHours'] } as never);
    expect(practitioners.length).toBeGreaterThanOrEqual(3);
    for (const p of practitioners as Array<{ weeklyHours: unknown[] }>) expect(p.weeklyHours.length).toBeGreaterThan(0);
  });

  it('is idempotent: a second run changes nothing, and keeps what an editor changed', async () => {
    const clinic = (await app.strapi.documents('api::clinic.clinic').findFirst({})) as { documentId: string };
    await app.strapi.documents('api::clinic.clinic').update({ documentId: clinic.documentId, data: { phone: '+82 2-555-0199' } } as never);
    const before = await snapshot();
    await seedDemoData(app.strapi);
    expect(await snapshot()).toEqual(before);
    const res = await app.request().get('/api/clinic').expect(200);
    expect(res.body.data.phone).toBe('+82 2-555-0199');
  });
});
