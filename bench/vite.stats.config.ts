import { gzipSync } from 'node:zlib';
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import base from '../vite.config';

const stats: Plugin = {
  name: 'stats',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const rows = Object.entries(chunk.modules).map(([id, m]) => [id.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/'), m.renderedLength, m.code ? gzipSync(m.code).length : 0] as const);
      rows.sort((a, b) => b[1] - a[1]);
      console.log(JSON.stringify(rows));
    }
  },
};
export default defineConfig((env) => mergeConfig((base as (e: typeof env) => object)(env), { plugins: [stats], build: { outDir: 'bench/.out', emptyOutDir: true } }));
