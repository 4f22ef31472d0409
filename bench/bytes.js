// @ts-check
// What each consent manager costs to download, and where holdback's bytes go.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** @param {Buffer | string} data */
export function sizes(data) {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * The bytes of a candidate's files, each compressed on its own as a server sends them.
 * @param {import('./candidates.js').Candidate} candidate
 */
export function candidateBytes(candidate) {
  const total = { raw: 0, gzip: 0, brotli: 0, js: 0, css: 0 };
  for (const file of Object.values(candidate.assets)) {
    const size = sizes(readFileSync(file));
    total.raw += size.raw;
    total.gzip += size.gzip;
    total.brotli += size.brotli;
    if (file.endsWith('.css')) total.css += size.gzip;
    else total.js += size.gzip;
  }
  return total;
}

/**
 * Each of a candidate's files, gzipped on its own, by its path under the candidate.
 * @param {import('./candidates.js').Candidate} candidate
 * @returns {Map<string, number>}
 */
export function fileBytes(candidate) {
  return new Map(Object.entries(candidate.assets).map(([path, file]) => [path, sizes(readFileSync(file)).gzip]));
}

/**
 * holdback's drop-in by module: each module's minified code as the bundler
 * rendered it, gzipped on its own. The parts do not add up to the whole
 * (gzip shares a dictionary across a file), but they rank where bytes go.
 */
export async function breakdown() {
  const { build } = await import('vite');
  const { minifySync } = await import('rolldown/utils');
  /** @type {{ module: string, raw: number, gzip: number }[]} */
  const rows = [];
  await build({
    logLevel: 'silent',
    build: { write: false },
    plugins: [
      {
        name: 'holdback-breakdown',
        generateBundle(_, bundle) {
          for (const chunk of Object.values(bundle)) {
            if (chunk.type !== 'chunk') continue;
            for (const [id, module] of Object.entries(chunk.modules)) {
              if (!module.code) continue;
              const code = minifySync('module.js', module.code).code;
              const name = id.includes('node_modules') ? id.replace(/^.*node_modules\//, '') : id.replace(/^.*\/src\//, 'src/');
              rows.push({ module: name.replace(/\?.*$/, ''), raw: Buffer.byteLength(code), gzip: sizes(code).gzip });
            }
          }
        },
      },
    ],
  });
  return rows.sort((a, b) => b.gzip - a.gzip);
}
