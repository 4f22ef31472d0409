import { banner, expect, quiet, storedCookie, test } from './site';
import { ALL_VENDORS, PIXEL } from './snippets';

const DAY = 86_400;

test('window.Consent decides, reports and changes the choice', async ({ site, page }) => {
  site.serve('/', { body: PIXEL });
  await site.open();
  const result = await page.evaluate(() => {
    const C = window.Consent!;
    const seen: unknown[] = [];
    const events: unknown[] = [];
    const off = C.on('change', ({ granted, withdrawn }) => seen.push({ granted, withdrawn }));
    window.addEventListener('consent:change', (event) => {
      const { granted, withdrawn } = (event as CustomEvent).detail;
      events.push({ granted, withdrawn });
    });
    const before = C.get();
    C.set({ statistics: true });
    C.set({ marketing: true });
    const afterSet = { ...C.get()!.categories };
    C.set({ statistics: false });
    off();
    C.rejectAll();
    return { before, afterSet, seen, events, allowed: C.allowed('marketing'), necessary: C.allowed('necessary') };
  });
  expect(result.before).toBeNull();
  expect(result.afterSet).toEqual({ necessary: true, preferences: false, statistics: true, marketing: true });
  expect(result.seen).toEqual([
    { granted: ['statistics'], withdrawn: [] },
    { granted: ['marketing'], withdrawn: [] },
    { granted: [], withdrawn: ['statistics'] },
  ]);
  expect(result.events).toEqual([...result.seen, { granted: [], withdrawn: ['marketing'] }]);
  expect(result.allowed).toBe(false);
  expect(result.necessary).toBe(true);
});

test('Consent.get() carries the consent ID, the time and the revision', async ({ site, page }) => {
  site.serve('/', { config: { revision: 7 } });
  await site.open();
  const decision = await page.evaluate(() => {
    window.Consent!.acceptAll();
    return window.Consent!.get();
  });
  expect(decision).toMatchObject({
    id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    revision: 7,
    services: {},
  });
  expect(Math.abs(Date.parse(decision!.decidedAt) - Date.now())).toBeLessThan(60_000);
});

test('"ready" reaches a listener that subscribes after holdback started', async ({ site, page }) => {
  site.serve('/', {});
  await site.open();
  const ready = await page.evaluate(() => new Promise((resolve) => window.Consent!.on('ready', (decision) => resolve({ decision }))));
  expect(ready).toEqual({ decision: null });
});

test('showBanner, showPreferences, hide and reset drive the UI', async ({ site, page }) => {
  site.serve('/', {});
  await site.open();
  await page.evaluate(() => window.Consent!.rejectAll());
  await expect(banner(page)).toBeHidden();
  await page.evaluate(() => window.Consent!.showPreferences());
  await expect(page.getByRole('dialog', { name: 'Privacy preferences' })).toBeVisible();
  await page.evaluate(() => window.Consent!.hide());
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.evaluate(() => window.Consent!.showBanner());
  await expect(banner(page)).toBeVisible();
  await page.evaluate(() => window.Consent!.hide());
  await expect(banner(page)).toBeHidden();
  await page.evaluate(() => window.Consent!.reset());
  await expect(banner(page)).toBeVisible();
  await page.reload();
  await expect(banner(page)).toBeVisible();
  expect(await page.evaluate(() => window.Consent!.get())).toBeNull();
});

test('the stored choice is a first-party cookie: path /, SameSite=Lax, Secure on https, 12 months', async ({ site, page, context }) => {
  site.serve('/', {});
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  const cookie = await storedCookie(context);
  expect(cookie).toMatchObject({ domain: 'shop.test', path: '/', sameSite: 'Lax', secure: true, httpOnly: false });
  const days = (cookie.expires - Date.now() / 1000) / DAY;
  expect(days).toBeGreaterThan(364);
  expect(days).toBeLessThanOrEqual(365);
  expect(decodeURIComponent(cookie.value)).toMatch(
    /^v=1&id=[0-9a-f-]{36}&at=\d+&rev=1&c=necessary:1\+preferences:1\+statistics:1\+marketing:1&s=&h=\w+$/,
  );
});

