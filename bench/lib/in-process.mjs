// Boots the compiled app in this process (no HTTP), for loading data and for the sweep.
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './env.mjs';

const require = createRequire(import.meta.url);

export async function loadStrapi() {
  const { createStrapi } = require('@strapi/strapi');
  return createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
}
