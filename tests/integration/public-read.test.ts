import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

const clock = () => app.strapi.plugin('privacy-guard').service('clock') as { set(d: Date | null): void; reset(): void };

describe('GET /api/clinic', () => {
  it('shows the demo clinic in Asia/Seoul with its privacy officer', async () => {
    const res = await app.request().get('/api/clinic').expect(200);
    expect(res.body.data).toMatchObject({
      name: 'Dodream Plastic Surgery',
      timeZone: 'Asia/Seoul',
      defaultLocale: 'en',
      locales: ['en', 'ko'],
    });
    expect(res.body.data.officer.name).toBeTruthy();
    expect(res.body.data.officer.email).toMatch(/@/);
    expect(res.body.data.officer.phone).toBeTruthy();
  });

  it('refuses an unknown locale with VALIDATION naming the field', async () => {
    const res = await app.request().get('/api/clinic?locale=fr').expect(400);
    expect(res.body.error.details.code).toBe('VALIDATION');
    expect(res.body.error.details.fields).toEqual(['locale']);
  });
});

describe('GET /api/privacy-policy', () => {
  it('serves the 2010 policy as version 1 with one section per bracketed heading', async () => {
    const res = await app.request().get('/api/privacy-policy').expect(200);
    const policy = res.body.data;
    expect(policy.version).toBe(1);
    expect(policy.effectiveDate).toBe('2010-10-26');
    expect(policy.status).toBe('in_effect');
    const headings = policy.sections.map((s: { heading: string }) => s.heading);
    expect(headings).toEqual([
      'Agreement of Collecting Personal Information',
      'Collecting and Using Personal Information',
      'Categories of Collecting Personal Information',
      'Third-Party Links',
      'Viewing/Modifying Personal Information',
      'Resent for Collection, Utilization, and Provision of Personal Information',
      'Duration of Possession and Use of Personal Information',
      'Technical Measures for Privacy',
      'Opinion and Complaint Management',
      'Protection Policy for Children under 14',
      'Personal Information Management Officer',
      'Management Officer',
    ]);
    expect(policy.sections[5].body).toContain('immediately delete your personal information');
    expect(policy.officer.name).toBeTruthy();
    expect(policy.history).toEqual([{ version: 1, effectiveDate: '2010-10-26', title: 'Privacy Policy', status: 'in_effect' }]);
  });

  it('falls back to English when the policy has no Korean version', async () => {
    const res = await app.request().get('/api/privacy-policy?locale=ko').expect(200);
    expect(res.body.data.locale).toBe('en');
    expect(res.body.data.version).toBe(1);
  });

  it('answers 404 NOT_FOUND for an unknown version and 400 for a malformed one', async () => {
    const missing = await app.request().get('/api/privacy-policy?version=42').expect(404);
    expect(missing.body).toMatchObject({ data: null, error: { status: 404, details: { code: 'NOT_FOUND' } } });
    const bad = await app.request().get('/api/privacy-policy?version=two').expect(400);
    expect(bad.body.error.details.code).toBe('VALIDATION');
  });

  it('keeps a version with a future effective date out of effect until its date, then switches by itself', async () => {
    const documents = app.strapi.documents('api::policy-version.policy-version');
    const created = await documents.create({
      locale: 'en',
      data: {
        version: 2,
        effectiveDate: '2031-03-01',
        title: 'Privacy Policy (2031)',
        material: true,
        sections: [{ heading: 'Scope', body: 'A newer text.' }],
      },
    } as never);
    await documents.publish({ documentId: created.documentId, locale: 'en' } as never);

    try {
      clock().set(new Date('2031-02-28T14:59:00Z')); // 23:59 on 28 Feb in Seoul
      const before = await app.request().get('/api/privacy-policy').expect(200);
      expect(before.body.data.version).toBe(1);
      expect(before.body.data.upcoming).toEqual({ version: 2, effectiveDate: '2031-03-01', material: true });
      const preview = await app.request().get('/api/privacy-policy?version=2').expect(200);
      expect(preview.body.data.status).toBe('upcoming');

      clock().set(new Date('2031-02-28T15:00:00Z')); // midnight, 1 March in Seoul
      const after = await app.request().get('/api/privacy-policy').expect(200);
      expect(after.body.data.version).toBe(2);
      expect(after.body.data.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
      const old = await app.request().get('/api/privacy-policy?version=1').expect(200);
      expect(old.body.data.status).toBe('superseded');
      expect(old.body.data.sections).toHaveLength(12);

      const items = await app.request().get('/api/consent-items?channel=reservation').expect(200);
      expect(items.body.data.policyVersion).toBe(2);
    } finally {
      clock().reset();
      await documents.delete({ documentId: created.documentId, locale: '*' } as never);
    }
  });
});

describe('GET /api/consent-items', () => {
  it.each(['reservation', 'membership', 'consultation', 'cookie'])('lists the %s items with every field a person reads', async (channel) => {
    const res = await app.request().get(`/api/consent-items?channel=${channel}`).expect(200);
    expect(res.body.data.policyVersion).toBe(1);
    const items = res.body.data.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((item: { required: boolean }) => item.required)).toBe(true);
    for (const item of items) {
      expect(item).toEqual(
        expect.objectContaining({
          key: expect.stringMatching(/^[a-z][a-z0-9_]*$/),
          title: expect.any(String),
          purpose: expect.any(String),
          dataCategories: expect.any(Array),
          retention: expect.any(String),
          required: expect.any(Boolean),
          refusalConsequence: expect.any(String),
        }),
      );
    }
  });

  it('asks for health information separately from collection on reservations, with optional keep and provision items', async () => {
    const res = await app.request().get('/api/consent-items?channel=reservation').expect(200);
    const byKey = Object.fromEntries(res.body.data.items.map((i: { key: string; required: boolean }) => [i.key, i.required]));
    expect(byKey).toEqual({
      reservation_collection: true,
      reservation_health: true,
      reservation_keep: false,
      third_party_provision: false,
    });
  });

  it('speaks Korean when asked', async () => {
    const res = await app.request().get('/api/consent-items?channel=membership&locale=ko').expect(200);
    expect(res.body.data.items[0].title).toMatch(/[가-힣]/);
    expect(res.body.data.items[0].locale).toBe('ko');
  });

  it('refuses a missing or unknown channel', async () => {
    for (const query of ['', '?channel=sms', '?channel=reservation&extra=1']) {
      const res = await app.request().get(`/api/consent-items${query}`).expect(400);
      expect(res.body.error.details.code).toBe('VALIDATION');
    }
  });
});

