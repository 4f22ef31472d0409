import type { Page } from '@playwright/test';
import { banner, expect, NONCE, quiet, test } from './site';

// Under Trusted Types, every script text and address must come through a
// policy. holdback's is its own, named "holdback"; the site lists it beside
// its own. The headers are real: the CSP comes with the page's response.

const CSP = [
  "default-src 'self'",
  `script-src 'nonce-{nonce}' 'strict-dynamic'`,
  "style-src 'self'",
  "img-src 'self' https:",
  "frame-src 'self' https:",
  "require-trusted-types-for 'script'",
].join('; ');

/** Every securitypolicyviolation of the page, from before its first script. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective}: ${event.blockedURI} ${event.sample}`));
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

const ran = (page: Page) => page.evaluate(() => (window as unknown as { ran?: string[] }).ran ?? []);

// The site's own policy and its own Trusted Types use, beside holdback's.
const SITE = `<script nonce="${NONCE}">
  window.ran = [];
  window.sitePolicy = trustedTypes.createPolicy('site', { createHTML: (s) => s, createScriptURL: (s) => s });
</script>`;
const HELD = `
  <script type="text/plain" data-category="statistics">window.ran.push('inline')</script>
  <script type="text/plain" data-category="marketing" data-src="https://cdn.shop.test/vendor.js"></script>
  <script type="text/plain" data-category="marketing">window.ran.push('after vendor')</script>
  <script type="text/plain" data-category="marketing" data-type="module">window.ran.push('module')</script>`;

test.beforeEach(({ site }) => {
  site.asset('https://cdn.shop.test/vendor.js', "window.ran.push('vendor.js');");
});

test('under Trusted Types with the policy named holdback: the UI shows, inline and external scripts are let go, no violation', async ({
  site,
  page,
}) => {
  const violations = await recordViolations(page);
  site.serve('/', { csp: `${CSP}; trusted-types site holdback`, head: SITE, body: HELD });
  await site.open();
  await expect(banner(page)).toBeVisible();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => ran(page)).toEqual(['inline', 'vendor.js', 'after vendor', 'module']);
  // The preference center opens too (the UI file is already in; its markup needs no policy).
  await page.evaluate(() => window.Consent!.showPreferences());
  await expect(page.getByRole('dialog', { name: 'Privacy preferences' })).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(site.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  // A returning visitor: no UI, the scripts run at once.
  await page.reload();
  await expect.poll(() => ran(page)).toEqual(['inline', 'vendor.js', 'after vendor', 'module']);
  expect(await violations()).toEqual([]);
});

test('with only holdback in trusted-types (no default policy), nothing is refused', async ({ site, page }) => {
  const violations = await recordViolations(page);
  // A policy named "default", or any other than holdback, would be refused and reported here.
  site.serve('/', { csp: `${CSP}; trusted-types holdback`, head: `<script nonce="${NONCE}">window.ran = [];</script>`, body: HELD });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => ran(page)).toHaveLength(4);
  expect(await violations()).toEqual([]);
});

test('without holdback in trusted-types, held scripts stay held and one console error says what to add', async ({ site, page }) => {
  site.serve('/', { csp: `${CSP}; trusted-types site`, head: SITE, body: HELD });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  // The decision itself holds; nothing of what it allowed could be run without a policy.
  await expect.poll(() => site.console.filter((line) => line.includes('add holdback to the trusted-types directive'))).toHaveLength(1);
  await quiet(page);
  expect(await ran(page)).toEqual([]);
  expect(site.hits('https://cdn.shop.test/')).toEqual([]);
  expect(await page.evaluate(() => window.Consent!.allowed('marketing'))).toBe(true);
});

test('auto-blocking under Trusted Types keeps the page’s trusted markup and script addresses working', async ({ site, page }) => {
  const violations = await recordViolations(page);
  site.serve('/', {
    dropIn: 'consent-autoblock.js',
    config: { autoBlock: true },
    csp: `${CSP}; trusted-types site holdback`,
    head: SITE,
    body: `<div id="box"></div>
      <script nonce="${NONCE}">
        // A tracker pixel in trusted markup, and a tracker's script by a trusted address.
        document.getElementById('box').innerHTML = sitePolicy.createHTML('<p id="own">own</p><img src="https://px.ads.linkedin.com/collect/?pid=tt" alt="">');
        const tag = document.createElement('script');
        tag.src = sitePolicy.createScriptURL('https://connect.facebook.net/en_US/fbevents.js');
        document.head.append(tag);
        window.ran.push('page');
      </script>`,
  });
  await site.open();
  await expect(banner(page)).toBeVisible();
  await expect.poll(() => ran(page)).toEqual(['page']);
  await expect(page.locator('#own')).toHaveText('own');
  await quiet(page);
  expect(site.hits('https://px.ads.linkedin.com/', 'https://connect.facebook.net/')).toEqual([]);
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => site.hits('https://connect.facebook.net/en_US/fbevents.js').length).toBe(1);
  await expect.poll(() => site.hits('https://px.ads.linkedin.com/collect/?pid=tt').length).toBe(1);
  expect(await violations()).toEqual([]);
});
