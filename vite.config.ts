import { defineConfig, type Plugin } from 'vite';

// Two builds from one config:
//   vite build                 → dist/consent.js, the drop-in (IIFE, minified, everything inside)
//   vite build --mode module   → dist/index.js, the ES module for bundlers (dependencies external)
export default defineConfig(({ mode }) => {
  const module = mode === 'module';
  return {
    plugins: module ? [] : [compileHint()],
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

// V8's explicit compile hint: compile every function while the file streams in,
// off the main thread, instead of one by one on the main thread at first call
// (the drop-in calls most of its functions on load). Other engines ignore the
// comment. It goes in after minification, which would strip it.
function compileHint(): Plugin {
  return {
    name: 'holdback-compile-hint',
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    },
  };
}
