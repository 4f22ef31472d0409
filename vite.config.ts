import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { defineConfig, type Plugin } from 'vite';
import { packCatalogue } from './src/catalogue/runtime';

// The builds from one config:
//   vite build --mode ui         → dist/consent-ui.js, the UI, which the drop-ins fetch when a view is needed (first)
//   vite build --mode link       → dist/consent-link.js, the opt-out link, which they fetch under opt-out (first too)
//   vite build                   → dist/consent.js, the drop-in (IIFE, minified), with the UI file's hash
//   vite build --mode autoblock  → dist/consent-autoblock.js, the drop-in with the tracker catalogue and auto-blocking
//   vite build --mode module     → dist/index.js, the ES module for bundlers (dependencies external)
//   vite build --mode scanner    → dist/holdback.js, the `holdback scan` command for Node (dependencies external)
const DROP_INS: Record<string, { entry: string; file: string }> = {
  production: { entry: 'src/drop-in.ts', file: 'consent.js' },
  autoblock: { entry: 'src/drop-in-autoblock.ts', file: 'consent-autoblock.js' },
  ui: { entry: 'src/drop-in-ui.ts', file: 'consent-ui.js' },
  link: { entry: 'src/drop-in-link.ts', file: 'consent-link.js' },
};

// The drop-ins carry the SHA-384 of the files they add and load them only with
// that hash: `--mode ui` and `--mode link` build them first (npm run build does).
function integrity(name: string, mode: string): string {
  const file = new URL(`./dist/${name}`, import.meta.url);
  if (!existsSync(file)) throw new Error(`dist/${name} is missing: build it first with "vite build --mode ${mode}" (npm run build does)`);
  return `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}

// `services.json?runtime`: the catalogue packed for the drop-in, less what
// people and the scanner read in the file itself (sources, review notes, purposes).
function catalogueRuntime(): Plugin {
  return {
    name: 'holdback-catalogue-runtime',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('services.json?runtime')) return null;
      // `npm run size` builds once with an empty catalogue, to tell the code's bytes from the data's.
      const file = process.env.HOLDBACK_EMPTY_CATALOGUE ? { services: [] } : JSON.parse(readFileSync(id.slice(0, -'?runtime'.length), 'utf8'));
      return { code: `export default ${JSON.stringify(packCatalogue(file))};`, map: null };
    },
  };
}

// Terser run over the minifier's output takes 1-1.5% more off the drop-ins;
// ascii_only keeps each file ASCII, which V8 holds at one byte a character
// (a single "…" would make it two bytes for the whole file, for as long as the page lives).
function squeeze(): Plugin {
  return {
    name: 'holdback-squeeze',
    async renderChunk(code) {
      const result = await minify(code, { ecma: 2020, compress: { passes: 3 }, format: { ascii_only: true } });
      return result.code === undefined ? null : { code: result.code, map: null };
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'scanner') {
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        sourcemap: false,
        reportCompressedSize: false,
        ssr: 'scanner/bin.ts',
        rolldownOptions: { output: { entryFileNames: 'holdback.js', banner: '#!/usr/bin/env node' } },
      },
    };
  }
  const module = mode === 'module';
  const dropIn = DROP_INS[mode] ?? DROP_INS.production!;
  return {
    plugins: module ? [catalogueRuntime()] : [catalogueRuntime(), squeeze()],
    // The UI file uses the drop-in's copy of the state library, not one of its own.
    resolve: mode === 'ui' ? { alias: { '@preact/signals-core': fileURLToPath(new URL('./src/ui/shared-signals.ts', import.meta.url)) } } : {},
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define:
      module || mode === 'ui' || mode === 'link'
        ? {}
        : {
            __HOLDBACK_UI_INTEGRITY__: JSON.stringify(integrity('consent-ui.js', 'ui')),
            __HOLDBACK_LINK_INTEGRITY__: JSON.stringify(integrity('consent-link.js', 'link')),
          },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2020',
      // The browsers holdback runs in (README, Browsers): the stylesheet keeps logical
      // properties and :is() as written, not the :lang() fallbacks older ones would need.
      cssTarget: ['chrome93', 'edge93', 'firefox98', 'safari15.4'],
      minify: !module,
      sourcemap: false,
      reportCompressedSize: false,
      lib: module
        ? { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' }
        : { entry: dropIn.entry, formats: ['iife'], name: 'holdback', fileName: () => dropIn.file },
      rolldownOptions: module ? { external: [/^preact/, /^@preact\//] } : {},
    },
  };
});
