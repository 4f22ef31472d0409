import { existsSync, readFileSync } from 'node:fs';
import { test as base, type BrowserContext, type Cookie, expect, type Page } from '@playwright/test';
import { answer, TRACKERS } from '../demo/trackers.js';

// Every test runs a made-up shop at https://shop.test whose pages, drop-in and
// tracker hosts are all answered here, through Playwright's routing: nothing
// leaves the machine, and every tracker request is recorded for assertions.

export const ORIGIN = 'https://shop.test';
const DROP_IN = new URL('../dist/consent.js', import.meta.url);
// The drop-ins, and the UI file they fetch from beside themselves.
const DROP_INS = ['consent.js', 'consent-autoblock.js', 'consent-ui.js', 'consent-link.js'];

export interface PageSpec {
  config?: unknown;
  head?: string;
  body?: string;
  /** Extra attributes for holdback's own script tag, e.g. ` data-language="de"`. */
  attributes?: string;
  /** Language files to load before the drop-in: `['de']` loads /lang/de.js. */
  languages?: string[];
  /** A Content-Security-Policy header; `{nonce}` is the nonce of this response. */
  csp?: string;
  lang?: string;
  /** Which drop-in the page loads. Default `consent.js`. */
  dropIn?: 'consent.js' | 'consent-autoblock.js';
}

export const NONCE = 'r4nd0m-n0nce';

export function pageHtml({
  config,
  head = '',
  body = '',
  attributes = '',
  csp,
  lang = 'en',
  languages = [],
  dropIn = 'consent.js',
}: PageSpec): string {
  const nonce = csp ? ` nonce="${NONCE}"` : '';
  const configScript = config === undefined ? '' : `<script${nonce}>window.consentConfig = ${toSource(config)};</script>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>Shop</title>
${configScript}
${languages.map((code) => `<script src="/lang/${code}.js"${nonce}></script>`).join('\n')}
<script src="/${dropIn}"${nonce}${attributes}></script>
${head}
</head>
<body>
<main><h1>Shop</h1><p>Products for everyone.</p></main>
${body}
</body>
</html>`;
}

/** A config as JavaScript source: JSON, but regular expressions stay regular expressions. */
function toSource(value: unknown): string {
  const patterns: RegExp[] = [];
  const json = JSON.stringify(value, (_, item) => (item instanceof RegExp ? `\u0000${patterns.push(item) - 1}` : item));
  return json.replace(/"\\u0000(\d+)"/g, (_, index) => String(patterns[Number(index)]));
}

export interface Site {
  page: Page;
  /** Serves a page of the shop at a path. */
  serve(path: string, spec: PageSpec): void;
  /**
   * Answers a URL (on the shop or on any other host) with a body, after an
   * optional delay. Requests to other hosts answered this way count as tracker
   * requests in hits(), whether or not the host is a tracker.
   */
  asset(url: string, body: string, options?: { type?: string; delay?: number }): void;
  open(path?: string): Promise<void>;
  /** Tracker requests so far whose URL starts with one of the prefixes. */
  hits(...prefixes: string[]): string[];
  /** All requests to tracker hosts so far. */
  trackerRequests(): string[];
  /** Requests to hosts that are neither the shop nor a known tracker. */
  strayRequests: string[];
  vendorCookies(): Promise<string[]>;
  console: string[];
}

const VENDOR_COOKIES = /^(_fbp|_fbc|_ga|_ga_.*|_gcl_.*|li_fat_id|_ttp)$/;

