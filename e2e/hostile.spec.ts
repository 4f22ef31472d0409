import type { Locator, Page } from '@playwright/test';
import { banner, expect, preferenceCenter, test } from './site';

// holdback runs on pages it does not control. Whatever their stylesheet says,
// the banner is shown above everything and works, and holdback's own styles
// stay inside its shadow roots.

test.describe.configure({ timeout: 60_000 });

const HOSTILE_CSS = `<style>
  * { all: unset !important; }
  html, body, main, div, nav, section, footer { display: block !important; }
  head, script, style { display: none !important; }
  button, dialog, section, [data-holdback], body > div:first-child { display: none !important; visibility: hidden !important; opacity: 0 !important; }
  div { position: relative !important; z-index: 2147483647 !important; }
  #overlay { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgb(255 255 255 / 0.9) !important; }
</style>`;
// Last in the body, a full-viewport layer at the highest z-index there is.
const OVERLAY = '<div id="overlay"><p>Newsletter: sign up!</p></div><button type="button" data-consent-open id="choices">Cookie settings</button>';

/** Whether a click at the middle of the control would reach it, nothing of the page in between. */
function onTop(control: Locator): Promise<boolean> {
  return control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const root = element.getRootNode() as ShadowRoot;
    return document.elementFromPoint(x, y) === root.host && root.elementFromPoint(x, y) === element;
  });
}

async function expectUsable(page: Page, control: Locator) {
  await expect(control).toBeVisible();
  // It is lifted into the top layer once the browser has drawn its first frame.
  await expect.poll(() => onTop(control), { message: 'nothing of the page covers it', timeout: 1000 }).toBe(true);
  const box = (await control.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(24);
  expect(box.height).toBeGreaterThanOrEqual(24);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
}

test('under a hostile stylesheet and a full-page overlay the banner shows on top and Accept all works', async ({ site, page }) => {
  site.serve('/', { head: HOSTILE_CSS, body: OVERLAY });
  await site.open();
  const region = banner(page);
  await expect(page.locator('#overlay')).toBeVisible();
  for (const name of ['Accept all', 'Reject all', 'Customize']) await expectUsable(page, region.getByRole('button', { name }));
  // A real click, with Playwright's own check that no other element receives it.
  await region.getByRole('button', { name: 'Accept all' }).click({ timeout: 5000 });
  await expect(region).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()?.categories.marketing)).toBe(true);
});

test('under a hostile stylesheet the preference center opens on top and saves a choice', async ({ site, page }) => {
  site.serve('/', { head: HOSTILE_CSS, body: OVERLAY });
  await site.open();
  await banner(page).getByRole('button', { name: 'Customize' }).click({ timeout: 5000 });
  const center = preferenceCenter(page);
  await expect(center).toBeVisible();
  const statistics = center.getByRole('switch', { name: 'Statistics' });
  await expectUsable(page, statistics);
  await statistics.click({ timeout: 5000 });
  await expect(statistics).toBeChecked();
  const save = center.getByRole('button', { name: 'Save choices' });
  await save.scrollIntoViewIfNeeded();
  await expectUsable(page, save);
  await save.click({ timeout: 5000 });
  await expect(center).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()?.categories)).toEqual({
    necessary: true,
    preferences: false,
    statistics: true,
    marketing: false,
  });
});

test('a transformed, clipped body does not hide the banner', async ({ site, page }) => {
  // A transform makes <body> the containing block of fixed descendants; with no
  // height and overflow hidden it would clip a banner that lives inside it.
  site.serve('/', {
    head: '<style>html { overflow: hidden; } body { transform: translateZ(0); height: 0; overflow: hidden; margin: 0; }</style>',
  });
  await site.open();
  for (const name of ['Accept all', 'Reject all', 'Customize']) await expectUsable(page, banner(page).getByRole('button', { name }));
});

