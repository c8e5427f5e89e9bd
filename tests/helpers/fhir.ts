import type { TestApp } from './strapi';

/** A directory's view of the SMART Scheduling Links publication (tests/integration/fhir-*.test.ts). */

export const MANIFEST = '/fhir/$bulk-publish';
export const DEEP_LINK = 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link';

export interface Manifest {
  transactionTime: string;
  request: string;
  output: Array<{ type: string; url: string }>;
  error: unknown[];
}

export interface FhirResource {
  resourceType: string;
  id: string;
  [field: string]: any;
}

/** The raw text of a response whatever its type (supertest parses only the types it knows). */
export async function fetchText(app: TestApp, path: string, accept?: string) {
  let request = app
    .request()
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
  if (accept !== undefined) request = request.set('Accept', accept);
  const res = await request;
  return { status: res.status, headers: res.headers, text: res.body as string };
}

/** Every NDJSON line parsed; a line that is not one JSON object fails the test. */
export function parseNdjson(text: string): FhirResource[] {
  if (text === '') return [];
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as FhirResource);
}

/** The manifest and every file it lists, as a directory reads them: by the URLs in the manifest. */
export async function readPublication(app: TestApp) {
  const manifest = await fetchText(app, MANIFEST);
  expect(manifest.status).toBe(200);
  const parsed = JSON.parse(manifest.text) as Manifest;
  const files: Record<string, { text: string; resources: FhirResource[] }> = {};
  for (const { type, url } of parsed.output) {
    const file = await fetchText(app, new URL(url).pathname);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
    files[type] = { text: file.text, resources: parseNdjson(file.text) };
  }
  return {
    manifest: parsed,
    manifestText: manifest.text,
    files,
    all: [manifest.text, ...Object.values(files).map((f) => f.text)].join('\n'),
  };
}

/** The free slots a directory would show, with what their deep link names. */
export async function freeSlots(app: TestApp) {
  const file = await fetchText(app, '/fhir/slots.ndjson');
  expect(file.status).toBe(200);
  return parseNdjson(file.text).map((slot) => {
    const link = new URL(slot.extension.find((e: { url: string }) => e.url === DEEP_LINK).valueUrl);
    return {
      id: slot.id,
      status: slot.status as string,
      start: slot.start as string,
      end: slot.end as string,
      schedule: slot.schedule.reference as string,
      service: link.searchParams.get('service') as string,
      practitioner: link.searchParams.get('practitioner') as string,
      linkStart: link.searchParams.get('start') as string,
    };
  });
}