test('the script tag’s data attributes set the cookie name, domain and lifetime', async ({ site, page, context }) => {
  site.serve('/', { attributes: ' data-cookie-name="consent" data-cookie-domain="shop.test" data-cookie-expires-after-days="30"' });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  const cookie = await storedCookie(context, 'consent');
  expect(cookie.domain).toBe('.shop.test');
  expect(Math.round((cookie.expires - Date.now() / 1000) / DAY)).toBe(30);
});

test('a tampered cookie counts as no decision: the banner shows and nothing runs', async ({ site, page, context }) => {
  site.serve('/', { body: ALL_VENDORS });
  await site.open();
  await page.evaluate(() => window.Consent!.rejectAll());
  const stored = await storedCookie(context);
  await context.addCookies([{ ...stored, value: stored.value.replace('marketing:0', 'marketing:1') }]);
  await page.reload();
  await expect(banner(page)).toBeVisible();
  await quiet(page);
  expect(site.trackerRequests()).toEqual([]);
  expect(site.console.some((line) => line.startsWith('warning: holdback: the stored choice in the cookie "holdback" is ignored'))).toBe(true);
});

test('a raised revision asks again and lets nothing run until then', async ({ site, page }) => {
  site.serve('/', { config: { revision: 1 }, body: PIXEL });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => site.trackerRequests().length).toBe(1);
  site.serve('/', { config: { revision: 2 }, body: PIXEL });
  await page.reload();
  await expect(banner(page)).toBeVisible();
  await quiet(page);
  expect(site.trackerRequests()).toHaveLength(1);
});

test('a bad config is one clear console error and nothing optional runs, whatever is called', async ({ site, page }) => {
  site.serve('/', { config: { revison: 2, categories: { marketing: { cookies: '_fbp' } } }, body: ALL_VENDORS });
  await site.open();
  const errors = site.console.filter((line) => line.startsWith('error:'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('holdback: the config has 2 problems, so nothing optional will run');
  expect(errors[0]).toContain('revison is not a setting holdback knows');
  expect(errors[0]).toContain('categories.marketing.cookies must be an array');
  await page.evaluate(() => {
    window.Consent!.acceptAll();
    window.Consent!.set({ marketing: true });
  });
  await quiet(page);
  expect(site.trackerRequests()).toEqual([]);
  expect(await page.evaluate(() => [window.Consent!.get(), window.Consent!.allowed('marketing')])).toEqual([null, false]);
  expect(site.console.filter((line) => line.startsWith('pageerror'))).toEqual([]);
});

test('markup that names an unknown category, or escaped the gate, is named in the console', async ({ site, page }) => {
  site.serve('/', {
    body: `
      <img data-category="analytics" data-src="https://ct.pinterest.com/v3/?tid=unknown" alt="">
      <script data-category="marketing">window.leaked = true</script>
      <img data-category="marketing" src="https://ct.pinterest.com/v3/?tid=leaked" alt="">`,
  });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await quiet(page);
  const warnings = site.console.filter((line) => line.startsWith('warning: holdback:'));
  expect(warnings).toEqual([
    expect.stringMatching(
      /^warning: holdback: <img data-category="analytics" .*names "analytics", which the config does not define; it stays held back\.$/,
    ),
    'warning: holdback: <script data-category="marketing"> ran before holdback could hold it back: give it type="text/plain".',
    expect.stringMatching(/^warning: holdback: <img data-category="marketing" src=.* loaded before holdback could hold it back/),
  ]);
  expect(site.hits('https://ct.pinterest.com/v3/?tid=unknown')).toEqual([]);
});

test('holdback leaks no global but Consent', async ({ site, page }) => {
  await page.route('https://shop.test/blank', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await site.open('/blank');
  const blank = await page.evaluate(() => Object.keys(window));
  site.serve('/', {});
  await site.open('/');
  await page.evaluate(() => window.Consent!.acceptAll());
  const after = await page.evaluate(() => Object.keys(window));
  expect(after.filter((key) => !blank.includes(key))).toEqual(['Consent']);
});
