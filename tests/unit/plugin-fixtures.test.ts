import fs from 'node:fs';
import path from 'node:path';

/**
 * The plugin's unit tests read a clinic's declarations from copies of this app's schemas
 * (plugins/privacy-guard/server/tests/fixtures/host-app, so the plugin needs nothing outside
 * itself); the copies must stay the app's schemas.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'plugins/privacy-guard/server/tests/fixtures/host-app');
const APP: Record<string, string> = {
  'reservation.json': 'src/api/reservation/content-types/reservation/schema.json',
  'consultation.json': 'src/api/consultation/content-types/consultation/schema.json',
  'complaint.json': 'src/api/complaint/content-types/complaint/schema.json',
  'member-profile.json': 'src/api/member-profile/content-types/member-profile/schema.json',
  'outbox-message.json': 'src/api/outbox-message/content-types/outbox-message/schema.json',
  'idempotency-record.json': 'src/api/idempotency-record/content-types/idempotency-record/schema.json',
  'board-post.json': 'src/api/board/content-types/board-post/schema.json',
  'board-comment.json': 'src/api/board/content-types/board-comment/schema.json',
};

it.each(Object.entries(APP))('the plugin fixture %s is the app schema %s', (fixture, schema) => {
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(read(path.join(FIXTURES, fixture))).toEqual(read(path.join(ROOT, schema)));
});

it('every app content type that declares personal data has its fixture', () => {
  const declaring = fs
    .readdirSync(path.join(ROOT, 'src/api'))
    .flatMap((api) => {
      const dir = path.join(ROOT, 'src/api', api, 'content-types');
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((t) => path.join('src/api', api, 'content-types', t, 'schema.json')) : [];
    })
    .filter((file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')).pluginOptions?.['privacy-guard']);
  expect(declaring.sort()).toEqual(Object.values(APP).sort());
});
