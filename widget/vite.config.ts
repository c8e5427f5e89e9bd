import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const entries = ['clinic-booking', 'clinic-privacy-policy', 'clinic-cookie-consent'];

export default defineConfig({
  build: {
    target: 'es2021',
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    modulePreload: false,
    rollupOptions: {
      input: Object.fromEntries(entries.map((name) => [name, `src/${name}/${name}.ts`])),
      preserveEntrySignatures: 'exports-only',
      output: {
        format: 'es',
        // The server serves the entries at /widget/<name>.js, so their names must not change.
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  plugins: [
    {
      name: 'clinic-demo-page',
      apply: 'build',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'demo/index.html', source: readFileSync('demo/index.html', 'utf8') });
      },
    },
  ],
});
