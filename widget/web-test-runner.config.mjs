import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { fakeApi } from './test/fake-api.mjs';

// A Chromium from the npm registry (@sparticuz/chromium, unpacked into /tmp) unless CHROME_PATH names one.
const executablePath = process.env.CHROME_PATH || (await (await import('@sparticuz/chromium')).default.executablePath());

// WIDGET_TEST_BUILD=1 runs the same tests against the built files in dist/, shortened names and all.
const againstBuild = process.env.WIDGET_TEST_BUILD === '1';
const testTheBuild = {
  name: 'clinic-test-the-build',
  resolveImport({ source, context }) {
    const entry = source.match(/(clinic-(?:booking-manage|booking|cookie-consent|privacy-policy|board|privacy-center))\.js$/);
    if (entry && !context.path.startsWith('/dist/')) return `/dist/${entry[1]}.js`;
  },
};

export default {
  files: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  middleware: [fakeApi()],
  plugins: [
    ...(againstBuild ? [testTheBuild] : []),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--headless=new'],
      },
      // The patient is in London, the clinic in Seoul: both times must show.
      async createPage({ context }) {
        const page = await context.newPage();
        await page.emulateTimezone('Europe/London');
        return page;
      },
    }),
  ],
};
