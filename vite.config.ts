import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { packCatalogue } from './src/catalogue/runtime';

// Three builds from one config:
//   vite build                   → dist/consent.js, the drop-in (IIFE, minified, everything inside)
//   vite build --mode autoblock  → dist/consent-autoblock.js, the drop-in with the tracker catalogue and auto-blocking
//   vite build --mode module     → dist/index.js, the ES module for bundlers (dependencies external)
//   vite build --mode scanner    → dist/holdback.js, the `holdback scan` command for Node (dependencies external)
const DROP_INS: Record<string, { entry: string; file: string }> = {
  production: { entry: 'src/drop-in.ts', file: 'consent.js' },
  autoblock: { entry: 'src/drop-in-autoblock.ts', file: 'consent-autoblock.js' },
};

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
    plugins: [catalogueRuntime()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2020',
      minify: !module,
      sourcemap: false,
      reportCompressedSize: false,
      lib: module
        ? { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' }
        : { entry: dropIn.entry, formats: ['iife'], name: 'holdback', fileName: () => dropIn.file },
      rolldownOptions: module ? { external: [/^preact/, /^@preact\//, 'js-cookie'] } : {},
    },
  };
});
