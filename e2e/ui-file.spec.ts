import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { banner, expect, NONCE, preferenceCenter, quiet, test } from './site';

// The UI lives in dist/consent-ui.js, which the drop-in adds from beside its own URL only when a
// view (or a placeholder) is needed, with its nonce and the SHA-384 the build wrote into the drop-in.

const UI = 'https://shop.test/consent-ui.js';
const TAGS = `<script type="text/plain" data-category="statistics">window.ran = (window.ran || 0) + 1</script>`;
const EMBED = `<iframe data-category="marketing" data-src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315" title="Video"></iframe>`;

function uiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().split('?')[0] === UI) seen.push(request.url());
  });
  return seen;
}

test('a first visit fetches the UI file once and shows the banner; a returning visitor fetches none', async ({ site, page }) => {
  site.serve('/', { body: TAGS });
  const requests = uiRequests(page);
  await site.open();
  await expect(banner(page)).toBeVisible();
  expect(requests).toHaveLength(1);
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => page.evaluate(() => (window as { ran?: number }).ran)).toBe(1);

  requests.length = 0;
  await page.reload();
  await expect.poll(() => page.evaluate(() => (window as { ran?: number }).ran)).toBe(1);
  await quiet(page);
  expect(requests).toEqual([]);
  expect(await page.locator('[data-holdback]').count()).toBe(0);
  // Asked for, it comes: the preference center from the API.
  await page.evaluate(() => window.Consent!.showPreferences());
  await expect(preferenceCenter(page)).toBeVisible();
  expect(requests).toHaveLength(1);
});

test('a UI file that cannot be loaded leaves everything held back, says so once, and the next showBanner() tries again', async ({ site, page }) => {
  site.serve('/', { body: TAGS });
  let down = true;
  await page.route(UI, (route) => (down ? route.fulfill({ status: 404, body: 'not found' }) : route.fallback()));
  await site.open();
  await quiet(page);
  const errors = site.console.filter((line) => line.startsWith('error: holdback:') && line.includes(UI));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('nothing optional runs');
  expect(await page.evaluate(() => [(window as { ran?: number }).ran ?? 0, window.Consent!.allowed('statistics')])).toEqual([0, false]);

  down = false;
  await page.evaluate(() => window.Consent!.showBanner());
  await expect(banner(page)).toBeVisible();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => page.evaluate(() => (window as { ran?: number }).ran)).toBe(1);
});

test('a UI file changed after the build does not run: its integrity is checked', async ({ site, page }) => {
  const built = readFileSync(new URL('../dist/consent-ui.js', import.meta.url), 'utf8');
  site.serve('/', { body: TAGS });
  await page.route(UI, (route) => route.fulfill({ contentType: 'text/javascript', body: `window.tampered = true;\n${built}` }));
  await site.open();
  await quiet(page);
  expect(await page.evaluate(() => (window as { tampered?: boolean }).tampered ?? false)).toBe(false);
  expect(await page.locator('[data-holdback]').count()).toBe(0);
  expect(site.console.some((line) => line.startsWith('error: holdback:') && line.includes('consent-ui.js'))).toBe(true);
});

test('the UI file loads under a strict nonce CSP with strict-dynamic, with its nonce and integrity', async ({ site, page }) => {
  site.serve('/', {
    csp: "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self'; img-src 'self' https:",
    body: TAGS,
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await site.open();
  await expect(banner(page)).toBeVisible();
  const script = await page.evaluate(() => {
    const added = document.querySelector<HTMLScriptElement>('script[src$="consent-ui.js"]');
    return added && { nonce: added.nonce, integrity: added.integrity };
  });
  const hash = `sha384-${createHash('sha384')
    .update(readFileSync(new URL('../dist/consent-ui.js', import.meta.url)))
    .digest('base64')}`;
  expect(script).toEqual({ nonce: NONCE, integrity: hash });
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => page.evaluate(() => (window as { ran?: number }).ran)).toBe(1);
  expect(violations).toEqual([]);
});

test('a held embed brings the UI file and its placeholder for a returning visitor who refused marketing', async ({ site, page }) => {
  site.serve('/', { body: EMBED });
  const requests = uiRequests(page);
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  requests.length = 0;
  await page.reload();
  await expect(page.getByRole('button', { name: 'Load once' })).toBeVisible();
  expect(requests).toHaveLength(1);
  await expect(banner(page)).toHaveCount(0);
  expect(site.hits('https://www.youtube-nocookie.com/')).toEqual([]);
});

test('under opt-out a returning visitor gets the "Your Privacy Choices" link without the UI file, which comes when it is clicked', async ({
  site,
  page,
}) => {
  site.serve('/', { body: TAGS, config: { region: 'US-CA' } });
  const requests = uiRequests(page);
  await site.open();
  await page.getByRole('region', { name: 'Privacy notice' }).getByRole('button', { name: 'OK' }).click();
  const link = page.getByRole('navigation', { name: 'Your Privacy Choices' });
  await expect(link).toBeVisible();

  requests.length = 0;
  await page.reload();
  await expect.poll(() => page.evaluate(() => (window as { ran?: number }).ran)).toBe(1);
  await expect(link).toBeVisible();
  // Lifted into the top layer a frame after it is drawn.
  await expect.poll(() => link.evaluate((element) => element.matches(':popover-open'))).toBe(true);
  await quiet(page);
  expect(requests).toEqual([]);
  await link.getByRole('button', { name: 'Your Privacy Choices' }).click();
  await expect(preferenceCenter(page)).toBeVisible();
  expect(requests).toHaveLength(1);
  // One link, the drop-in's: the UI does not add a second one.
  await expect(page.getByRole('navigation', { name: 'Your Privacy Choices' })).toHaveCount(1);
});
