// @ts-check
// node bench/autoblock.js: what `autoBlock: true` costs. One page with 50
// first-party scripts and 20 tracker tags, viewed three ways in headless
// Chromium, interleaved (A B C A B C …) so that a noisy machine slows all of
// them alike: the tags marked by hand under consent.js ("marked"), the same
// tags unmarked, as vendors write them, under consent-autoblock.js ("auto"),
// and the unmarked page with no consent manager at all ("none", the page's own
// cost). Figures are medians with min and max; nothing is subtracted.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { machineFacts } from './machine.js';
import { chromiumArgs, chromiumPath } from '../e2e/chromium.js';
import { sizes } from './bytes.js';
import { traceScriptTime } from './trace.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const file of ['consent.js', 'consent-autoblock.js']) {
  if (!existsSync(join(root, 'dist', file))) {
    console.error(`dist/${file} is missing: run "npm run build" first.`);
    process.exit(2);
  }
}
const FIRST_PARTY_SCRIPTS = 50;
// After load, the banner and the first-party work, a moment for late work to land.
const SETTLE_MS = 250;
// After every expected tracker request has arrived: time for a duplicate, or a dropped request, to show up.
const AFTER_ACCEPT_MS = 500;
const ACCEPT_CAP_MS = 10000;
const VIEW_CAP_MS = 60000;
const BANNER = `document.querySelector('[data-holdback]')?.shadowRoot?.querySelector('.banner')`;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    out: { type: 'string', default: 'bench/autoblock-results.md' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node bench/autoblock.js [--runs 11] [--out bench/autoblock-results.md]  (after npm run build)');
  process.exit(2);
}

// ---------------------------------------------------------------------------
// The 20 tracker tags: real vendor addresses, each answered locally.

/**
 * @typedef {'script' | 'pixel' | 'fetch' | 'beacon' | 'frame'} Kind
 * @typedef {{ id: string, kind: Kind, url: string, service: string, category: string }} Tracker
 */

