import { ELEMENT_VECTORS, PARSER_VECTORS, requests, serveUnmarked, VECTORS as V } from './autoblock-page';
import { banner, expect, quiet, test } from './site';

// Auto-blocking in real Chromium, against dist/consent-autoblock.js: the
// vendors' tags are on the page unmarked, and every request to their hosts is
// counted where it arrives.

const CONFIG = { privacyPolicyUrl: '/privacy', autoBlock: true };
const ran = (page: import('@playwright/test').Page, flag: string) =>
  page.evaluate((name) => (window as unknown as Record<string, unknown>)[name] === true, flag);

test('holds back every script-made tracker request before any choice; first-party and unknown hosts run', async ({ site, page }) => {
  await page.addInitScript(() => {
    const held: string[] = [];
    (window as unknown as { held: string[] }).held = held;
    addEventListener(
      'holdback:blocked',
      (event) => (event as CustomEvent<{ held: boolean; url: string }>).detail.held && held.push((event as CustomEvent<{ url: string }>).detail.url),
    );
  });
  serveUnmarked(site, '/', CONFIG);
  await site.open();
  await expect(banner(page)).toBeVisible();
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  await quiet(page);
  for (const vector of ELEMENT_VECTORS) expect(site.hits(V[vector]), vector).toEqual([]);
  for (const url of Object.values(requests('before'))) expect(site.hits(url), url).toEqual([]);
  expect(await ran(page, 'appRan')).toBe(true);
  expect(await ran(page, 'widgetRan')).toBe(true);
  // Each request held back is announced, also those held while the stored choice was still being read.
  const held = await page.evaluate(() => (window as unknown as { held: string[] }).held);
  for (const vector of ['metaLoader', 'image', 'setAttribute', 'innerHTML', 'write', 'frame', 'loaderLinkedin'] as const) {
    expect(
      held.filter((url) => url.startsWith(V[vector])),
      vector,
    ).toHaveLength(1);
  }
  for (const url of Object.values(requests('before'))) expect(held, url).toContain(url);
  // The embed a script made waits behind a placeholder.
  await expect(page.getByRole('region', { name: /YouTube|Marketing/ }).first()).toBeVisible();
});

test('what the HTML carries is fetched by the preload scanner, yet does not run, and the console says so', async ({ site, page }) => {
  serveUnmarked(site, '/', CONFIG);
  await site.open();
  await quiet(page);
  // The browser fetched these while parsing, before holdback's first line ran:
  // a browser fact no script can change (the README says so).
  test.info().annotations.push({
    type: 'preload scanner',
    description: PARSER_VECTORS.map((vector) => `${vector}: ${site.hits(V[vector]).length} request(s) before consent`).join(', '),
  });
  expect(await page.evaluate(() => 'google_tag_manager' in window)).toBe(false);
  expect(site.hits('https://www.google-analytics.com/g/collect?v=2&tid=G-AUTO1')).toEqual([]);
  // The frame written in the HTML may or may not have started to load (a race with the parser); it shows a placeholder now.
  expect(await page.locator('iframe[data-src^="https://www.youtube-nocookie.com/embed/html"]').getAttribute('src')).toBe('about:blank');
  const warnings = site.console.filter((line) => line.startsWith('warning: holdback:') && line.includes('preload scanner'));
  expect(warnings.some((line) => line.includes(V.parserScript))).toBe(true);
  expect(warnings.some((line) => line.includes(V.parserPixel))).toBe(true);
});

