import { defineConfig } from 'vite';

// Two builds from one config:
//   vite build                 → dist/consent.js, the drop-in (IIFE, minified, everything inside)
//   vite build --mode module   → dist/index.js, the ES module for bundlers (dependencies external)
export default defineConfig(({ mode }) => {
  const module = mode === 'module';
  return {
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
        : { entry: 'src/drop-in.ts', formats: ['iife'], name: 'holdback', fileName: () => 'consent.js' },
      rolldownOptions: module ? { external: [/^preact/, /^@preact\//, 'js-cookie'] } : {},
    },
  };
});
