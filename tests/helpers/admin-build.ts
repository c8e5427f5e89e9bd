import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './strapi';

/** Sources the admin bundle is built from: the plugin's admin pages and the app's admin customisation. */
const SOURCES = ['plugins/privacy-guard/admin/src', 'src/admin', 'config/admin.ts'];
const BUILT = path.join(APP_DIR, 'dist', 'build', 'index.html');

function newest(entry: string): number {
  const full = path.join(APP_DIR, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(full).map((name) => newest(path.join(entry, name))));
}

/** Runs `strapi build` (about 60–90 s) unless the built admin is newer than every admin source. */
export function ensureAdminBuilt(): { built: boolean; ms: number } {
  const started = Date.now();
  const builtAt = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newest))) return { built: false, ms: 0 };
  execFileSync(path.join(APP_DIR, 'node_modules', '.bin', 'strapi'), ['build'], {
    cwd: APP_DIR,
    env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: 'inherit',
    timeout: 10 * 60 * 1000,
  });
  return { built: true, ms: Date.now() - started };
}
