import { test as base, expect } from '@playwright/test';
import { addSentinel, ORIGIN, type PageSpec, sentinelJudged } from '../site';
import { type Engine, type EngineName, type Key, launch, type StoredCookie, type Tab } from './drivers';
import { type TestProxy, startProxy } from './proxy';

// What a test of the cross-engine suite sees: the shop, its requests, and one
// tab of the engine its project names. The same test source runs in each.

export interface EngineSite {
  readonly engine: EngineName;
  readonly tab: Tab;
  serve(path: string, spec: PageSpec): void;
  /** Answers a URL (on the shop or any host) with a body, optionally after a delay; as the Chromium suite's site.asset(). */
  asset(url: string, body: string, options?: { type?: string; delay?: number }): void;
  open(path?: string): Promise<void>;
  /** Requests to hosts other than the shop whose URL starts with one of the prefixes (all of them without one). */
  hits(...prefixes: string[]): string[];
  /** Runs a function in the page. */
  run<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<Awaited<T>>;
  /** window.ran, where the fixtures' scripts say that they ran. */
  ran(): Promise<string[]>;
  /** Clicks, with the engine's own pointer, the control of holdback's UI (or the page's) with that name. */
  click(name: string): Promise<void>;
  press(key: Key, times?: number): Promise<void>;
  /** The accessible name of what has focus, looking into shadow roots; '' for the body. */
  focused(): Promise<string>;
  /** Whether holdback's banner (the region "Cookie consent") is shown. */
  bannerShown(): Promise<boolean>;
  /** Lets in-flight work finish: holdback has judged what the page added, then `ms` more. */
  settle(ms?: number): Promise<void>;
  cookies(): Promise<StoredCookie[]>;
}

export const test = base.extend<{ site: EngineSite }, { testProxy: TestProxy; engine: Engine }>({
  testProxy: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixtures take their dependencies by destructuring
    async ({}, use) => {
      const proxy = await startProxy();
      await use(proxy);
      await proxy.close();
    },
    { scope: 'worker' },
  ],
  engine: [
    async ({ testProxy }, use, workerInfo) => {
      const engine = await launch(workerInfo.project.name as EngineName, testProxy.port);
      console.log(`${engine.name}: ${engine.version}`);
      await use(engine);
      await engine.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  site: async ({ testProxy: proxy, engine }, use) => {
    proxy.reset();
    const tab = await engine.newTab();
    // A page that is navigating (holdback reloads after a withdrawal) has no document to run in
    // for a moment: tried again on the next one, as Playwright's own evaluate does.
    const run: EngineSite['run'] = async <T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<Awaited<T>> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await tab.evaluate(fn, ...args);
        } catch (error) {
          const navigating = /context was destroyed|Cannot find context|navigat|document unloaded|no such window/i.test(String(error));
          if (!navigating || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    const site: EngineSite = {
      engine: engine.name,
      tab,
      serve: (path, spec) => proxy.serve(path, spec),
      asset: (url, body, options) => proxy.asset(url, { body, ...options }),
      open: (path = '/') => tab.goto(ORIGIN + path),
      hits: (...prefixes) => proxy.hits(...prefixes),
      run,
      ran: () => run(() => ((window as unknown as { ran?: string[] }).ran ?? []).slice()),
      async click(name) {
        let point: { x: number; y: number } | null = null;
        await expect
          .poll(
            async () => {
              point = await run(findControl, name);
              return point !== null;
            },
            { message: `a control named "${name}" is shown` },
          )
          .toBe(true);
        await tab.clickAt(point!.x, point!.y);
      },
      async press(key, times = 1) {
        for (let i = 0; i < times; i++) await tab.press(key);
      },
      focused: () =>
        run(() => {
          let active: Element | null = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          if (!active || active === document.body) return '';
          const labels = (active as HTMLInputElement).labels;
          return (active.getAttribute('aria-label') ?? (labels?.[0] ? labels[0].textContent : active.textContent) ?? '').trim();
        }),
      bannerShown: () =>
        run(() => {
          for (const host of document.querySelectorAll('[data-holdback]')) {
            const region = host.shadowRoot?.querySelector('[role="region"][aria-label="Cookie consent"], section[aria-label="Cookie consent"]');
            if (region && region.getClientRects().length > 0 && getComputedStyle(region).visibility !== 'hidden') return true;
          }
          return false;
        }),
      async settle(ms = 300) {
        const id = `holdback-sentinel-${Math.random().toString(36).slice(2)}`;
        if (await run(addSentinel, id)) {
          await expect.poll(() => run(sentinelJudged, id), { message: 'holdback judged a marked element added now' }).toBe(true);
        }
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
      cookies: () => tab.cookies(),
    };
    await use(site);
    await tab.close();
  },
});

// In the page: the centre of the visible button, link or switch with that
// name, in holdback's shadow roots or the page; null while there is none.
function findControl(name: string): { x: number; y: number } | null {
  const roots: (Document | ShadowRoot)[] = [document];
  for (const host of document.querySelectorAll('[data-holdback]')) if (host.shadowRoot) roots.unshift(host.shadowRoot);
  for (const root of roots) {
    for (const control of root.querySelectorAll('button, a, [role="switch"], input')) {
      const labels = (control as HTMLInputElement).labels;
      const label = (control.getAttribute('aria-label') ?? (labels?.[0] ? labels[0].textContent : control.textContent) ?? '').trim();
      const box = control.getBoundingClientRect();
      // A switch's label may go on with its description.
      if (!(label === name || (labels?.[0] && label.startsWith(name))) || box.width === 0 || box.height === 0) continue;
      control.scrollIntoView({ block: 'center' });
      const shown = control.getBoundingClientRect();
      return { x: shown.left + shown.width / 2, y: shown.top + shown.height / 2 };
    }
  }
  return null;
}

export { expect };