/** @type {[Kind, string][]} */
const TAGS = [
  ['script', 'https://connect.facebook.net/en_US/fbevents.js'],
  ['script', 'https://snap.licdn.com/li.lms-analytics/insight.min.js'],
  ['script', 'https://static.ads-twitter.com/uwt.js'],
  ['script', 'https://s.pinimg.com/ct/core.js'],
  ['script', 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=CBENCH0TIKTOK'],
  ['script', 'https://bat.bing.com/bat.js'],
  ['script', 'https://www.clarity.ms/tag/benchx'],
  ['script', 'https://static.hotjar.com/c/hotjar-5550009.js?sv=6'],
  ['script', 'https://www.googletagmanager.com/gtag/js?id=G-BENCH1'],
  ['script', 'https://sc-static.net/scevent.min.js'],
  ['script', 'https://www.redditstatic.com/ads/pixel.js'],
  ['script', 'https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js'],
  ['pixel', 'https://ct.pinterest.com/v3/?event=init&tid=2612345678901&noscript=1'],
  ['pixel', 'https://px.ads.linkedin.com/collect/?pid=5550009&fmt=gif'],
  ['pixel', 'https://www.facebook.com/tr/?id=1234567890&ev=PageView&noscript=1'],
  ['pixel', 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123456789/?guid=ON&script=0'],
  ['fetch', 'https://www.google-analytics.com/g/collect?v=2&tid=G-BENCH1&en=page_view'],
  ['beacon', 'https://analytics.tiktok.com/api/v2/pixel?sdkid=CBENCH0TIKTOK&event=Pageview'],
  ['frame', 'https://www.youtube-nocookie.com/embed/bench-video'],
  ['frame', 'https://player.vimeo.com/video/1'],
];

/**
 * The catalogue service of a URL, by the catalogue's rule: a host covers its
 * subdomains, a path prefix narrows it; the longest host, then the longest path wins.
 * @param {{ id: string, category: string, hosts: string[] }[]} services @param {string} href
 */
function serviceOf(services, href) {
  const url = new URL(href);
  for (let host = url.hostname; host; host = host.includes('.') ? host.slice(host.indexOf('.') + 1) : '') {
    /** @type {{ path: string, id: string, category: string }[]} */
    const found = [];
    for (const service of services) {
      for (const pattern of service.hosts) {
        const cut = pattern.indexOf('/') >>> 0;
        const path = pattern.slice(cut);
        if (pattern.slice(0, cut).toLowerCase() !== host) continue;
        if (!path || url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
          found.push({ path, id: service.id, category: service.category });
      }
    }
    found.sort((a, b) => b.path.length - a.path.length);
    if (found[0]) return found[0];
  }
  return null;
}

/** @type {{ services: { id: string, category: string, hosts: string[] }[] }} */
const catalogue = JSON.parse(readFileSync(join(root, 'src', 'catalogue', 'services.json'), 'utf8'));
/** @type {Tracker[]} */
const TRACKERS = TAGS.map(([kind, url], i) => {
  const service = serviceOf(catalogue.services, url);
  if (!service || !['marketing', 'statistics'].includes(service.category)) {
    console.error(`bench/autoblock.js: ${url} is not a marketing or statistics service in src/catalogue/services.json`);
    process.exit(2);
  }
  return { id: `t${String(i + 1).padStart(2, '0')}-${service.id}`, kind, url: new URL(url).href, service: service.id, category: service.category };
});
const BY_URL = new Map(TRACKERS.map((t) => [t.url, t]));
// Auto-blocking drops fetch and sendBeacon to a held host and never sends them
// later (a beacon from before consent must not arrive after it); in the marked
// page the same code sits in a marked inline script, which runs on consent.
const DROPPED = new Set(['fetch', 'beacon']);

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** @type {Record<Kind, { status: number, contentType: string, body: string | Buffer }>} */
const ANSWERS = {
  script: { status: 200, contentType: 'text/javascript', body: 'window.__vendor = (window.__vendor || 0) + 1;' },
  pixel: { status: 200, contentType: 'image/gif', body: GIF },
  fetch: { status: 204, contentType: 'text/plain', body: '' },
  beacon: { status: 204, contentType: 'text/plain', body: '' },
  frame: { status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Video</title><p>video</p>' },
};

// ---------------------------------------------------------------------------
// The page.

/** @typedef {'marked' | 'auto' | 'none'} Variant */
/** @type {Variant[]} */
const VARIANTS = ['marked', 'auto', 'none'];

const q = (/** @type {string} */ s) => JSON.stringify(s);

/** A tag as its vendor hands it out: nothing marked. @param {Tracker} t @param {number} i */
function unmarked(t, i) {
  switch (t.kind) {
    case 'script': {
      const name = `__q${i}`;
      // Three shapes that vendors use: before the first script, into <head>, into <head> via getElementsByTagName.
      if (i % 3 === 0)
        return `<script>!function(w,d,e,v,n,t,s){if(w.${name})return;n=w.${name}=function(){n.queue.push(arguments)};n.queue=[];t=d.createElement(e);t.async=!0;t.src=v;s=d.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script',${q(t.url)});${name}('init','bench');</script>`;
      if (i % 3 === 1)
        return `<script>(function(){window.${name}=window.${name}||[];var s=document.createElement('script');s.async=true;s.src=${q(t.url)};document.head.appendChild(s);})();</script>`;
      return `<script>(function(d){var s=d.createElement('script');s.type='text/javascript';s.async=true;s.src=${q(t.url)};var h=d.getElementsByTagName('head')[0];h.appendChild(s);})(document);</script>`;
    }
    case 'pixel':
      return `<script>new Image().src = ${q(t.url)};</script>`;
    case 'fetch':
      return `<script>fetch(${q(t.url)}, { method: 'POST', mode: 'no-cors', keepalive: true }).catch(function () {});</script>`;
    case 'beacon':
      return `<script>navigator.sendBeacon(${q(t.url)}, 'event=Pageview');</script>`;
    case 'frame':
      return `<script>(function(){var f=document.createElement('iframe');f.src=${q(t.url)};f.width=320;f.height=180;f.title='Video';document.getElementById('media').appendChild(f);})();</script>`;
  }
}

/** The same tag, marked by hand for holdback. @param {Tracker} t */
function marked(t) {
  const category = `data-category="${t.category}"`;
  switch (t.kind) {
    case 'script':
      return `<script type="text/plain" ${category} async src="${t.url}"></script>`;
    case 'pixel':
      return `<img ${category} data-src="${t.url}" width="1" height="1" alt="">`;
    case 'fetch':
      return `<script type="text/plain" ${category}>fetch(${q(t.url)}, { method: 'POST', mode: 'no-cors', keepalive: true }).catch(function () {});</script>`;
    case 'beacon':
      return `<script type="text/plain" ${category}>navigator.sendBeacon(${q(t.url)}, 'event=Pageview');</script>`;
    case 'frame':
      return `<iframe ${category} data-src="${t.url}" width="320" height="180" title="Video"></iframe>`;
  }
}

/** @param {Variant} variant */
function pageHtml(variant) {
  const tag = (/** @type {Tracker} */ t, /** @type {number} */ i) => (variant === 'marked' ? marked(t) : unmarked(t, i));
  // Snippets go in <head>, as vendors ask; elements (marked pixels, frames and their scripts) in the body.
  const element = (/** @type {Tracker} */ t) => t.kind === 'frame' || (variant === 'marked' && t.kind === 'pixel');
  const inHead = TRACKERS.map((t, i) => (element(t) ? '' : tag(t, i))).filter(Boolean);
  const inBody = TRACKERS.map((t, i) => (element(t) ? tag(t, i) : '')).filter(Boolean);
  const consent = {
    marked: `<script>window.consentConfig = { privacyPolicyUrl: '/privacy' };</script>\n<script src="/consent.js"></script>`,
    auto: `<script>window.consentConfig = { privacyPolicyUrl: '/privacy', autoBlock: true };</script>\n<script src="/consent-autoblock.js"></script>`,
    none: '',
  }[variant];
  const paragraphs = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1}: text that fills the page the way an article does.</p>`).join('\n');
  const scripts = Array.from({ length: FIRST_PARTY_SCRIPTS }, (_, i) => `<script src="/fp/${i + 1}.js"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>autoblock bench</title>
${consent}
${inHead.join('\n')}
</head>
<body>
<main><h1>A page</h1>${paragraphs}</main>
<div id="media">${variant === 'marked' ? inBody.join('\n') : ''}</div>
${variant === 'marked' ? '' : inBody.join('\n')}
<div id="fp"></div>
${scripts}
<script>fetch('/api/ping').then(function (r) { return r.text(); }).then(function () { window.__ping = true; });</script>
</body>
</html>`;
}

/** A first-party script: a few lines of small DOM work, four kinds in turn. @param {number} n */
function firstParty(n) {
  const work = [
    `document.documentElement.classList.add('fp-${n}');`,
    `var el = document.createElement('div');\nel.className = 'fp-box';\nel.textContent = 'first-party ${n}';\ndocument.getElementById('fp').appendChild(el);`,
    `var img = document.createElement('img');\nimg.width = 1;\nimg.height = 1;\nimg.alt = '';\nimg.src = '/fp/pixel.gif?n=${n}';\ndocument.getElementById('fp').appendChild(img);`,
    `document.getElementById('fp').insertAdjacentHTML('beforeend', '<p class="fp-note">note ${n}</p>');`,
  ][n % 4];
  return `(function () {\n${work}\nwindow.__fp = (window.__fp || 0) + 1;\n})();\n`;
}

/** @returns {Promise<{ origin: string, close(): Promise<void> }>} */
async function startServer() {
  const files = new Map([
    ['/consent.js', readFileSync(join(root, 'dist', 'consent.js'))],
    ['/consent-autoblock.js', readFileSync(join(root, 'dist', 'consent-autoblock.js'))],
    ['/consent-ui.js', readFileSync(join(root, 'dist', 'consent-ui.js'))],
  ]);
  for (let n = 1; n <= FIRST_PARTY_SCRIPTS; n++) files.set(`/fp/${n}.js`, Buffer.from(firstParty(n)));
  const pages = new Map(VARIANTS.map((v) => [`/page/${v}`, pageHtml(v)]));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (/** @type {number} */ status, /** @type {string} */ type, /** @type {string | Buffer} */ body, cache = 'no-store') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': cache });
      response.end(body);
    };
    const page = pages.get(url.pathname);
    if (page) return send(200, 'text/html; charset=utf-8', page);
    if (url.pathname === '/api/ping') return send(200, 'application/json', '{"ok":true}');
    // Cached like a CDN would (each view has a fresh context, so each view downloads them once).
    if (url.pathname === '/fp/pixel.gif') return send(200, 'image/gif', GIF, 'max-age=3600');
    const file = files.get(url.pathname);
    if (file) return send(200, 'text/javascript', file, 'max-age=3600');
    send(404, 'text/plain', 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------
// One page view.

/**
 * @typedef {{ scriptMs: number, taskMs: number, dclMs: number, loadMs: number, heapKb: number, before: number,
 *   held: number, acceptMs: number | null, acceptCallMs: number | null, releaseScriptMs: number | null, after: number | null }} View
 */

/** @param {import('playwright-core').CDPSession} cdp */
async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  /** @type {Record<string, number>} */
  const values = { ScriptDuration: 0, TaskDuration: 0, JSHeapUsedSize: 0 };
  for (const m of metrics) values[m.name] = m.value;
  return /** @type {{ ScriptDuration: number, TaskDuration: number, JSHeapUsedSize: number }} */ (values);
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Loads the page in a fresh context, measures it, then (with a consent manager)
 * accepts everything and times the tracker requests that follow.
 * @param {import('playwright-core').Browser} browser @param {string} origin @param {Variant} variant
 * @returns {Promise<{ view: View | null, problems: string[] }>}
 */
async function visit(browser, origin, variant) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(30000);
  /** @type {string[]} */
  const problems = [];
  /** @type {Map<string, number[]>} tracker id → arrival times (performance.now() here) */
  const hits = new Map();
  /** @type {string[]} */
  const stray = [];
  const total = () => [...hits.values()].reduce((sum, times) => sum + times.length, 0);
  try {
    await context.route('**/*', async (route) => {
      const href = route.request().url();
      if (href.startsWith(`${origin}/`)) return route.continue().catch(() => {});
      const tracker = BY_URL.get(href);
      if (!tracker) {
        stray.push(href);
        return route.abort().catch(() => {});
      }
      hits.set(tracker.id, [...(hits.get(tracker.id) ?? []), performance.now()]);
      return route.fulfill(ANSWERS[tracker.kind]).catch(() => {});
    });
    await context.addInitScript(`window.__held = 0; addEventListener('holdback:blocked', function () { window.__held++; });`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // Chromium's counters may include earlier work in the same renderer: count from here.
    const start = await metrics(cdp);
    await page.goto(`${origin}/page/${variant}`, { waitUntil: 'load' });
    const ready = `window.__fp === ${FIRST_PARTY_SCRIPTS} && window.__ping === true${variant === 'none' ? '' : ` && !!(${BANNER})`}`;
    const settled = await page.waitForFunction(ready, null, { timeout: 15000 }).then(
      () => true,
      () => false,
    );
    if (!settled) {
      /** @type {any} */
      const state = await page.evaluate(`({ fp: window.__fp, ping: window.__ping, banner: ${variant === 'none' ? 'null' : `!!(${BANNER})`} })`);
      problems.push(`page not ready within 15 s: ${JSON.stringify(state)}`);
    }
    await page.waitForTimeout(SETTLE_MS);
    const loaded = await metrics(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await metrics(cdp)).JSHeapUsedSize;
    /** @type {any} */
    const timing = await page.evaluate(
      `(() => { const n = performance.getEntriesByType('navigation')[0]; return { dcl: n.domContentLoadedEventStart, load: n.loadEventStart, held: window.__held }; })()`,
    );
    const before = total();
    if (variant !== 'none' && before > 0) problems.push(`${before} tracker requests before any choice: ${[...hits.keys()].join(', ')}`);

    /** @type {number | null} */
    let acceptMs = null;
    /** @type {number | null} */
    let releaseScriptMs = null;
    /** @type {number | null} */
    let after = null;
    /** @type {number | null} */
    let acceptCallMs = null;
    if (variant !== 'none' && problems.length === 0) {
      const expected = TRACKERS.filter((t) => variant === 'marked' || !DROPPED.has(t.kind));
      const preAccept = await metrics(cdp);
      const clickAt = performance.now();
      // Called from a task of the page's own, as a click handler would be: script that
      // DevTools' Runtime.evaluate runs directly is not counted in ScriptDuration.
      acceptCallMs = Number(
        await page.evaluate(
          'new Promise((resolve) => setTimeout(() => { const t = performance.now(); window.Consent.acceptAll(); resolve(performance.now() - t); }, 0))',
        ),
      );
      const deadline = clickAt + ACCEPT_CAP_MS;
      while (!expected.every((t) => hits.has(t.id)) && performance.now() < deadline) await sleep(10);
      const missing = expected.filter((t) => !hits.has(t.id));
      if (missing.length > 0) problems.push(`not requested within ${ACCEPT_CAP_MS / 1000} s of acceptAll(): ${missing.map((t) => t.id).join(', ')}`);
      else acceptMs = Math.max(...expected.map((t) => /** @type {number} */ (hits.get(t.id)?.[0]))) - clickAt;
      await page.waitForTimeout(AFTER_ACCEPT_MS);
      releaseScriptMs = ((await metrics(cdp)).ScriptDuration - preAccept.ScriptDuration) * 1000;
      after = total();
      const twice = TRACKERS.filter((t) => (hits.get(t.id)?.length ?? 0) > 1);
      if (twice.length > 0)
        problems.push(`requested more than once after acceptAll(): ${twice.map((t) => `${t.id} ×${hits.get(t.id)?.length}`).join(', ')}`);
      const scripts = TRACKERS.filter((t) => t.kind === 'script').length;
      const ran = await page.evaluate('window.__vendor || 0');
      if (ran !== scripts) problems.push(`${ran} of the ${scripts} vendor scripts ran after acceptAll(), want each once`);
      if (variant === 'auto') {
        const late = TRACKERS.filter((t) => DROPPED.has(t.kind) && hits.has(t.id));
        if (late.length > 0) problems.push(`dropped before consent but sent after it: ${late.map((t) => t.id).join(', ')}`);
      }
    }
    if (stray.length > 0) problems.push(`requests that nothing answers (aborted): ${[...new Set(stray)].slice(0, 5).join(', ')}`);
    return {
      view: {
        scriptMs: (loaded.ScriptDuration - start.ScriptDuration) * 1000,
        taskMs: (loaded.TaskDuration - start.TaskDuration) * 1000,
        dclMs: timing.dcl,
        loadMs: timing.load,
        heapKb: heap / 1024,
        before,
        held: timing.held,
        acceptMs,
        acceptCallMs,
        releaseScriptMs,
        after,
      },
      problems,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * A separate, traced page view: the main thread's script CPU time until the
 * page has settled, from the trace's thread time (see bench/trace.js). Tracing
 * slows a page, so nothing else is read from these views.
 * @param {import('playwright-core').Browser} browser @param {string} origin @param {Variant} variant
 * @returns {Promise<number>}
 */
async function cpuVisit(browser, origin, variant) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.route('**/*', async (route) => {
      const href = route.request().url();
      if (href.startsWith(`${origin}/`)) return route.continue().catch(() => {});
      const tracker = BY_URL.get(href);
      return (tracker ? route.fulfill(ANSWERS[tracker.kind]) : route.abort()).catch(() => {});
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const stop = await traceScriptTime(cdp);
    await page.goto(`${origin}/page/${variant}`, { waitUntil: 'load', timeout: 30000 });
    await page.waitForFunction(`window.__fp === ${FIRST_PARTY_SCRIPTS}`, null, { timeout: 15000 });
    await page.waitForTimeout(SETTLE_MS);
    return (await stop(`/page/${variant}`)).cpuMs;
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * A view, bounded: whatever hangs, the view ends within VIEW_CAP_MS.
 * @param {import('playwright-core').Browser} browser @param {string} origin @param {Variant} variant
 * @returns {Promise<{ view: View | null, problems: string[] }>}
 */
function boundedVisit(browser, origin, variant) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const cap = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ view: null, problems: [`the view took over ${VIEW_CAP_MS / 1000} s`] }), VIEW_CAP_MS);
  });
  const run = visit(browser, origin, variant).catch((error) => ({ view: null, problems: [String(error?.message ?? error).split('\n')[0]] }));
  return /** @type {Promise<{ view: View | null, problems: string[] }>} */ (Promise.race([run, cap])).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------
// The report.

/** @typedef {{ median: number, min: number, max: number }} Stat */
/** @param {number[]} values @returns {Stat | null} */
function stat(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (/** @type {number} */ i) => sorted[i] ?? Number.NaN;
  const median = sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return { median, min: at(0), max: at(sorted.length - 1) };
}

const digits = (/** @type {number} */ value) =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
const cell = (/** @type {Stat | null} */ s) => (s ? `${digits(s.median)} (${digits(s.min)}–${digits(s.max)})` : '—');
/** @param {Stat | null} auto @param {Stat | null} mark */
const ratio = (auto, mark) => (auto && mark && mark.median !== 0 ? `×${(auto.median / mark.median).toFixed(2)}` : '—');
/** @param {Stat | null} auto @param {Stat | null} mark */
const difference = (auto, mark) => {
  if (!auto || !mark) return '—';
  const d = auto.median - mark.median;
  return `${d >= 0 ? '+' : '−'}${digits(Math.abs(d))}`;
};

/**
 * @param {{ views: Map<Variant, View[]>, cpu: Map<Variant, number[]>, problems: string[], bytes: { marked: ReturnType<typeof sizes>, auto: ReturnType<typeof sizes> },
 *   machine: { cpu: string, chromium: string, node: string, date: string, runs: number, seconds: number } }} input
 */
function report({ views, cpu, problems, bytes, machine }) {
  /** @param {Variant} variant @param {keyof View} field */
  const figure = (variant, field) =>
    stat(
      (views.get(variant) ?? [])
        .map((v) => v[field])
        .filter((/** @type {number | null} */ v) => v !== null)
        .map(Number),
    );
  /** @param {string} title @param {keyof View} field @param {boolean} [withNone] */
  const row = (title, field, withNone = true) => {
    const [n, m, a] = [figure('none', field), figure('marked', field), figure('auto', field)];
    return `| ${title} | ${withNone ? cell(n) : '—'} | ${cell(m)} | ${cell(a)} | ${ratio(a, m)} | ${difference(a, m)} |`;
  };
  const count = (/** @type {Kind} */ kind) => TRACKERS.filter((t) => t.kind === kind).length;
  const kb = (/** @type {number} */ b) => `${(b / 1024).toFixed(1)} KB`;
  const lines = [];
  lines.push('# Auto-blocking bench', '');
  lines.push(
    `${machine.date} · ${machine.cpu} · Chromium ${machine.chromium} · Node ${machine.node} · ${machine.runs} interleaved runs (after one warm-up round) · ${machine.seconds} s`,
    '',
    `One page with ${FIRST_PARTY_SCRIPTS} first-party scripts (external, each doing a little DOM work; one in four sets an`,
    "`<img>`'s `src`, one in four uses `insertAdjacentHTML`) and a first-party `fetch`, plus 20 tracker tags on the",
    `catalogue's hosts: ${count('script')} vendor snippets that create a \`<script>\` and set \`.src\`, ${count('pixel')} \`new Image().src\` pixels, ${count('fetch')} \`fetch\`, ${count('beacon')} \`sendBeacon\`,`,
    `${count('frame')} script-made iframes. Each view is a fresh context of one headless Chromium; every tracker URL is answered locally.`,
    '',
    '- **marked**: `consent.js`, every tag marked by hand (`type="text/plain" data-category`, `data-src`; the fetch and',
    '  the beacon inside a marked inline script).',
    '- **auto**: `consent-autoblock.js` with `autoBlock: true`, the same tags unmarked, as vendors write them.',
    '- **none**: no consent manager, the tags unmarked: they all fire. What the page itself costs.',
    '',
    'Each cell: median (min–max) over the runs. Nothing is subtracted: each figure is the whole page view. "auto/marked"',
    'is the ratio of the medians, "auto − marked" their difference. Script and task time are Chromium\'s',
    '`ScriptDuration` and `TaskDuration` from load until the page has settled (wall-clock: on a small, busy machine',
    'they also count moments the renderer waited for a core). Script CPU time comes from separate, traced views of the',
    "same pages: the thread time of the main thread's outermost script events (bench/trace.js), which waiting does not",
    'inflate. Lower is better. `npm run bench` writes this file.',
    '',
  );

  lines.push(
    '## Bytes to download (the drop-in)',
    '',
    '| | consent.js (marked) | consent-autoblock.js (auto) | auto/marked | auto − marked |',
    '|---|---|---|---|---|',
  );
  for (const key of /** @type {const} */ (['gzip', 'brotli', 'raw'])) {
    const label = key === 'gzip' ? 'gzip -9' : key === 'brotli' ? 'brotli -11' : 'raw';
    lines.push(
      `| ${label} | ${kb(bytes.marked[key])} | ${kb(bytes.auto[key])} | ×${(bytes.auto[key] / bytes.marked[key]).toFixed(2)} | +${kb(bytes.auto[key] - bytes.marked[key])} |`,
    );
  }
  lines.push('');

  const header = '| | none | marked | auto | auto/marked | auto − marked |\n|---|---|---|---|---|---|';
  lines.push('## Page view, before any choice', '', header);
  {
    const [n = null, m = null, a = null] = /** @type {const} */ (['none', 'marked', 'auto']).map((v) => stat(cpu.get(v) ?? []));
    lines.push(
      `| main-thread script CPU time (trace, separate views), ms | ${cell(n)} | ${cell(m)} | ${cell(a)} | ${ratio(a, m)} | ${difference(a, m)} |`,
    );
  }
  lines.push(row('main-thread script time (`ScriptDuration`), ms', 'scriptMs'));
  lines.push(row('main-thread task time (`TaskDuration`), ms', 'taskMs'));
  lines.push(row('navigation → DOMContentLoaded, ms', 'dclMs'));
  lines.push(row('navigation → load, ms', 'loadMs'));
  lines.push(row('JS heap used (after GC), KB', 'heapKb'));
  lines.push(row('tracker requests before any choice', 'before'));
  lines.push(row('`holdback:blocked` events', 'held'));
  lines.push('');

  lines.push('## After `Consent.acceptAll()`', '', header);
  lines.push(row('acceptAll() → every expected tracker request arrived, ms', 'acceptMs', false));
  lines.push(row('the acceptAll() call itself (in the page, synchronous), ms', 'acceptCallMs', false));
  lines.push(row('script time (`ScriptDuration`) from acceptAll() until settled, ms', 'releaseScriptMs', false));
  lines.push(row('tracker requests after acceptAll()', 'after', false));
  lines.push(
    '',
    `Expected after acceptAll(): marked, all 20 tags once; auto, the ${count('script') + count('pixel') + count('frame')} element tags once and the`,
    `${count('fetch') + count('beacon')} \`fetch\`/\`sendBeacon\` requests not at all (auto-blocking drops those before consent and never sends them`,
    'later; a tag that should report after consent must send again). "none" has no choice to make. acceptAll() is',
    'called from a timer task of the page, as a click handler would run, so that `ScriptDuration` counts it; the time to',
    'the requests is taken where they are answered, from just before that call.',
    '',
  );

  lines.push('## Checks', '');
  if (problems.length === 0) {
    lines.push(
      'All passed: no tracker request before a choice (marked, auto); after acceptAll() each expected one exactly once, within 10 s, and no dropped one late; each vendor script ran once; every first-party script ran; nothing unanswered.',
    );
  } else {
    lines.push('**Failed:**', '', ...problems.map((p) => `- ${p}`));
  }
  lines.push('', '## Tags', '', '| tag | vector | service (catalogue) | category |', '|---|---|---|---|');
  for (const t of TRACKERS) lines.push(`| \`${t.url}\` | ${t.kind} | ${t.service} | ${t.category} |`);
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// The run.

const bytes = {
  marked: sizes(readFileSync(join(root, 'dist', 'consent.js'))),
  auto: sizes(readFileSync(join(root, 'dist', 'consent-autoblock.js'))),
};
const server = await startServer();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
/** @type {Map<Variant, View[]>} */
const views = new Map(VARIANTS.map((v) => [v, []]));
/** @type {Map<Variant, number[]>} script CPU time of the traced views */
const cpu = new Map(VARIANTS.map((v) => [v, []]));
/** @type {string[]} */
const problems = [];
const started = Date.now();
try {
  // One round that is not counted: the browser's first contexts are slower than the rest.
  for (const variant of VARIANTS) await boundedVisit(browser, server.origin, variant);
  for (let run = 0; run < runs; run++) {
    for (const variant of VARIANTS) {
      const result = await boundedVisit(browser, server.origin, variant);
      for (const problem of result.problems) {
        problems.push(`${variant}, run ${run + 1}: ${problem}`);
        console.log(`  ${variant}, run ${run + 1}: ${problem}`);
      }
      if (result.view) views.get(variant)?.push(result.view);
    }
    for (const variant of VARIANTS) {
      const cpuMs = await cpuVisit(browser, server.origin, variant).catch((error) => {
        problems.push(`${variant}, run ${run + 1}: the traced view failed: ${String(error?.message ?? error).split('\n')[0]}`);
        return null;
      });
      if (cpuMs !== null) (cpu.get(variant) ?? []).push(cpuMs);
    }
    console.log(`run ${run + 1}/${runs} done (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const markdown = report({
    views,
    cpu,
    problems,
    bytes,
    machine: {
      ...machineFacts(browser),
      runs,
      seconds: Math.round((Date.now() - started) / 1000),
    },
  });
  writeFileSync(String(values.out), markdown);
  console.log(`\n${markdown}\nwritten to ${values.out}`);
  if (problems.length > 0) {
    console.error(`${problems.length} correctness problem(s); see "Checks" above.`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
