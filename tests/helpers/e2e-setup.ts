import compileApp from './global-setup';
import { ensureAdminBuilt } from './admin-build';

/**
 * The e2e project's global setup: the admin panel is (re)built here when stale, before any
 * browser test boots a server from dist/, then the app is compiled as for integration tests.
 */
export default async function e2eSetup() {
  const build = ensureAdminBuilt();
  if (build.built) console.log(`\nadmin panel built in ${Math.round(build.ms / 1000)} s`);
  await compileApp();
}
