#!/usr/bin/env node
// `npm start`: generate missing secrets, build what is missing or stale (server, admin panel,
// widgets), start Strapi and print where to go. A second start reuses the build.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { demoStaffGenerated, ensureEnv, readEnv } from './ensure-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';

/** Newest modification time under the given paths (files only, skipping build output). */
function newest(paths) {
  let latest = 0;
  const walk = (entry) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) {
        if (!['node_modules', 'dist', 'build', '.cache', 'test', 'demo'].includes(name)) walk(path.join(entry, name));
      }
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach((p) => walk(path.join(root, p)));
  return latest;
}
const builtAt = (file) => (fs.existsSync(path.join(root, file)) ? fs.statSync(path.join(root, file)).mtimeMs : 0);

function run(label, command, args, cwd = root) {
  console.log(`\n▶ ${label}…`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed.`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

const added = ensureEnv();
if (added.length) console.log(`Generated ${added.length} secret(s) into .env (kept private; only the demo staff's passwords are shown, once, below).`);
const demoStaff = demoStaffGenerated(added);

const stamps = {
  widget: 'widget/dist/clinic-booking.js',
  admin: 'dist/build/index.html',
  server: 'dist/src/index.js',
};
const widgetStale = builtAt(stamps.widget) < newest(['widget/src', 'widget/vite.config.ts', 'widget/package.json', 'widget/index.html']);
const adminStale = builtAt(stamps.admin) < newest(['plugins/privacy-guard/admin', 'src/admin', 'config/admin.ts']);
const serverStale =
  builtAt(stamps.server) < newest(['src', 'config', 'database', 'plugins/privacy-guard/server', 'types', 'package.json', 'tsconfig.json']);

if (widgetStale) run('Building the widgets', 'npm', ['run', 'build', '-w', 'widget']);
if (adminStale) run('Building the admin panel and server (about a minute, first start only)', bin('strapi'), ['build']);
else if (serverStale) run('Compiling the server', bin('tsc'), ['-p', 'tsconfig.json']);
if (adminStale || serverStale) fs.utimesSync(path.join(root, stamps.server), new Date(), new Date());

// As config/server.ts: this machine only unless HOST says otherwise (or in production).
const host = process.env.HOST ?? (process.env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');
const port = process.env.PORT ?? readEnv().PORT ?? '1337';
const base = process.env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://${host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host}:${port}`;

const child = spawn(bin('strapi'), ['start'], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

const started = Date.now();
const timer = setInterval(async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_health`);
    if (res.status === 204) {
      clearInterval(timer);
      console.log(
        [
          '',
          'Clinic CMS is ready.',
          `  Admin panel : ${base}/admin`,
          `  Demo page   : ${base}/widget/demo/`,
          `  API base    : ${base}/api   (try ${base}/api/booking/services)`,
          `  Mail        : ${process.env.SMTP_HOST ? `sent through ${process.env.SMTP_HOST}` : `written to ${process.env.MAIL_DIR ?? '.tmp/mail'} as .eml files`}`,
          ...demoStaffBanner(),
          `  Up in ${((Date.now() - started) / 1000).toFixed(1)} s. Stop with Ctrl+C.`,
          '',
        ].join('\n'),
      );
    }
  } catch {
    if (Date.now() - started > 120000) clearInterval(timer);
  }
}, 250);

/** Shown on the start that generated them, and never again (they stay in .env as DEMO_*_PASSWORD). */
function demoStaffBanner() {
  if (demoStaff.length === 0) return [];
  return [
    '  Demo staff  : generated just now, shown this once (kept in .env as DEMO_*_PASSWORD):',
    ...demoStaff.map(({ email, password }) => `                ${email.padEnd(32)} ${password}`),
  ];
}

