// Scans one page through the five phases, each in a fresh browser context
// (phase 3 continues phase 2's, phase 5 continues phase 4's, because they
// are about what a choice already made does on the next page views).
import type { Browser, Frame, Page } from 'playwright-core';
import { firstLine } from './browser';
import { ConsentDriver, waitForHoldback } from './consent-ui';
import { staticTags } from './html';
import { type Link, pickLinks } from './pages';
import { EVALUATE_MS, Recorder, type Recording, within } from './record';
import type { ConsentManager, Failure, PageResult, Phase, PhaseEvidence, StaticTag } from './types';

export interface Timing {
  /** How long a page may take to load, and an action to finish. */
  timeoutMs: number;
  /** How long the network must stay quiet for a page to count as settled. */
  settleMs: number;
}

/** A page that could not be loaded: its reason is shown as it is. */
export class PageError extends Error {}

interface Tab {
  page: Page;
  recorder: Recorder;
  driver: ConsentDriver;
  close(): Promise<void>;
}

// An ordinary Chrome's user agent: some consent managers and tags keep quiet
// for "HeadlessChrome", and the scan should meet what visitors meet.
const userAgent = (browser: Browser) =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version().split('.')[0]}.0.0.0 Safari/537.36`;

async function open(browser: Browser): Promise<Tab> {
  const context = await browser.newContext({ serviceWorkers: 'allow', userAgent: userAgent(browser) });
  try {
    const recorder = await Recorder.start(context);
    const driver = await ConsentDriver.install(context);
    const page = await context.newPage();
    await recorder.watch(page);
    return { page, recorder, driver, close: () => context.close().catch(() => {}) };
  } catch (error) {
    await context.close().catch(() => {});
    throw error;
  }
}

/** Loads a URL like a visitor: the document, its load event, the lazy content below the fold. */
async function visit(page: Page, url: string, timing: Timing, views: string[]): Promise<void> {
  views.push(url);
  let response: Awaited<ReturnType<Page['goto']>>;
  try {
    response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timing.timeoutMs });
  } catch (error) {
    throw new PageError(navigationProblem(error, url, timing));
  }
  if (response && response.status() >= 400) throw new PageError(`${url} answered HTTP ${response.status()}`);
  // Where a redirect led: the page's own requests name that document.
  if (page.url() !== url) views.push(page.url());
  // A page whose subresources never finish is judged by what it did meanwhile.
  await page.waitForLoadState('load', { timeout: timing.timeoutMs }).catch(() => {});
  await scroll(page);
}

export function navigationProblem(error: unknown, url: string, timing: Timing): string {
  const text = firstLine(error);
  if (/timeout/i.test(text)) return `${url} did not load within ${timing.timeoutMs / 1000} s`;
  const net = /net::(ERR_[A-Z_]+)/.exec(text)?.[1];
  const reasons: Record<string, string> = {
    ERR_CONNECTION_REFUSED: 'refused the connection',
    ERR_NAME_NOT_RESOLVED: 'has a host name that does not resolve',
    ERR_ADDRESS_UNREACHABLE: 'is unreachable',
    ERR_CONNECTION_RESET: 'reset the connection',
    ERR_CONNECTION_TIMED_OUT: 'did not answer',
    ERR_CERT_AUTHORITY_INVALID: 'has a certificate no authority signed',
    ERR_EMPTY_RESPONSE: 'sent an empty response',
  };
  return net ? `${url} ${reasons[net] ?? `could not be loaded (${net})`}` : `${url} could not be loaded: ${text}`;
}

async function scroll(page: Page): Promise<void> {
  await page
    .evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight && y < 20000; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    })
    .catch(() => {});
}

const evidence = (phase: Phase, views: string[], recording: Recording): PhaseEvidence => ({ phase, status: 'done', reason: null, failure: null, views, ...recording });

const skipped = (phase: Phase, status: 'skipped' | 'failed', reason: string, failure: Failure = null): PhaseEvidence => ({
  phase,
  status,
  reason,
  failure: status === 'failed' ? (failure ?? 'error') : null,
  views: [],
  requests: [],
  cookies: [],
  newCookies: [],
  cookieWrites: [],
  storage: [],
  signals: null,
});

/** Waits until the consent manager seen in phase 1 shows again in a fresh context. */
async function ready(tab: Tab, manager: ConsentManager, timing: Timing): Promise<boolean> {
  if (manager.kind === 'holdback') return waitForHoldback(tab.page, timing.timeoutMs);
  return (await tab.driver.detect(tab.page, Math.min(timing.timeoutMs, 10_000))) !== null;
}

/**
 * Phase 1, then the choices. The page
 * a visitor sees next (phases 3 and 5) is the page's first same-site link, else the page again.
 */
export async function scanPage(browser: Browser, url: string, timing: Timing): Promise<PageResult> {
  const started = Date.now();
  const phases: PhaseEvidence[] = [];
  let manager: ConsentManager | null = null;
  let links: string[] = [];
  let tags: StaticTag[] = [];
  let documentUrl = url;

  const first = await open(browser);
  try {
    const views: string[] = [];
    await first.recorder.mark();
    await visit(first.page, url, timing, views);
    await first.recorder.settle(timing.settleMs, timing.timeoutMs);
    const looking = Date.now();
    manager = await first.driver.detect(first.page, Math.max(timing.settleMs, 2000));
    // A banner that took its time may have brought requests of its own.
    if (Date.now() - looking > 250) await first.recorder.settle(timing.settleMs, timing.timeoutMs);
    const anchors = first.page.evaluate(() =>
      Array.from(document.querySelectorAll('a[href]'), (a) => ({ href: (a as HTMLAnchorElement).href, download: a.hasAttribute('download'), rel: a.getAttribute('rel') ?? '' })),
    );
    documentUrl = first.page.url();
    links = pickLinks(await within<Link[]>(anchors, EVALUATE_MS, []), documentUrl);
    tags = staticTags(await first.recorder.document(documentUrl, timing.timeoutMs), documentUrl);
    phases.push(evidence('before-choice', views, await first.recorder.collect(first.page)));
  } finally {
    await first.close();
  }

  if (!manager) {
    const reason = 'no consent banner was found: only what the page does before any choice is judged';
    for (const phase of ['after-reject', 'after-reject-next', 'after-accept', 'after-withdraw'] as const) phases.push(skipped(phase, 'skipped', reason));
    return { url, document: documentUrl, consentManager: null, phases, links, tags, error: null, durationMs: Date.now() - started };
  }
  const found = manager;
  const next = links.find((link) => link !== url) ?? url;

  // Phases 2 and 3: "Reject all", then a reload and the next page.
  await inTab(browser, phases, ['after-reject', 'after-reject-next'], async (tab) => {
    const views: string[] = [];
    await visit(tab.page, url, timing, views);
    if (!(await ready(tab, found, timing))) {
      phases.push(skipped('after-reject', 'failed', 'the consent banner did not show again in a fresh browser', 'banner-missing'), skipped('after-reject-next', 'skipped', 'nothing was rejected'));
      return;
    }
    await tab.recorder.settle(timing.settleMs, timing.timeoutMs);
    await tab.recorder.mark();
    if (!(await tab.driver.choose(tab.page, found, 'reject', timing.timeoutMs))) {
      phases.push(skipped('after-reject', 'failed', 'no "Reject all" (or equivalent) was found', 'no-reject'), skipped('after-reject-next', 'skipped', 'nothing was rejected'));
      return;
    }
    await tab.recorder.settle(timing.settleMs, timing.timeoutMs);
    phases.push(evidence('after-reject', [tab.page.url()], await tab.recorder.collect(tab.page)));

    const nextViews: string[] = [];
    await tab.recorder.mark();
    await visit(tab.page, tab.page.url(), timing, nextViews);
    await tab.recorder.settle(timing.settleMs, timing.timeoutMs);
    await visit(tab.page, next, timing, nextViews);
    await tab.recorder.settle(timing.settleMs, timing.timeoutMs);
    phases.push(evidence('after-reject-next', nextViews, await tab.recorder.collect(tab.page)));
  });

  // Phases 4 and 5: "Accept all", then withdrawing everything and the next page view.
  await inTab(browser, phases, ['after-accept', 'after-withdraw'], async (tab) => {
    const views: string[] = [];
    await visit(tab.page, url, timing, views);
    if (!(await ready(tab, found, timing))) {
      phases.push(skipped('after-accept', 'failed', 'the consent banner did not show again in a fresh browser', 'banner-missing'), skipped('after-withdraw', 'skipped', 'nothing was accepted'));
      return;
    }
    await tab.recorder.settle(timing.settleMs, timing.timeoutMs);
    await tab.recorder.mark();
    if (!(await tab.driver.choose(tab.page, found, 'accept', timing.timeoutMs))) {
      phases.push(skipped('after-accept', 'failed', 'no "Accept all" was found', 'no-accept'), skipped('after-withdraw', 'skipped', 'nothing was accepted'));
      return;
    }
    await scroll(tab.page);
    await tab.recorder.settle(timing.settleMs, timing.timeoutMs);
    phases.push(evidence('after-accept', [tab.page.url()], await tab.recorder.collect(tab.page)));

    // What phase 5 judges is the next page view after withdrawing: holdback's
    // own reload when it makes one (from the moment the new document commits),
    // then the next page. What the withdrawn page sends while it unloads is not counted.
    const page = tab.page;
    const recorder = tab.recorder;
    let marked: Promise<void> | null = null;
    const reloaded = new Promise<boolean>((resolve) => {
      const committed = (frame: Frame) => {
        if (frame !== page.mainFrame()) return;
        page.off('framenavigated', committed);
        // Marked at once, so that the new document's first requests fall in the window.
        marked = recorder.mark();
        resolve(true);
      };
      page.on('framenavigated', committed);
      setTimeout(() => {
        page.off('framenavigated', committed);
        resolve(false);
      }, Math.max(1000, timing.settleMs));
    });
    if (!(await tab.driver.withdraw(page, found))) {
      phases.push(skipped('after-withdraw', 'skipped', `withdrawing is automated for holdback only; check ${found.name}'s own way to withdraw by hand`));
      return;
    }
    const nextViews: string[] = [];
    if (await reloaded) {
      await marked;
      nextViews.push(page.url());
      await page.waitForLoadState('load', { timeout: timing.timeoutMs }).catch(() => {});
      await tab.recorder.settle(timing.settleMs, timing.timeoutMs);
    } else {
      await tab.recorder.mark();
    }
    await visit(tab.page, next, timing, nextViews);
    await tab.recorder.settle(timing.settleMs, timing.timeoutMs);
    phases.push(evidence('after-withdraw', nextViews, await tab.recorder.collect(tab.page)));
  });

  return { url, document: documentUrl, consentManager: manager, phases, links, tags, error: null, durationMs: Date.now() - started };
}

// A phase that breaks (the next page does not load, the browser context dies)
// is reported as failed with its reason; the phases before it keep their evidence.
async function inTab(browser: Browser, phases: PhaseEvidence[], ids: Phase[], run: (tab: Tab) => Promise<void>): Promise<void> {
  let tab: Tab | null = null;
  try {
    tab = await open(browser);
    await run(tab);
  } catch (error) {
    const reason = error instanceof PageError ? error.message : firstLine(error);
    for (const id of ids) if (!phases.some((p) => p.phase === id)) phases.push(skipped(id, 'failed', reason));
  } finally {
    await tab?.close();
  }
}
