import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The receiver serves the built page at `/` and its files under `/dashboard/`,
// with a CSP that allows only its own scripts and styles: nothing may be inlined.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No data: URLs for assets and no polyfill: every file stays a file the CSP names.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // uPlot and Preact are MIT: their notices travel with the built files.
    license: { fileName: 'licenses.md' },
    sourcemap: false,
    reportCompressedSize: false,
  },
});
