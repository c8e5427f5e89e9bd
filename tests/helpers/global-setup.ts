import path from 'node:path';
import { compileStrapi } from '@strapi/strapi';

/** Compiles the app (and the plugin's server) once for every integration test file. */
export default async function globalSetup() {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  await compileStrapi({ appDir: path.resolve(__dirname, '..', '..') });
}
