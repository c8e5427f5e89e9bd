// Boots the compiled Strapi for an operator's command (no HTTP server, no scheduled work; demo
// data only when asked), runs `work(strapi)` and shuts it down again.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export async function withStrapi(work, { seed = false } = {}) {
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  process.env.SEED_DEMO_DATA = String(seed);
  process.env.CRON_ENABLED = 'false';
  process.env.OUTBOX_WORKER = 'false';
  process.env.LOG_LEVEL ??= 'warn';
  if (process.env.SKIP_COMPILE !== 'true') {
    const compiled = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
    if (compiled.status !== 0) process.exit(compiled.status ?? 1);
  }
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  try {
    return await work(strapi);
  } finally {
    await strapi.destroy();
  }
}