test('"Accept all" lets each held vector go exactly once, a slow library before its plugin', async ({ site, page }) => {
  serveUnmarked(site, '/', CONFIG);
  await site.open();
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  for (const vector of ELEMENT_VECTORS) await expect.poll(() => site.hits(V[vector]).length, vector).toBe(1);
  // The frame written in the HTML gets its address back (whether its first load had started is a race with the parser).
  await expect(page.locator(`iframe[data-src^="${V.parserFrame}"]`)).toHaveAttribute('src', V.parserFrame);
  // The parser's gtag.js runs now, once, and its config call is heard.
  await expect.poll(() => site.hits('https://www.google-analytics.com/g/collect?v=2&tid=G-AUTO1').length).toBe(1);
  await expect.poll(() => page.evaluate(() => (window as unknown as { pluginSawLibrary?: boolean }).pluginSawLibrary)).toBe(true);
  // Dropped requests are never queued: nothing from before the choice arrives after it.
  await page.evaluate(() => (window as unknown as { sendRequests(tag: string): void }).sendRequests('after'));
  for (const url of Object.values(requests('after'))) await expect.poll(() => site.hits(url).length, url).toBe(1);
  await quiet(page);
  for (const url of Object.values(requests('before'))) expect(site.hits(url), url).toEqual([]);
  for (const vector of ELEMENT_VECTORS) expect(site.hits(V[vector]), vector).toHaveLength(1);
});

test('"Reject all" lets nothing through, also after a reload', async ({ site, page }) => {
  serveUnmarked(site, '/', CONFIG);
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  await page.evaluate(() => (window as unknown as { sendRequests(tag: string): void }).sendRequests('after'));
  await quiet(page);
  await page.reload();
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  await page.evaluate(() => (window as unknown as { sendRequests(tag: string): void }).sendRequests('after'));
  await quiet(page);
  for (const vector of ELEMENT_VECTORS) expect(site.hits(V[vector]), vector).toEqual([]);
  for (const url of [...Object.values(requests('before')), ...Object.values(requests('after'))]) expect(site.hits(url), url).toEqual([]);
  expect(await page.evaluate(() => 'google_tag_manager' in window)).toBe(false);
  await expect(banner(page)).toBeHidden();
});

test('per-service choices hold: allowing the Meta Pixel alone lets nothing else of marketing through', async ({ site, page }) => {
  serveUnmarked(site, '/', { ...CONFIG, categories: { statistics: {}, marketing: { services: { 'meta-pixel': {} } } } });
  await site.open();
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  await page.evaluate(() => window.Consent!.set({ services: { 'meta-pixel': true } }));
  await expect.poll(() => site.hits(V.metaLoader).length).toBe(1);
  await expect.poll(() => site.hits(V.metaBeacon).length).toBe(1);
  await quiet(page);
  for (const vector of ['image', 'setAttribute', 'innerHTML', 'write', 'frame', 'loaderLinkedin', 'library'] as const) {
    expect(site.hits(V[vector]), vector).toEqual([]);
  }
});

test('withdrawal stops what was let through: the page reloads and nothing of it comes back', async ({ site, page }) => {
  serveUnmarked(site, '/', CONFIG);
  await site.open();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  for (const vector of ELEMENT_VECTORS) await expect.poll(() => site.hits(V[vector]).length, vector).toBe(1);
  const reloaded = page.waitForEvent('load');
  await page.evaluate(() => window.Consent!.set({ marketing: false }));
  await reloaded;
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  await quiet(page);
  for (const vector of ['metaLoader', 'image', 'setAttribute', 'innerHTML', 'write', 'frame', 'loaderLinkedin'] as const) {
    expect(site.hits(V[vector]), vector).toHaveLength(1);
  }
  // Statistics stays allowed: gtag.js runs again on the new page.
  await expect.poll(() => site.hits('https://www.google-analytics.com/g/collect?v=2&tid=G-AUTO1').length).toBe(2);
});

test('a returning visitor who allowed everything gets every tag at once, with no banner', async ({ site, page }) => {
  serveUnmarked(site, '/', CONFIG);
  await site.open();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  for (const vector of ELEMENT_VECTORS) await expect.poll(() => site.hits(V[vector]).length, vector).toBe(1);
  await page.reload();
  for (const vector of ELEMENT_VECTORS) await expect.poll(() => site.hits(V[vector]).length, vector).toBe(2);
  await expect(banner(page)).toBeHidden();
  await expect.poll(() => page.evaluate(() => (window as unknown as { pluginSawLibrary?: boolean }).pluginSawLibrary)).toBe(true);
});

