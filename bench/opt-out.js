// @ts-check
// node bench/opt-out.js [--runs 9]: what the "Your Privacy Choices" link costs a
// returning visitor under opt-out, where it must be on every page. holdback adds
// a small file for it (consent-link.js), not the UI; this measures that page
// view against the same visitor
// under opt-in (no UI file) and against the page without a consent manager,
// interleaved, in headless Chromium: main-thread script CPU (from a trace),
// the JS heap after a garbage collection, and whether the UI file ran.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/chromium.js';
import { traceScriptTime } from './trace.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node bench/opt-out.js [--runs 9]');
  process.exit(2);
}

const dist = new URL('../dist/', import.meta.url);
/** @type {Record<string, Buffer>} */
const files = Object.fromEntries(['consent.js', 'consent-ui.js', 'consent-link.js'].map((name) => [`/${name}`, readFileSync(new URL(name, dist))]));
/** @type {Record<string, string>} */
const CONFIGS = { 'opt-in': '{}', 'opt-out': "{ region: 'US-CA' }" };
const page = (/** @type {string} */ regime) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>opt-out</title>
${regime === 'none' ? '' : `<script>window.consentConfig = ${CONFIGS[regime]};</script><script src="/consent.js"></script>`}
</head><body><main><h1>A page</h1><p>Text.</p></main></body></html>`;
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const file = files[url.pathname];
  if (file) {
    response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'max-age=3600' });
    return response.end(file);
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(page(url.pathname.slice(1)));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

/** One returning visitor's third page view: the first stores a choice (opt-in) or none is needed (opt-out). */
async function visit(/** @type {string} */ regime) {
  const profile = mkdtempSync(join(tmpdir(), 'holdback-opt-out-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const url = `${origin}/${regime}`;
    const first = await context.newPage();
    await first.goto(url);
    if (regime !== 'none') await first.waitForFunction('!!window.Consent');
    if (regime === 'opt-in') await first.evaluate('window.Consent.rejectAll()');
    if (regime === 'opt-out') await first.evaluate('window.Consent.set({ marketing: true })'); // a decision: no notice, the link only
    await first.waitForTimeout(300);
    await first.close();
    const second = await context.newPage();
    await second.goto(url);
    await second.waitForTimeout(300);
    await second.close();
    const view = await context.newPage();
    const cdp = await context.newCDPSession(view);
    const end = await traceScriptTime(cdp);
    await view.goto(url, { waitUntil: 'load' });
    // The same kind of wait on every page, so that Playwright's own in-page helper cancels out.
    const shown = regime === 'opt-out' ? "!!document.querySelector('[data-holdback]')?.shadowRoot?.querySelector('nav')" : 'true';
    await view.waitForFunction(shown, null, { timeout: 15000 });
    await view.waitForTimeout(300);
    const { cpuMs } = await end(`/${regime}`);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    // From the HTTP cache too: resource timing lists every file the page ran.
    const ui = /** @type {boolean} */ (
      await view.evaluate("performance.getEntriesByType('resource').some((e) => e.name.endsWith('/consent-ui.js'))")
    );
    return { cpuMs, heapKb: heap / 1024, ui };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** @type {Record<string, { cpuMs: number, heapKb: number, ui: boolean }[]>} */
const results = { none: [], 'opt-in': [], 'opt-out': [] };
for (let run = 0; run < runs; run++) for (const regime of Object.keys(results)) results[regime]?.push(await visit(regime));
server.close();

const median = (/** @type {number[]} */ list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const base = median((results.none ?? []).map((r) => r.cpuMs));
const baseHeap = median((results.none ?? []).map((r) => r.heapKb));
console.log(`returning visitor, ${runs} runs each, interleaved; own = minus the page without a consent manager`);
console.log('| page | script CPU ms | own CPU ms | heap added KB | UI file run |');
console.log('| --- | --- | --- | --- | --- |');
for (const [regime, list] of Object.entries(results)) {
  const cpu = median(list.map((r) => r.cpuMs));
  const heap = median(list.map((r) => r.heapKb));
  const fetched = list.filter((r) => r.ui).length;
  console.log(`| ${regime} | ${cpu.toFixed(1)} | ${(cpu - base).toFixed(1)} | ${(heap - baseHeap).toFixed(0)} | ${fetched}/${list.length} |`);
}
