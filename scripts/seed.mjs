#!/usr/bin/env node
// `npm run seed`: loads the demo data into the configured database. Idempotent: only what is
// missing is created, so a second run changes nothing.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ensureEnv } from './ensure-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
process.env.SEED_DEMO_DATA = 'true';
process.env.CRON_ENABLED = 'false';
process.env.OUTBOX_WORKER = 'false';
ensureEnv();

const compiled = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const { createStrapi } = require('@strapi/strapi');
const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false }).load();
const count = async (uid) => strapi.documents(uid).count({});
console.log(
  `Demo data in place: ${await count('api::service.service')} services, ${await count('api::practitioner.practitioner')} practitioners, ` +
    `${await count('api::consent-item.consent-item')} consent items, ${await count('api::policy-version.policy-version')} policy version(s).`,
);
await strapi.destroy();
process.exit(0);