test('"report" holds nothing back and announces each request it would have held, logging each once', async ({ site, page }) => {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { blocked: unknown[] }).blocked = seen;
    addEventListener('holdback:blocked', (event) => seen.push((event as CustomEvent).detail));
  });
  serveUnmarked(site, '/', { privacyPolicyUrl: '/privacy' }, ' data-auto-block="report"');
  await site.open();
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  for (const vector of ELEMENT_VECTORS) await expect.poll(() => site.hits(V[vector]).length, vector).toBeGreaterThan(0);
  for (const url of Object.values(requests('before'))) await expect.poll(() => site.hits(url).length, url).toBe(1);
  const blocked = await page.evaluate(
    () => (window as unknown as { blocked: { url: string; held: boolean; vector: string; service: string }[] }).blocked,
  );
  expect(blocked.every((detail) => detail.held === false)).toBe(true);
  const vectors = new Set(blocked.map((detail) => detail.vector));
  for (const vector of ['script', 'img', 'iframe', 'html', 'write', 'fetch', 'xhr', 'beacon']) expect(vectors, vector).toContain(vector);
  expect(blocked.find((detail) => detail.url.startsWith(V.metaLoader))?.service).toBe('meta-pixel');
  const logged = site.console.filter((line) => line.includes('auto-blocking would hold back'));
  expect(logged.filter((line) => line.includes(`would hold back ${V.metaLoader}`))).toHaveLength(1);
  expect(logged.some((line) => line.includes('fetch') && line.includes('/send.js'))).toBe(true);
});

test('without autoBlock the catalogue build holds back only what is marked', async ({ site }) => {
  serveUnmarked(site, '/', { privacyPolicyUrl: '/privacy' });
  await site.open();
  await expect.poll(() => site.hits(V.metaLoader).length).toBe(1);
  await expect.poll(() => site.hits(requests('before').beacon).length).toBe(1);
});

test('consent.js without auto-blocking refuses autoBlock in the config and fails closed', async ({ site, page }) => {
  site.serve('/', { config: CONFIG, body: '<script type="text/plain" data-category="marketing">window.marked = true;</script>' });
  await site.open();
  await quiet(page);
  expect(site.console.some((line) => line.includes('consent-autoblock.js'))).toBe(true);
  await page.evaluate(() => window.Consent!.acceptAll());
  await quiet(page, 100);
  expect(await ran(page, 'marked')).toBe(false);
  await expect(banner(page)).toBeHidden();
});

test('"autoBlock: false", as the brief writes it, is a valid config', async ({ site, page }) => {
  site.serve('/', { config: { autoBlock: false }, body: '<script type="text/plain" data-category="marketing">window.marked = true;</script>' });
  await site.open();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => ran(page, 'marked')).toBe(true);
  expect(site.console.filter((line) => line.startsWith('error:'))).toEqual([]);
});

// A worker's own requests are out of reach of any script patch; only the browser's policy reaches them.
const WORKER = `<script>
  var code = "fetch('https://www.google-analytics.com/g/collect?v=2&tid=worker').catch(function () {});";
  new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
</script>`;

test('"strict" adds a policy before consent that stops even a worker’s requests, and reloads once on "Accept all"', async ({ site, page }) => {
  serveUnmarked(site, '/', { ...CONFIG, autoBlock: 'strict' });
  site.serve('/worker', { dropIn: 'consent-autoblock.js', config: { ...CONFIG, autoBlock: 'strict' }, body: WORKER });
  await site.open('/worker');
  await quiet(page);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
  expect(site.hits('https://www.google-analytics.com/g/collect?v=2&tid=worker')).toEqual([]);

  await site.open('/');
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  await quiet(page);
  test.info().annotations.push({
    type: 'preload scanner under strict',
    description: PARSER_VECTORS.map((vector) => `${vector}: ${site.hits(V[vector]).length} request(s) before consent`).join(', '),
  });
  for (const vector of ELEMENT_VECTORS) expect(site.hits(V[vector]), vector).toEqual([]);
  for (const url of Object.values(requests('before'))) expect(site.hits(url), url).toEqual([]);
  expect(await ran(page, 'appRan')).toBe(true);

  let loads = 0;
  page.on('load', () => loads++);
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => loads).toBe(1);
  for (const vector of ELEMENT_VECTORS) await expect.poll(() => site.hits(V[vector]).length, vector).toBe(1);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
  await quiet(page);
  expect(loads).toBe(1);
});

