import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from '../helpers/strapi';

/**
 * A newcomer's `npm start` writes `.env` (its own data keys `k1:…`, demo passwords): the tests
 * must not see it. Strapi's dotenv reads `ENV_PATH`, set by jest.config.js to an empty file before
 * the global setup loads Strapi, and tests/helpers/env.ts sets every secret a test boots with.
 */
describe('the test environment', () => {
  it("points Strapi's env loading at an empty file, never the developer's .env", () => {
    expect(process.env.ENV_PATH).toBe(path.join(APP_DIR, 'tests', 'helpers', 'empty.env'));
    const assignments = fs
      .readFileSync(process.env.ENV_PATH!, 'utf8')
      .split('\n')
      .filter((line) => /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line));
    expect(assignments).toEqual([]);
  });

  it("uses the tests' own data key, mail folder and anchor file, whatever .env or .tmp/ hold", () => {
    expect(process.env.PRIVACY_DATA_KEYS).toMatch(/^t1:/);
    for (const key of ['MAIL_DIR', 'PRIVACY_ANCHOR_FILE']) expect(path.relative(APP_DIR, process.env[key] ?? APP_DIR)).toMatch(/^\.\./);
    for (const key of ['DEMO_EDITOR_PASSWORD', 'DEMO_FRONT_DESK_PASSWORD', 'DEMO_OFFICER_PASSWORD'])
      expect(process.env[key]).toBeUndefined();
  });
});
