import { expect, NONCE, quiet, test } from './site';
import { addMarketingView } from './snippets';

// How released scripts run: a browser fact, so proven here and not in happy-dom.

type Ran = { ran: string[] };
const ran = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as Ran).ran);
const RECORDER = '<script>window.ran = [];</script>';

test('released scripts run in document order, each external one loaded before the next runs', async ({ site, page }) => {
  await page.route('https://cdn.shop.test/**', async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    // The first file answers slowest: order must not depend on who arrives first.
    await new Promise((resolve) => setTimeout(resolve, name === 'slow.js' ? 400 : 0));
    await route.fulfill({ contentType: 'text/javascript', body: `window.ran.push(${JSON.stringify(name)});` });
  });
  site.serve('/', {
    head: RECORDER,
    body: `
      <script type="text/plain" data-category="statistics">window.ran.push('inline-1')</script>
      <script type="text/plain" data-category="statistics" src="https://cdn.shop.test/slow.js"></script>
      <script type="text/plain" data-category="statistics">window.ran.push('inline-2')</script>
      <script type="text/plain" data-category="marketing" data-src="https://cdn.shop.test/fast.js"></script>
      <script type="text/plain" data-category="statistics">window.ran.push('inline-3')</script>`,
  });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => ran(page)).toEqual(['inline-1', 'slow.js', 'inline-2', 'fast.js', 'inline-3']);
});

test('an async script does not hold up the scripts after it', async ({ site, page }) => {
  await page.route('https://cdn.shop.test/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.fulfill({ contentType: 'text/javascript', body: `window.ran.push('async.js');` });
  });
  site.serve('/', {
    head: RECORDER,
    body: `
      <script type="text/plain" data-category="statistics" src="https://cdn.shop.test/async.js" async></script>
      <script type="text/plain" data-category="statistics">window.ran.push('inline')</script>`,
  });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => ran(page)).toEqual(['inline', 'async.js']);
});

test('a script marked data-type="module" runs as a module', async ({ site, page }) => {
  site.serve('/', {
    head: RECORDER,
    body: `<script type="text/plain" data-category="statistics" data-type="module">
      window.ran.push(typeof import.meta.url === 'string' ? 'module' : 'classic');
    </script>`,
  });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => ran(page)).toEqual(['module']);
});

test('runs under a strict nonce-based CSP: released scripts inherit the page nonce, the UI still shows', async ({ site, page }) => {
  site.serve('/', {
    csp: "default-src 'self'; script-src 'nonce-{nonce}'; style-src 'self'; img-src 'self' https:",
    head: `<script nonce="${NONCE}">window.ran = [];</script>`,
    body: `
      <script type="text/plain" data-category="statistics">window.ran.push('inline without nonce')</script>
      <script type="text/plain" data-category="statistics" nonce="${NONCE}">window.ran.push('inline with nonce')</script>
      <img data-category="marketing" data-src="https://ct.pinterest.com/v3/?tid=1&noscript=1" alt="">`,
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await site.open();
  await expect(page.getByRole('region', { name: 'Cookie consent' })).toBeVisible();
  await page.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => ran(page)).toEqual(['inline without nonce', 'inline with nonce']);
  await expect.poll(() => site.hits('https://ct.pinterest.com/').length).toBe(1);
  expect(violations).toEqual([]);
});

test('a negated script runs before any decision and its copy is removed when the category is allowed', async ({ site, page }) => {
  site.serve('/', {
    head: RECORDER,
    body: '<script type="text/plain" data-category="!marketing" id="fallback">window.ran.push("no marketing")</script>',
  });
  await site.open();
  await expect.poll(() => ran(page)).toEqual(['no marketing']);
  expect(await page.locator('script:not([type="text/plain"])[data-category="!marketing"]').count()).toBe(1);
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect(page.locator('script:not([type="text/plain"])[data-category="!marketing"]')).toHaveCount(0);
  expect(await ran(page)).toEqual(['no marketing']);
});

test('elements a single-page app adds later are held back the same way', async ({ site, page }) => {
  site.serve('/', { head: RECORDER });
  await site.open();
  const add = (id: string) => page.evaluate(addMarketingView, id);
  await add('before');
  await quiet(page);
  expect(site.trackerRequests()).toEqual([]);
  expect(await ran(page)).toEqual([]);
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => ran(page)).toEqual(['before']);
  await add('after');
  await expect.poll(() => ran(page)).toEqual(['before', 'after']);
  await expect.poll(() => site.hits('https://ct.pinterest.com/').length).toBe(2);
});

test('a held script in <head> above holdback is found too', async ({ site, page }) => {
  // The marked script stands before the drop-in's own tag.
  await page.route('https://shop.test/early', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><script>window.ran = []</script>
        <script type="text/plain" data-category="statistics">window.ran.push('early')</script>
        <script src="/consent.js"></script></head><body></body></html>`,
    }),
  );
  await site.open('/early');
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => ran(page)).toEqual(['early']);
});