test('without "strict", a worker’s own requests get through: the limit the README states', async ({ site }) => {
  site.serve('/worker', { dropIn: 'consent-autoblock.js', config: CONFIG, body: WORKER });
  await site.open('/worker');
  await expect.poll(() => site.hits('https://www.google-analytics.com/g/collect?v=2&tid=worker').length).toBe(1);
});

test('advanced Consent Mode lets gtag.js load at once; basic mode holds it back', async ({ site, page }) => {
  const tag =
    '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ADV"></script><script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag("js",new Date());gtag("config","G-ADV");</script>';
  site.serve('/advanced', { dropIn: 'consent-autoblock.js', config: { ...CONFIG, googleConsentMode: { mode: 'advanced' } }, body: tag });
  site.serve('/basic', { dropIn: 'consent-autoblock.js', config: { ...CONFIG, googleConsentMode: true }, body: tag });
  await site.open('/advanced');
  await expect.poll(() => page.evaluate(() => 'google_tag_manager' in window)).toBe(true);
  await site.open('/basic');
  await quiet(page);
  expect(await page.evaluate(() => 'google_tag_manager' in window)).toBe(false);
});

test('hosts the config marks necessary or ignores are never held back; a moved service follows its new category', async ({ site, page }) => {
  serveUnmarked(site, '/', {
    ...CONFIG,
    autoBlockIgnore: ['connect.facebook.net'],
    categories: {
      necessary: { services: { 'pin-cdn': { hosts: ['ct.pinterest.com'] } } },
      statistics: { services: { 'linkedin-insight': {} } },
      marketing: {},
    },
  });
  await site.open();
  await expect.poll(() => site.hits(V.metaLoader).length).toBe(1);
  await expect.poll(() => site.hits(V.image).length).toBe(1);
  await expect.poll(() => ran(page, 'loaderRan')).toBe(true);
  await quiet(page);
  expect(site.hits(V.loaderLinkedin)).toEqual([]);
  await page.evaluate(() => window.Consent!.set({ statistics: true }));
  await expect.poll(() => site.hits(V.loaderLinkedin).length).toBe(1);
  await quiet(page);
  expect(site.hits(V.setAttribute), 'TikTok stays with marketing').toEqual([]);
});

test('a service declared by its catalogue id shows the catalogue’s name and cookies in the preference center', async ({ site, page }) => {
  site.serve('/', { dropIn: 'consent-autoblock.js', config: { categories: { marketing: { services: { 'meta-pixel': {} } } } } });
  await site.open();
  await page.evaluate(() => window.Consent!.showPreferences());
  const dialog = page.getByRole('dialog', { name: 'Privacy preferences' });
  await expect(dialog.getByRole('switch', { name: 'Meta Pixel' })).toBeVisible();
  await dialog
    .getByText(/^Cookies \(\d+\)$/)
    .first()
    .click();
  const row = dialog.getByRole('row').filter({ hasText: '_fbp' });
  await expect(row).toContainText('Meta Platforms');
  await expect(row).toContainText('4 months');
});

test('withdrawing a service declared by its catalogue id deletes the cookies the catalogue lists for it', async ({ site, page }) => {
  site.serve('/', {
    dropIn: 'consent-autoblock.js',
    config: { reloadOnWithdraw: false, categories: { marketing: { services: { 'meta-pixel': {} } } } },
  });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await page.context().addCookies([
    { name: '_fbp', value: 'fb.1.123.456', url: 'https://shop.test/' },
    { name: 'site_pref', value: 'kept', url: 'https://shop.test/' },
  ]);
  await page.evaluate(() => window.Consent!.set({ services: { 'meta-pixel': false } }));
  const names = await page.evaluate(() => document.cookie.split('; ').map((pair) => pair.split('=')[0]));
  expect(names).toContain('site_pref');
  expect(names).not.toContain('_fbp');
});
