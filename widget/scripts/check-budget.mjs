// Fails the build when a page that embeds an element would download more than its budget before the element is
// usable, counted in the gzip files the server sends (`<file>.gz`, written by the build). Counted: the entry, every
// file it imports statically (recursively), and the dynamic imports its first render always makes, with their own
// static imports: the element's locale catalogue, in whichever locale is largest, since a page may be in either.
// Dynamic imports made only on demand (the manage view, refusal handling, the policy inside the form, the privacy
// center's later steps) are listed
// apart; the manage link's page, which loads the manage view at once, is reported beside the budget.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const elements = {
  'clinic-booking': { budget: 15 * 1024, firstRender: ['src/i18n/$locale/booking.ts'], manageLink: ['src/clinic-booking-manage/clinic-booking-manage.ts', 'src/i18n/$locale/manage.ts'] },
  // On its own: a page that shows only the booking behind a manage link.
  'clinic-booking-manage': { firstRender: ['src/i18n/$locale/booking.ts', 'src/i18n/$locale/manage.ts'] },
  'clinic-cookie-consent': { budget: 8 * 1024, firstRender: ['src/i18n/$locale/cookie.ts'] },
  'clinic-privacy-policy': { firstRender: ['src/i18n/$locale/policy.ts'] },
  'clinic-board': { budget: 10 * 1024, firstRender: ['src/i18n/$locale/board.ts'] },
  'clinic-privacy-center': { budget: 12 * 1024, firstRender: ['src/i18n/$locale/privacy-center.ts'] },
};
const locales = ['en', 'ko'];
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const entries = Object.fromEntries(Object.entries(manifest).filter(([, chunk]) => chunk.isEntry && !chunk.src.startsWith('src/i18n/')).map(([key, chunk]) => [chunk.name, key]));

function gzipped(file) {
  const gz = new URL(`${file}.gz`, dist);
  if (!existsSync(gz)) throw new Error(`${file}.gz is missing: the build writes one beside every script, and the server sends it`);
  const bytes = readFileSync(gz);
  if (!gunzipSync(bytes).equals(readFileSync(new URL(file, dist)))) throw new Error(`${file}.gz is stale`);
  return bytes.length;
}

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    if (!manifest[key]) throw new Error(`${key} is not in the build: update the list of first-render imports in scripts/check-budget.mjs`);
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

/** The files a page loads in one locale, and their gzipped total. */
function load(keys, locale) {
  const files = [...closure(keys.map((key) => key.replace('$locale', locale)))].map((key) => ({ file: manifest[key].file, gzip: gzipped(manifest[key].file) }));
  return { locale, files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

const worst = (keys) => locales.map((locale) => load(keys, locale)).reduce((a, b) => (b.total > a.total ? b : a));
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

const report = {};
let failed = false;
for (const [name, { budget, firstRender, manageLink }] of Object.entries(elements)) {
  const entry = entries[name];
  if (!entry) throw new Error(`No entry named ${name} in the build`);
  const dynamic = [...closure([entry])].flatMap((key) => manifest[key].dynamicImports ?? []);
  const expected = locales.flatMap((locale) => firstRender.map((key) => key.replace('$locale', locale)));
  for (const key of expected) if (!dynamic.includes(key)) throw new Error(`${name} no longer imports ${key} at first render: update scripts/check-budget.mjs`);
  const page = worst([entry, ...firstRender]);
  const loaded = new Set(page.files.map((f) => f.file));
  const ok = budget === undefined || page.total <= budget;
  failed ||= !ok;
  report[name] = {
    total: page.total,
    budget,
    ok,
    locale: page.locale,
    files: page.files,
    manageLinkPage: manageLink && worst([entry, ...firstRender, ...manageLink]).total,
    onDemand: [...new Set(dynamic)].filter((key) => !expected.includes(key) && !loaded.has(manifest[key].file)).map((key) => ({ file: manifest[key].file, gzip: gzipped(manifest[key].file) })),
  };
}

console.table(
  Object.fromEntries(
    Object.entries(report).map(([name, r]) => [
      name,
      {
        'page loads (gzip)': kb(r.total),
        budget: r.budget ? kb(r.budget) : '-',
        within: r.ok ? 'yes' : 'NO',
        files: `${r.files.length} (${r.locale})`,
        'manage-link page': r.manageLinkPage ? kb(r.manageLinkPage) : '-',
        'on demand': r.onDemand.map((f) => `${f.file.replace(/^chunks\//, '')} ${kb(f.gzip)}`).join(', ') || '-',
      },
    ]),
  ),
);
writeFileSync(new URL('sizes.json', dist), `${JSON.stringify(report, null, 2)}\n`);
if (failed) {
  console.error('Widget bundle over budget: see the table above.');
  process.exit(1);
}
