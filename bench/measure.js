// @ts-check
// One page view of one candidate, measured in Chromium through the DevTools
// protocol. Every figure is read in the page or from Chromium's own counters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/chromium.js';
import { traceScriptTime } from './trace.js';

// A person reads the banner before clicking; some managers also finish wiring
// their buttons a moment after the banner appears (tarteaucitron ignores earlier clicks).
const SETTLE_BEFORE_CLICK_MS = 1000;

/** The page-side recorder, installed before any of the page's scripts run. */
const HARNESS = (/** @type {string} */ bannerExpression) => `
(() => {
  const b = window.__bench = { ran: {}, pixels: {}, lastRun: 0, srcSet: 0, srcSetAt: 0, pixelAt: 0, bannerAt: null, shift: 0,
    downAt: null, clickAt: null, paintedAt: null, eventMs: null };
  // Click → next paint, read two ways. Event Timing is what Interaction to Next
  // Paint reads: the largest duration among the interaction's entries, each from
  // its event's timestamp to the frame presented after its handlers. It reports
  // entries of 16 ms or more only (rounded to 8 ms), but always the first input,
  // which on a first visit is this click.
  const interaction = (list) => {
    for (const entry of list.getEntries()) if (entry.interactionId) b.eventMs = Math.max(b.eventMs ?? 0, entry.duration);
  };
  try {
    new PerformanceObserver(interaction).observe({ type: 'event', durationThreshold: 16, buffered: true });
    new PerformanceObserver(interaction).observe({ type: 'first-input', buffered: true });
  } catch {}
  // The fallback, from pointerdown to the end of the first frame after the click's
  // handlers: a capturing listener runs before the page's, its animation frame
  // callback at the start of the next frame, and a message posted from there
  // arrives once that frame is painted.
  addEventListener('pointerdown', (event) => { if (event.isTrusted && b.downAt === null) b.downAt = event.timeStamp; }, true);
  addEventListener('click', (event) => {
    if (!event.isTrusted || b.clickAt !== null) return;
    b.clickAt = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { b.paintedAt = performance.now(); };
      channel.port2.postMessage(0);
    });
  }, true);
  window.__ran = (id) => { b.ran[id] = (b.ran[id] || 0) + 1; b.lastRun = performance.now(); };
  window.__src = () => { b.srcSet++; b.srcSetAt = performance.now(); };
  window.__pixel = (id) => { b.pixels[id] = (b.pixels[id] || 0) + 1; b.pixelAt = performance.now(); };
  document.addEventListener('load', (event) => {
    const t = event.target;
    if (t instanceof HTMLImageElement && t.src.includes('/gated/pixel.gif')) window.__pixel(new URL(t.src).searchParams.get('id'));
  }, true);
  new MutationObserver((records) => {
    for (const r of records) if (r.target instanceof HTMLImageElement && r.target.getAttribute('src')?.includes('/gated/pixel.gif')) window.__src();
  }).observe(document, { attributes: true, attributeFilter: ['src'], subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) b.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const visible = (el) => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0;
  };
  const started = performance.now();
  const poll = () => {
    let banner = null;
    try { banner = ${bannerExpression}; } catch {}
    if (visible(banner)) { b.bannerAt = performance.now(); return; }
    if (performance.now() - started < 10000) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

/**
 * @typedef {import('./candidates.js').Candidate} Candidate
 * @typedef {{ scriptMs: number, scriptCpuMs: number | null, heapKb: number, bannerMs: number | null, shift: number,
 *   activationMs: number | null, eventMs: number | null, frameMs: number | null, files: OwnFile[], problems: string[] }} Visit
 * @typedef {{ path: string, blocking: boolean }} OwnFile
 */

/** @param {import('playwright-core').CDPSession} cdp */
async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  /** @type {Record<string, number>} */
  const values = { ScriptDuration: 0, JSHeapUsedSize: 0 };
  for (const m of metrics) values[m.name] = m.value;
  return /** @type {{ ScriptDuration: number, JSHeapUsedSize: number }} */ (values);
}

const VISIT_LIMIT_MS = 180_000;

/**
 * Loads a page and measures it; for candidates, then clicks "Accept all" and
 * measures the time until every gated element has run, loaded or been set.
 * With `trace`, the page view is traced for its script CPU time instead; the
 * tracing slows the page, so its wall-clock figures are left to untraced views.
 *
 * Without a candidate the page is the bare one (`plain` false: holdback's inert
 * markup, nothing runs) or the same tags written plainly, unheld (`plain` true).
 * "Accept all" is a real click of the mouse, at `clickThrottle`× CPU.
 * @param {{ browser: import('playwright-core').Browser, origin: string, hits: { ext: number, pixel: number }, reset(): void,
 *   candidate: Candidate | null, plain?: boolean, n: number, returning: boolean, throttle: number, accept: boolean, clickThrottle?: number,
 *   trace: boolean }} options
 * @returns {Promise<Visit>}
 */
export async function visit({ browser, origin, hits, reset, candidate, plain = false, n, returning, throttle, accept, clickThrottle = 1, trace }) {
  const viewport = { width: 1280, height: 800 };
  // A returning visitor gets a profile on disk, as a real one has: Chromium keeps
  // no code cache for the off-the-record contexts that browser.newContext() makes.
  const profile = returning ? mkdtempSync(join(tmpdir(), 'holdback-bench-')) : null;
  const context = profile
    ? await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: chromiumArgs, viewport })
    : await browser.newContext({ viewport });
  const problems = [];
  // A page that never settles (klaro at 10,000 elements once spun for half an hour at 11 GB)
  // is closed after the limit, and the view counts as failed rather than holding up the bench.
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    context.close().catch(() => {});
  }, VISIT_LIMIT_MS);
  try {
    await context.addInitScript(HARNESS(candidate ? candidate.bannerExpression : 'null'));
    const url = `${origin}/page/${candidate ? candidate.name : plain ? 'plain' : 'none'}?n=${n}`;
    const expected = expectedOf(candidate, n);
    if (returning) {
      // The first visit stores the choice; the measured one is the third page
      // view. The page without a consent manager is viewed as often, so that
      // the baseline has the same caches.
      const first = await context.newPage();
      await first.goto(url);
      if (candidate) {
        await first.waitForFunction(`!!(${candidate.bannerExpression})`, null, { timeout: 15000 });
        await first.waitForTimeout(SETTLE_BEFORE_CLICK_MS);
        await first.evaluate(`(${candidate.acceptExpression}).click()`);
        await first.waitForFunction(doneExpression(expected), null, { timeout: 30000 });
      }
      await first.waitForTimeout(200);
      await first.close();
      // A second view lets Chromium build its code cache, as it does for a visitor who comes back.
      const second = await context.newPage();
      await second.goto(url);
      if (candidate || plain) await second.waitForFunction(doneExpression(expected), null, { timeout: 30000 });
      await second.waitForTimeout(200);
      await second.close();
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    reset();
    const endTrace = trace ? await traceScriptTime(cdp) : null;
    // Chromium's counters may include earlier page views in the same renderer: count from here.
    const before = await metrics(cdp);
    await page.goto(url, { waitUntil: 'load' });
    if (candidate && !returning) {
      await page.waitForFunction('window.__bench.bannerAt !== null', null, { timeout: 15000 }).catch(() => problems.push('no banner shown'));
    }
    if (!candidate) {
      // The same kind of wait as for the candidates, so that Playwright's own
      // in-page helper is counted on the blank page too and cancels out.
      await page.waitForFunction(plain ? doneExpression(expected) : 'window.__bench !== undefined', null, { timeout: 15000 });
    }
    if (candidate && returning) {
      await page.waitForFunction(doneExpression(expected), null, { timeout: 30000 }).catch(() => problems.push('stored choice not applied'));
      if (await page.evaluate('window.__bench.bannerAt !== null')) problems.push('banner shown to a returning visitor');
    }
    await page.waitForTimeout(250);
    const after = await metrics(cdp);
    const scriptCpuMs = endTrace ? (await endTrace(new URL(url).pathname)).cpuMs : null;
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await metrics(cdp)).JSHeapUsedSize;
    /** @type {any} */
    const state = await page.evaluate('window.__bench');
    if (candidate && !returning) {
      const ran = Object.keys(state.ran).length + state.srcSet + Object.keys(state.pixels).length + hits.ext + hits.pixel;
      if (ran > 0) problems.push(`something ran before consent (${JSON.stringify({ ran: state.ran, srcSet: state.srcSet, hits })})`);
    }
    /** @type {number | null} */
    let activationMs = null;
    /** @type {number | null} */
    let eventMs = null;
    /** @type {number | null} */
    let frameMs = null;
    if (candidate && accept && !returning && problems.length === 0) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: clickThrottle });
      await page.waitForTimeout(SETTLE_BEFORE_CLICK_MS);
      await clickAccept(page, candidate);
      await page.waitForFunction('window.__bench.paintedAt !== null', null, { timeout: 15000 }).catch(() => problems.push('the click was not seen'));
      // Event Timing queues its entries once the frame is presented, a little after it is painted.
      await page.waitForFunction('window.__bench.eventMs !== null', null, { timeout: 3000 }).catch(() => undefined);
      const done = await page.waitForFunction(doneExpression(expected), null, { timeout: 60000 }).then(
        () => true,
        () => false,
      );
      if (!done) problems.push('not everything ran within 60 s of "Accept all"');
      await page.waitForTimeout(300);
      /** @type {any} */
      const end = await page.evaluate('window.__bench');
      activationMs = Math.max(end.lastRun, n === 0 ? end.pixelAt : Math.max(end.srcSetAt, end.pixelAt)) - end.clickAt;
      eventMs = end.eventMs;
      frameMs = end.paintedAt === null ? null : end.paintedAt - (end.downAt ?? end.clickAt);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const counted = n === 0 ? { ...end.ran, ...end.pixels } : end.ran;
      const twice = Object.entries(counted).filter(([, count]) => count !== 1);
      if (twice.length > 0)
        problems.push(
          `ran more than once: ${twice
            .map(([id]) => id)
            .slice(0, 5)
            .join(', ')}`,
        );
      if (n > 0 && end.srcSet !== expected.pixels) problems.push(`${end.srcSet} pixels let go, want ${expected.pixels}`);
      if (n === 0 && (hits.ext !== 1 || hits.pixel !== 1)) problems.push(`requests after consent: ${JSON.stringify(hits)} (want 1 each)`);
    }
    return {
      scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
      scriptCpuMs,
      heapKb: heap / 1024,
      bannerMs: state.bannerAt,
      shift: state.shift,
      activationMs,
      eventMs,
      frameMs,
      files: candidate ? await ownFiles(page, candidate) : [],
      problems,
    };
  } catch (error) {
    if (timedOut) throw new Error(`the page view did not finish within ${VISIT_LIMIT_MS / 1000} s`);
    throw error;
  } finally {
    clearTimeout(deadline);
    await context.close().catch(() => {});
    if (profile) rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * "Accept all" clicked as a person would, with the mouse on the middle of the
 * button: a click from script (element.click()) is not an input, and Event
 * Timing does not time it.
 * @param {import('playwright-core').Page} page @param {Candidate} candidate
 */
async function clickAccept(page, candidate) {
  /** @type {{ x: number, y: number }} */
  const middle = await page.evaluate(
    `(() => { const r = (${candidate.acceptExpression}).getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
  );
  await page.mouse.click(middle.x, middle.y);
}

