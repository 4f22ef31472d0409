// @ts-check
// `npm run scan:demo`: scans the demo shop with the real CLI, the way a site
// would scan itself in CI. The shop's tracker hosts keep their real names
// (answered here over TLS, see demo/server.js), so the scanner names them
// from the catalogue as on a real site; nothing leaves the machine.
// Extra arguments go to `holdback scan`, e.g. `npm run scan:demo -- --concurrency 4`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startDemo } from '../demo/server.js';

/**
 * @param {string[]} args arguments after the URL
 * @param {{ quiet?: boolean }} [options]
 * @returns {Promise<{ code: number, seconds: number, stdout: string }>}
 */
export async function scanDemo(args, { quiet = false } = {}) {
  const tls = { key: readFileSync(new URL('../demo/tls/key.pem', import.meta.url)), cert: readFileSync(new URL('../demo/tls/cert.pem', import.meta.url)) };
  const demo = await startDemo({ port: 0, tls });
  const started = performance.now();
  try {
    return await new Promise((resolve) => {
      const child = spawn(process.execPath, [new URL('../dist/holdback.js', import.meta.url).pathname, 'scan', demo.url, ...args], {
        env: { ...process.env, HOLDBACK_SCAN_HOST_RULES: 'MAP * 127.0.0.1' },
        stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (!quiet) process.stdout.write(chunk);
      });
      child.on('close', (code) => resolve({ code: code ?? 2, seconds: (performance.now() - started) / 1000, stdout }));
    });
  } finally {
    await demo.close();
  }
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const args = process.argv.slice(2);
  const wanted = args.length ? args : ['--max-pages', '10', '--json', 'scan-report/demo.json', '--html', 'scan-report/demo.html'];
  const { code, seconds } = await scanDemo(wanted);
  console.log(`Scanned the demo shop in ${seconds.toFixed(1)} s${args.length ? '' : '; reports in scan-report/demo.html and scan-report/demo.json'}.`);
  process.exitCode = code;
}
