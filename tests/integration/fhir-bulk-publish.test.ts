import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { APP_DIR, startStrapi, type TestApp } from '../helpers/strapi';
import { clock } from '../helpers/booking-fixtures';
import { DEEP_LINK, MANIFEST, fetchText, parseNdjson, readPublication, type FhirResource } from '../helpers/fhir';

/**
 * SMART Scheduling Links as a directory meets it: the manifest, the three NDJSON files it lists,
 * their FHIR shape and references, the headers, and every way of asking for them.
 */
const PUBLIC_URL = 'https://clinic.example.test';
const BOOKING_PAGE_URL = 'https://dodream.example/book?from=directory';
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ PUBLIC_URL, BOOKING_PAGE_URL, RATE_LIMIT_PER_MINUTE: '100000' });
  clock(app).set(new Date('2027-03-03T00:00:00Z')); // Wednesday 3 March 2027, 09:00 in Seoul
});
afterAll(async () => {
  await app?.stop();
});

/** The server on a real port, once: supertest's own requests to an unlistened server reach it one after another. */
let origin: Promise<string> | undefined;
const listening = () => (origin ??= app.listen());

const byId = (resources: FhirResource[]) => new Map(resources.map((r) => [r.id, r]));

describe('GET /fhir/$bulk-publish', () => {
  it('answers the manifest: transaction time, request, one output per resource type, no errors', async () => {
    const res = await fetchText(app, MANIFEST);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toEqual({
      transactionTime: '2027-03-03T00:00:00.000Z',
      request: `${PUBLIC_URL}/fhir/$bulk-publish`,
      output: [
        { type: 'Location', url: `${PUBLIC_URL}/fhir/locations.ndjson` },
        { type: 'Schedule', url: `${PUBLIC_URL}/fhir/schedules.ndjson` },
        { type: 'Slot', url: `${PUBLIC_URL}/fhir/slots.ndjson` },
      ],
      error: [],
    });
  });

  it('lists files whose every line is a FHIR resource of the type announced, with unique valid ids', async () => {
    const { files } = await readPublication(app);
    for (const [type, { resources }] of Object.entries(files)) {
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource.resourceType).toBe(type);
        expect(resource.id).toMatch(FHIR_ID);
      }
      expect(new Set(resources.map((r) => r.id)).size).toBe(resources.length);
    }
  });

  it('describes the clinic as its one Location: name, address, phone, site and time zone from the clinic settings', async () => {
    const { files } = await readPublication(app);
    const clinic = (await app.request().get('/api/clinic').expect(200)).body.data;
    expect(files.Location.resources).toEqual([
      {
        resourceType: 'Location',
        id: 'clinic',
        name: clinic.name,
        telecom: [
          { system: 'phone', value: clinic.phone },
          { system: 'url', value: clinic.website },
        ],
        address: { text: clinic.address },
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: 'Asia/Seoul' }],
      },
    ]);
  });

  it('has a Schedule per practitioner and treatment, with the treatment as serviceType and the clinic as actor', async () => {
    const { files } = await readPublication(app);
    const services = (await app.request().get('/api/booking/services').expect(200)).body.data as Array<{
      id: string;
      name: string;
      practitioners: Array<{ id: string; name: string }>;
    }>;
    const expected = services.flatMap((s) =>
      s.practitioners.map((p) => ({ id: `${s.id}-${p.id}`, service: s.name, practitioner: p.name })),
    );
    const schedules = byId(files.Schedule.resources);
    expect([...schedules.keys()].sort()).toEqual(expected.map((e) => e.id).sort());
    const locations = byId(files.Location.resources);
    for (const { id, service, practitioner } of expected) {
      const schedule = schedules.get(id)!;
      expect(schedule.serviceType[0].text).toBe(service);
      expect(schedule.serviceType[0].coding[0]).toMatchObject({ system: `${PUBLIC_URL}/fhir/CodeSystem/service`, display: service });
      const [where, who] = schedule.actor;
      expect(locations.has(where.reference.replace(/^Location\//, ''))).toBe(true);
      expect(who.display).toContain(practitioner);
    }
  });

  it('lists as free Slots exactly the times GET /api/booking/slots offers over the next 14 days', async () => {
    const { files } = await readPublication(app);
    const services = (await app.request().get('/api/booking/services').expect(200)).body.data as Array<{ id: string }>;
    const offered: string[] = [];
    for (const service of services) {
      const res = await app.request().get(`/api/booking/slots?service=${service.id}&from=2027-03-03&to=2027-03-16`).expect(200);
      for (const slot of res.body.data.slots) offered.push(`${service.id} ${slot.practitionerId} ${slot.start} ${slot.end}`);
    }
    const published = files.Slot.resources.map((slot) => {
      const link = new URL(slot.extension.find((e: { url: string }) => e.url === DEEP_LINK).valueUrl);
      return `${link.searchParams.get('service')} ${link.searchParams.get('practitioner')} ${slot.start} ${slot.end}`;
    });
    expect(offered.length).toBeGreaterThan(100);
    expect(published.sort()).toEqual(offered.sort());
    const dates = files.Slot.resources.map((slot) => slot.start.slice(0, 10));
    expect(dates.every((d) => d >= '2027-03-03' && d <= '2027-03-16')).toBe(true);
  });

  it('gives each Slot its Schedule, status free, start and end with the clinic offset, and a deep link to the booking page', async () => {
    const { files } = await readPublication(app);
    const schedules = byId(files.Schedule.resources);
    const clinicPhone = files.Location.resources[0].telecom[0].value;
    for (const slot of files.Slot.resources) {
      const scheduleId = slot.schedule.reference.replace(/^Schedule\//, '');
      expect(schedules.has(scheduleId)).toBe(true);
      expect(slot.status).toBe('free');
      expect(slot.start).toMatch(WITH_OFFSET);
      expect(slot.end).toMatch(WITH_OFFSET);
      expect(slot.start.endsWith('+09:00')).toBe(true);
      expect(Date.parse(slot.end)).toBeGreaterThan(Date.parse(slot.start));
      const link = new URL(slot.extension.find((e: { url: string }) => e.url === DEEP_LINK).valueUrl);
      expect(`${link.origin}${link.pathname}`).toBe('https://dodream.example/book');
      expect(link.searchParams.get('from')).toBe('directory');
      expect(`${link.searchParams.get('service')}-${link.searchParams.get('practitioner')}`).toBe(scheduleId);
      expect(link.searchParams.get('start')).toBe(slot.start);
      expect(slot.extension).toContainEqual({
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone',
        valueString: clinicPhone,
      });
    }
  });

  it('publishes only FHIR_SLOT_DAYS days when the operator sets it', async () => {
    process.env.FHIR_SLOT_DAYS = '2';
    try {
      const { files } = await readPublication(app);
      const dates = new Set(files.Slot.resources.map((slot) => slot.start.slice(0, 10)));
      expect([...dates].sort()).toEqual(['2027-03-03', '2027-03-04']);
    } finally {
      delete process.env.FHIR_SLOT_DAYS;
    }
  });
});

describe('the bulk publication over HTTP', () => {
  const PATHS = [MANIFEST, '/fhir/locations.ndjson', '/fhir/schedules.ndjson', '/fhir/slots.ndjson'];

  it.each(PATHS)('%s is public, cacheable for 5 minutes and readable from any origin', async (path) => {
    const res = await fetchText(app, path);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.vary).toMatch(/Accept/);
  });

  const ACCEPTABLE = [
    undefined,
    'application/fhir+ndjson',
    'application/json',
    'application/fhir+json',
    '*/*',
    'text/html, application/fhir+ndjson;q=0.5',
  ];
  it.each(PATHS.flatMap((path) => ACCEPTABLE.map((accept) => ({ path, accept }))))(
    '$path answers Accept: $accept',
    async ({ path, accept }) => {
      const res = await fetchText(app, path, accept);
      expect(res.status).toBe(200);
      expect(res.text.length).toBeGreaterThan(0);
    },
  );

  const UNACCEPTABLE = ['text/html', 'application/xml', 'text/csv, image/png'];
  it.each(PATHS.flatMap((path) => UNACCEPTABLE.map((accept) => ({ path, accept }))))(
    '$path refuses Accept: $accept with 406 NOT_ACCEPTABLE',
    async ({ path, accept }) => {
      const res = await app.request().get(path).set('Accept', accept);
      expect(res.status).toBe(406);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.text)).toMatchObject({ data: null, error: { status: 406, details: { code: 'NOT_ACCEPTABLE' } } });
    },
  );

  it('answers the percent-encoded spelling %24bulk-publish with the same manifest', async () => {
    const literal = await fetchText(app, '/fhir/$bulk-publish');
    const encoded = await fetchText(app, '/fhir/%24bulk-publish');
    expect(encoded.status).toBe(200);
    expect(JSON.parse(encoded.text)).toEqual(JSON.parse(literal.text));
  });

  it.each([
    '/fhir/%2524bulk-publish',
    '/fhir/bulk-publish',
    '/fhir/$bulk-publish/',
    '/fhir//$bulk-publish',
    '/FHIR/$bulk-publish',
    '/api/fhir/$bulk-publish',
    '/fhir/$bulk-publish%2F',
    '/fhir/%E0%A4%A',
    '/fhir/slots.json',
    '/fhir/../fhir/slots.ndjson',
  ])('another spelling, %s, publishes nothing', async (path) => {
    const res = await fetchText(app, path);
    expect([400, 404]).toContain(res.status);
    expect(res.text).not.toMatch(/transactionTime|resourceType/);
  });

  it('answers HEAD with the headers and no body, and writes no other method', async () => {
    const head = await app.request().head('/fhir/slots.ndjson');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
    expect(head.text ?? '').toBe('');
    for (const method of ['post', 'put', 'delete'] as const) {
      const res = await app.request()[method](MANIFEST).send({});
      expect([404, 405]).toContain(res.status);
      expect(res.text).not.toMatch(/transactionTime/);
    }
  });

  it('answers a burst of 30 simultaneous directory fetches alike, sharing one computation of the slots', async () => {
    const treatments = (await app.request().get('/api/booking/services').expect(200)).body.data.length as number;
    const booking = app.strapi.service('api::booking.booking') as { slots: (...args: unknown[]) => Promise<unknown> };
    const real = booking.slots.bind(booking);
    // The first computation waits until every fetch has arrived (SQLite's driver is synchronous: unheld, one fetch would finish before the next is read).
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const slotQueries = jest.spyOn(booking, 'slots').mockImplementation(async (...args: unknown[]) => {
      await opened;
      return real(...args);
    });
    try {
      const base = await listening();
      const burst = Promise.all(
        // One connection each, closed after (node:http without an agent): no pooled socket outlives the burst.
        Array.from(
          { length: 30 },
          () =>
            new Promise<{ status: number; text: string }>((resolve, reject) => {
              http
                .get(`${base}/fhir/slots.ndjson`, { agent: false, headers: { Accept: 'application/fhir+ndjson' } }, (res) => {
                  let text = '';
                  res.setEncoding('utf8');
                  res.on('data', (chunk: string) => (text += chunk));
                  res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
                })
                .on('error', reject);
            }),
        ),
      );
      while (slotQueries.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      open();
      const answers = await burst;
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      expect(parseNdjson(answers[0].text).length).toBeGreaterThan(100);
      expect(slotQueries.mock.calls.length).toBeLessThanOrEqual(2 * treatments);
    } finally {
      slotQueries.mockRestore();
    }
  });
});