/**
 * The candidate's own files the page fetched, as the browser's Resource Timing
 * lists them, and whether the browser held rendering for each: a script in
 * <head> without async or defer, or a stylesheet there. Read from the page,
 * so that a file the candidate adds by itself counts as well.
 * @param {import('playwright-core').Page} page @param {Candidate} candidate
 * @returns {Promise<OwnFile[]>}
 */
async function ownFiles(page, candidate) {
  const prefix = `/cm/${candidate.name}/`;
  /** @type {{ url: string, status: number, blocking: boolean }[]} */
  const entries = await page.evaluate(
    `performance.getEntriesByType('resource').map((e) => ({ url: e.name, status: e.responseStatus, blocking: e.renderBlockingStatus === 'blocking' }))`,
  );
  /** @type {Map<string, boolean>} */
  const files = new Map();
  for (const { url, status, blocking } of entries) {
    const path = new URL(url).pathname;
    if (status !== 200 || !path.startsWith(prefix)) continue;
    const file = path.slice(prefix.length);
    files.set(file, blocking || files.get(file) === true);
  }
  return [...files].map(([path, blocking]) => ({ path, blocking }));
}

/** What "everything ran" means on a page: the ids of its scripts and pixels. */
/** @param {Candidate | null} candidate @param {number} n */
function expectedOf(candidate, n) {
  void candidate;
  if (n === 0) return { scripts: 2, pixels: 1, standard: true };
  return { scripts: Math.ceil(n / 2), pixels: Math.floor(n / 2), standard: false };
}

/** @param {ReturnType<typeof expectedOf>} expected */
function doneExpression(expected) {
  if (expected.standard) {
    return `(() => { const b = window.__bench; return b.ran.inline >= 1 && b.ran.ext >= 1 && Object.keys(b.pixels).length >= 1; })()`;
  }
  return `(() => { const b = window.__bench; return Object.keys(b.ran).length >= ${expected.scripts} && b.srcSet >= ${expected.pixels}; })()`;
}