test('holdback’s styles do not reach the page’s own elements of the same class names', async ({ site, page }) => {
  site.serve('/', {
    body: `<div class="banner" id="page-banner"><h2 class="title">Sale</h2><button type="button" class="button" id="page-button">Buy</button>
      <input type="checkbox" class="switch" id="page-switch"></div>`,
  });
  await site.open();
  await expect(banner(page)).toBeVisible();
  const style = (selector: string, ...properties: string[]) =>
    page.locator(selector).evaluate((element, names) => names.map((name) => getComputedStyle(element).getPropertyValue(name)), properties);
  expect(await style('#page-banner', 'position', 'border-top-style', 'animation-name')).toEqual(['static', 'none', 'none']);
  expect(await style('#page-button', 'min-height', 'border-top-left-radius', 'cursor')).toEqual(['0px', '0px', 'default']);
  expect(await style('#page-switch', 'appearance', 'width')).toEqual(['auto', '13px']);
  // Our keyframes are not defined for the page either.
  const animations = await page.locator('#page-banner').evaluate((element) => {
    element.style.animation = 'holdback-rise 10s';
    return element.getAnimations().length;
  });
  expect(animations).toBe(0);
  // Nor is our focus ring.
  await page.locator('#page-button').focus();
  expect(await style('#page-button', 'outline-color')).not.toEqual(['rgb(31, 79, 209)']);
});

// A host page that replaces built-ins after holdback started: holdback keeps
// the references it needs from the moment it starts. (A page that breaks
// Array.prototype.filter makes every name look unknown: then all stays held.)
test('a page that replaces built-ins after holdback started cannot make it allow what was refused', async ({ site, page }) => {
  site.serve('/', {
    head: '<script>window.ran = [];</script>',
    body: `<script type="text/plain" data-category="marketing">window.ran.push('marketing at load')</script>
      <img data-category="marketing" data-src="https://ct.pinterest.com/v3/?tid=hostile" alt="">`,
  });
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await expect(banner(page)).toBeHidden();
  // Preferences allowed while the page is still sound (Consent.set() itself checks its names with array methods).
  await page.evaluate(() => window.Consent!.set({ preferences: true }));
  const seen = await page.evaluate(async () => {
    const saved = {
      map: Array.prototype.map,
      includes: Array.prototype.includes,
      every: Array.prototype.every,
      some: Array.prototype.some,
      parse: JSON.parse,
      setAttribute: Element.prototype.setAttribute,
      cookie: Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!,
      MutationObserver: window.MutationObserver,
      fetch: window.fetch,
    };
    const held = (category: string, text: string) => {
      const script = document.createElement('script');
      script.type = 'text/plain';
      script.dataset.category = category;
      script.text = text;
      return script;
    };
    const proto = Object.prototype as Record<string, unknown>;
    try {
      Array.prototype.map = (() => ['marketing']) as unknown as typeof Array.prototype.map;
      Array.prototype.includes = () => true;
      Array.prototype.every = (() => true) as unknown as typeof Array.prototype.every;
      Array.prototype.some = () => false;
      JSON.parse = () => ({ marketing: true, categories: { marketing: true } });
      proto.marketing = true;
      // setAttribute that loads whatever is held.
      Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
        saved.setAttribute.call(this, name === 'data-src' ? 'src' : name, value);
      };
      // A cookie jar that says the visitor allowed everything.
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        get: () => 'holdback=v%3D1%26c%3Dmarketing%3A1',
        set: () => {},
      });
      window.MutationObserver = class {
        observe() {}
        disconnect() {}
        takeRecords() {
          return [];
        }
      } as unknown as typeof MutationObserver;
      window.fetch = () => Promise.reject(new Error('no'));
      // Another tab "changed" the choice: holdback reads the cookie again.
      new BroadcastChannel('holdback:holdback').postMessage('changed');
      // A single-page app adds a preferences script (which must run) and a marketing one.
      document.body.append(held('preferences', "window.ran.push('preferences')"), held('marketing', "window.ran.push('marketing later')"));
      for (let i = 0; i < 100 && !saved.includes.call((window as unknown as { ran: string[] }).ran, 'preferences'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return {
        ran: saved.map.call((window as unknown as { ran: string[] }).ran, String) as string[],
        marketing: window.Consent!.allowed('marketing'),
        stored: window.Consent!.get()?.categories.marketing,
        preferences: window.Consent!.allowed('preferences'),
      };
    } finally {
      Object.assign(Array.prototype, { map: saved.map, includes: saved.includes, every: saved.every, some: saved.some });
      JSON.parse = saved.parse;
      delete proto.marketing;
      Element.prototype.setAttribute = saved.setAttribute;
      Object.defineProperty(Document.prototype, 'cookie', saved.cookie);
      window.MutationObserver = saved.MutationObserver;
      window.fetch = saved.fetch;
    }
  });
  // The preferences script ran (so holdback did look), and nothing of marketing did.
  expect(seen).toEqual({ ran: ['preferences'], marketing: false, stored: false, preferences: true });
  expect(site.hits('https://ct.pinterest.com/')).toEqual([]);
});