describe('the demo page', () => {
  it('links the manifest, and the link answers it', async () => {
    // The build copies widget/demo/index.html unchanged to /widget/demo/ (widget/vite.config.ts).
    const page = readFileSync(path.join(APP_DIR, 'widget', 'demo', 'index.html'), 'utf8');
    const href = /<a href="(\/fhir\/[^"]+)"[^>]*>[^<]*SMART Scheduling Links/.exec(page)?.[1];
    expect(href).toBe('/fhir/$bulk-publish');
    const res = await fetchText(app, href!, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).output).toHaveLength(3);
  });
});

describe('docs/interop.md', () => {
  it('walks a directory client through the manifest and the files with code that runs', async () => {
    const doc = readFileSync(path.join(APP_DIR, 'docs', 'interop.md'), 'utf8');
    const snippet = /```js\n([\s\S]+?)```/.exec(doc)![1];
    const origin = await listening();
    process.env.PUBLIC_URL = origin;
    try {
      const tables: unknown[] = [];
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
      const run = new AsyncFunction('console', 'fetch', 'crypto', snippet.replaceAll('http://localhost:1337', origin));
      await run({ table: (rows: unknown) => tables.push(rows) }, fetch, (await import('node:crypto')).webcrypto);
      const [rows] = tables as Array<Array<{ treatment: string; at: string; with: string; where: string; book: string }>>;
      const services = (await app.request().get('/api/booking/services').expect(200)).body.data as Array<{ name: string }>;
      expect(rows.map((row) => row.treatment).sort()).toEqual(services.map((s) => s.name).sort());
      for (const row of rows) {
        const link = new URL(row.book);
        expect(link.searchParams.get('source')).toBe('example-directory');
        expect(link.searchParams.get('booking-referral')).toMatch(/^[0-9a-f-]{36}$/);
        expect(link.searchParams.get('start')).toBe(row.at);
      }
    } finally {
      process.env.PUBLIC_URL = PUBLIC_URL;
    }
  });
});