describe('GET /api/booking/services', () => {
  it('lists at least four treatments with durations and their practitioners', async () => {
    const res = await app.request().get('/api/booking/services').expect(200);
    const services = res.body.data;
    expect(services.length).toBeGreaterThanOrEqual(4);
    for (const service of services) {
      expect(service.durationMinutes).toBeGreaterThan(0);
      expect(service.practitioners.length).toBeGreaterThan(0);
      expect(service.practitioners[0]).toEqual({ id: expect.any(String), name: expect.any(String), title: expect.anything() });
    }
    const practitionerIds = new Set(services.flatMap((s: { practitioners: Array<{ id: string }> }) => s.practitioners.map((p) => p.id)));
    expect(practitionerIds.size).toBeGreaterThanOrEqual(3);
    const korean = await app.request().get('/api/booking/services?locale=ko').expect(200);
    expect(korean.body.data[0].name).toMatch(/[가-힣]/);
  });
});

describe('anonymous callers', () => {
  it.each([
    '/api/reservations',
    '/api/member-profiles',
    '/api/consultations',
    '/api/complaints',
    '/api/users',
    '/api/consent-entries',
    '/api/outbox-messages',
    '/privacy-guard/ledger/verify',
    '/content-manager/collection-types/api::reservation.reservation',
    '/api/board-posts',
    '/api/board-comments',
    '/api/service-notices',
    '/content-manager/collection-types/api::board.board-post',
    '/clinic-notices',
  ])('cannot read personal data at %s', async (url) => {
    const res = await app.request().get(url);
    expect([401, 403, 404, 405]).toContain(res.status);
    expect(res.body.data ?? null).toBeNull();
  });
});