export const test = base.extend<{ site: Site }>({
  site: async ({ page, context }, use) => {
    if (!existsSync(DROP_IN)) throw new Error('dist/consent.js is missing: run "npm run build" first.');
    const pages = new Map<string, PageSpec>();
    const assets = new Map<string, { body: string; type: string; delay: number }>();
    const tracker: string[] = [];
    const stray: string[] = [];
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));

    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      const asset = assets.get(url.href) ?? assets.get(url.origin + url.pathname);
      if (asset) {
        if (url.origin !== ORIGIN) tracker.push(url.href);
        if (asset.delay) await new Promise((resolve) => setTimeout(resolve, asset.delay));
        return route.fulfill({ contentType: asset.type, body: asset.body });
      }
      if (url.origin === ORIGIN) {
        const dropIn = DROP_INS.find((file) => url.pathname === `/${file}`);
        if (dropIn) {
          const file = new URL(`../dist/${dropIn}`, import.meta.url);
          if (!existsSync(file)) throw new Error(`dist/${dropIn} is missing: run "npm run build" first.`);
          // Served as a CDN would: readable from any origin (a sandboxed frame's is opaque).
          return route.fulfill({ contentType: 'text/javascript', headers: { 'access-control-allow-origin': '*' }, body: readFileSync(file, 'utf8') });
        }
        const language = /^\/lang\/([a-z]{2})\.js$/.exec(url.pathname);
        if (language) {
          const file = new URL(`../dist/lang/${language[1]}.js`, import.meta.url);
          return route.fulfill({
            contentType: 'text/javascript',
            body: existsSync(file) ? readFileSync(file, 'utf8') : 'not found',
            status: existsSync(file) ? 200 : 404,
          });
        }
        const spec = pages.get(url.pathname);
        if (!spec) return route.fulfill({ status: 404, body: 'not found' });
        const headers: Record<string, string> = {};
        if (spec.csp) headers['content-security-policy'] = spec.csp.replaceAll('{nonce}', NONCE);
        return route.fulfill({ contentType: 'text/html; charset=utf-8', headers, body: pageHtml(spec) });
      }
      const standIn = answer(url, (real) => real);
      if (standIn) {
        tracker.push(url.href);
        return route.fulfill({ status: standIn.status, contentType: standIn.type, body: standIn.body });
      }
      stray.push(url.href);
      return route.abort();
    });

    await use({
      page,
      serve: (path, spec) => pages.set(path, spec),
      asset: (url, body, { type = 'text/javascript', delay = 0 } = {}) => assets.set(url.startsWith('/') ? ORIGIN + url : url, { body, type, delay }),
      open: async (path = '/') => {
        await page.goto(ORIGIN + path);
      },
      hits: (...prefixes) => tracker.filter((href) => prefixes.some((prefix) => href.startsWith(prefix))),
      trackerRequests: () => [...tracker],
      strayRequests: stray,
      vendorCookies: async () => (await context.cookies()).map((cookie) => cookie.name).filter((name) => VENDOR_COOKIES.test(name)),
      console: messages,
    });
    expect(stray, 'requests to hosts that are neither the shop nor a known tracker').toEqual([]);
  },
});

export { expect };

/**
 * Lets in-flight work finish, so that "nothing fired" is not just "not yet".
 * Not a wait alone: where holdback is running (necessary is allowed), a marked
 * pixel of the necessary category is added, and its address must be set
 * before anything is asserted, which proves holdback has seen and judged
 * what the page added before it. Then the requests it would have started get
 * `ms` to arrive.
 */
export async function quiet(page: Page, ms = 300): Promise<void> {
  await page.waitForLoadState('load');
  const id = `holdback-sentinel-${Math.random().toString(36).slice(2)}`;
  if (await page.evaluate(addSentinel, id)) {
    await expect
      .poll(() => page.evaluate(sentinelJudged, id), {
        message: 'holdback judged a marked element added now (the sentinel of quiet())',
        timeout: 5000,
      })
      .toBe(true);
  }
  await page.waitForTimeout(ms);
}

/**
 * In the page: adds quiet()'s sentinel, a marked pixel of the necessary
 * category; false (and nothing added) where holdback is not running.
 */
export function addSentinel(id: string): boolean {
  if (window.Consent?.allowed('necessary') !== true) return false;
  const pixel = document.createElement('img');
  pixel.id = id;
  pixel.alt = '';
  pixel.setAttribute('data-category', 'necessary');
  pixel.setAttribute('data-src', `/${id}.gif`);
  document.body.append(pixel);
  return true;
}

/** In the page: whether holdback has let the sentinel go (its address is set); then it is removed. */
export function sentinelJudged(id: string): boolean {
  const pixel = document.getElementById(id);
  if (!pixel?.hasAttribute('src')) return false;
  pixel.remove();
  return true;
}

/**
 * The cookie of that name once the browser's jar has it (document.cookie
 * writes reach it asynchronously), and, with `value`, once its value says so.
 */
export async function storedCookie(context: BrowserContext, name = 'holdback', value: (text: string) => boolean = () => true): Promise<Cookie> {
  let found: Cookie | undefined;
  await expect
    .poll(
      async () => {
        found = (await context.cookies()).find((cookie) => cookie.name === name && value(decodeURIComponent(cookie.value)));
        return found !== undefined;
      },
      { message: `the cookie ${name} is stored` },
    )
    .toBe(true);
  return found!;
}

/** The consent UI, inside its open shadow root; Playwright's locators pierce it. */
export function banner(page: Page) {
  return page.getByRole('region', { name: 'Cookie consent' });
}

export function preferenceCenter(page: Page) {
  return page.getByRole('dialog', { name: 'Privacy preferences' });
}

export const TRACKER_HOSTS = Object.keys(TRACKERS);