test('two copies of the drop-in: the second says so once and stands down', async ({ site, page }) => {
  site.serve('/', {
    head: '<script src="/consent.js"></script><script>window.ran = 0;</script>',
    body: '<script type="text/plain" data-category="statistics">window.ran++</script>',
  });
  await site.open();
  await expect(banner(page)).toBeVisible();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { ran: number }).ran)).toBe(1);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(await page.evaluate(() => (window as unknown as { ran: number }).ran)).toBe(1);
  expect(await page.locator('[data-holdback]').count()).toBe(1);
  expect(site.console.filter((line) => line.includes('included twice'))).toHaveLength(1);
});

test('a released script that calls document.write does not wipe the page; one warning names it', async ({ site, page }) => {
  site.asset('https://cdn.shop.test/old-vendor.js', "document.write('<p>old vendor</p>'); window.ran.push('old-vendor.js');");
  site.serve('/', {
    head: '<script>window.ran = [];</script>',
    body: `<script type="text/plain" data-category="marketing" data-src="https://cdn.shop.test/old-vendor.js"></script>
      <script type="text/plain" data-category="marketing">document.write('<p>inline</p>'); document.writeln('again'); window.ran.push('inline');</script>`,
  });
  await site.open();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { ran: string[] }).ran)).toEqual(['old-vendor.js', 'inline']);
  await expect(page.getByRole('heading', { name: 'Shop' })).toBeVisible();
  const warnings = site.console.filter((line) => line.includes('that holdback let go was ignored'));
  expect(warnings).toHaveLength(2);
  expect(warnings.join('\n')).toContain('https://cdn.shop.test/old-vendor.js');
  // The page's own document.write still works (before load, as it was written).
  expect(await page.evaluate(() => typeof document.write)).toBe('function');
});

test('a released script that throws does not stop the ones after it', async ({ site, page }) => {
  site.asset('https://cdn.shop.test/broken.js', "window.ran.push('broken.js'); throw new Error('vendor bug');");
  site.serve('/', {
    head: '<script>window.ran = [];</script>',
    body: `<script type="text/plain" data-category="statistics">window.ran.push('first'); throw new Error('inline bug');</script>
      <script type="text/plain" data-category="statistics" data-src="https://cdn.shop.test/broken.js"></script>
      <script type="text/plain" data-category="statistics" data-src="https://cdn.shop.test/missing.js"></script>
      <script type="text/plain" data-category="statistics">window.ran.push('last')</script>`,
  });
  await page.route('https://cdn.shop.test/missing.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => page.evaluate(() => (window as unknown as { ran: string[] }).ran)).toEqual(['first', 'broken.js', 'last']);
});
