import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipAsync } from '@gfx/zopfli';
import minifyHTML from 'rollup-plugin-minify-html-literals';
import { minify } from 'terser';
import { defineConfig } from 'vite';

const entries = ['clinic-booking', 'clinic-booking-manage', 'clinic-privacy-policy', 'clinic-cookie-consent', 'clinic-board', 'clinic-privacy-center'];

/**
 * Members and catalogue keys named `_x` are internal by convention, so the build shortens them too. Each gets one
 * short name for the whole build, planned before any chunk is minified (Terser sees one chunk at a time), from the
 * sorted list of such names, so a chunk's output depends on its content and that list alone; and no short name is
 * one a member already has anywhere in the bundle (Lit's own are short already).
 */
const internal = /^_[a-z]/;
const member = /\.\s*([A-Za-z_$][\w$]*)|([A-Za-z_$][\w$]*)\s*:|[{};,]\s*(?:(?:static|get|set|async)\s+)*([A-Za-z_$][\w$]*)\s*[(=]/g;
let shortNames: Promise<{ reserved: string[]; cache: object }> | undefined;

async function planShortNames(sources: string[]) {
  const ours = new Set<string>();
  const others = new Set<string>();
  for (const source of sources) for (const m of source.matchAll(member)) (internal.test(m[1] ?? m[2] ?? m[3]) ? ours : others).add(m[1] ?? m[2] ?? m[3]);
  const reserved = [...others];
  const nameCache: { props?: object } = {};
  const plan = `const o = {}; ${[...ours].sort().map((name) => `o.${name};`).join('')}`;
  await minify(plan, { module: true, compress: false, nameCache, mangle: { properties: { regex: internal, reserved } } });
  return { reserved, cache: nameCache.props ?? {} };
}

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    minify: false,
    // Library mode: no preload helper with absolute paths, so the files work under any URL prefix.
    lib: {
      entry: Object.fromEntries(entries.map((name) => [name, `src/${name}/${name}.ts`])),
      formats: ['es'],
      // The server serves the entries at /widget/<name>.js, so their names must not change.
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: {
      // Lets Rollup keep an element's own code in its entry file instead of a chunk behind it.
      preserveEntrySignatures: 'allow-extension',
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        // What every element needs goes in one file: each extra file a page fetches costs its own gzip header and
        // dictionary, so the few bytes of the random id the cookie banner and the booking form share ride along here.
        manualChunks: (id) => (/\/lit-html\/|\/src\/shared\/(api\.controller|locale\.controller|events|uuid)\.ts$/.test(id) ? 'shared' : undefined),
      },
    },
  },
  plugins: [
    // Lit's templates and styles are strings esbuild cannot minify; this keeps the budgets honest work.
    { ...((minifyHTML as unknown as { default?: typeof minifyHTML }).default ?? minifyHTML)(), apply: 'build' },
    {
      // Vite leaves ES library output unminified; the budgets are for what a phone downloads. Minifying in
      // renderChunk, before Rollup hashes the files, keeps a hashed name (cached for a year) tied to its content.
      name: 'clinic-minify',
      apply: 'build',
      enforce: 'post',
      buildStart() {
        shortNames = undefined;
      },
      renderChunk: {
        // After Vite's own renderChunk, which would print the code out again.
        order: 'post',
        async handler(code) {
          shortNames ??= planShortNames([...this.getModuleIds()].map((id) => this.getModuleInfo(id)?.code ?? ''));
          const { reserved, cache } = await shortNames;
          const properties = { regex: internal, reserved, only_cache: true };
          const options = { module: true, ecma: 2022, nameCache: { props: structuredClone(cache) }, mangle: { properties }, compress: { passes: 2 }, format: { comments: false } } as const;
          return { code: (await minify(code, options)).code ?? code, map: null };
        },
      },
    },
    {
      // The server (koa-send) answers `Accept-Encoding: gzip` with `<file>.gz` when it exists: these are the bytes the budgets count.
      // Zopfli writes the same gzip format as zlib, about 2-3 % smaller, once at build time; browsers inflate it as any gzip.
      name: 'clinic-gzip',
      apply: 'build',
      async writeBundle(options, bundle) {
        const files = Object.keys(bundle).filter((name) => /\.(js|html|txt)$/.test(name));
        await Promise.all(files.map(async (file) => {
          const path = join(options.dir!, file);
          writeFileSync(`${path}.gz`, await gzipAsync(readFileSync(path), { numiterations: 15 }));
        }));
      },
    },
    {
      name: 'clinic-demo-page-and-licenses',
      apply: 'build',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'demo/index.html', source: readFileSync('demo/index.html', 'utf8') });
        // The minified files drop Lit's license comments; its notice travels beside them instead.
        this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-LICENSES.txt', source: `Lit (lit, lit-html, lit-element, @lit/reactive-element)\n\n${readFileSync(join(dirname(createRequire(import.meta.url).resolve('lit')), 'LICENSE'), 'utf8')}` });
      },
    },
  ],
});
