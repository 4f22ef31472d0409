import { ELEMENT_VECTORS, PARSER_VECTORS, requests, serveUnmarked, VECTORS as V } from '../autoblock-page';
import { ALL_VENDORS, addMarketingView, VENDOR_REQUESTS as R } from '../snippets';
import { type EngineSite, expect, test } from './fixtures';

// holdback's core contract, one source for Chromium, Firefox and WebKit
// (`npm run test:engines -- --project=webkit` runs one). Every request goes
// to the test proxy, which answers the shop and the tracker hosts and records
// each one; clicks and keys are the engine's own input.

test.describe.configure({ timeout: 60_000 });

const RECORDER = '<script>window.ran = [];</script>';
const EMBED = `<iframe id="video" data-category="marketing" data-service="youtube" data-src="https://www.youtube-nocookie.com/embed/abc123" width="560" height="315" title="Product video"></iframe>`;
const CONFIG = {
  privacyPolicyUrl: '/privacy',
  categories: {
    preferences: {},
    statistics: { cookies: ['_ga', '_ga_*'], storage: ['stats_*'] },
    marketing: {
      cookies: ['_fbp', '_fbc', 'li_fat_id'],
      storage: [/^ads\./],
      services: { youtube: { title: 'YouTube', hosts: ['www.youtube-nocookie.com'] } },
    },
  },
};
const VENDOR_COOKIES = /^(_fbp|_ga|li_fat_id)$/;
const vendorCookies = async (site: { cookies(): Promise<{ name: string }[]> }) =>
  (await site.cookies())
    .map((cookie) => cookie.name)
    .filter((name) => VENDOR_COOKIES.test(name))
    .sort();

test('nothing is requested before a choice; the banner offers three choices and is first in tab order', async ({ site }) => {
  site.serve('/', { config: CONFIG, body: `${ALL_VENDORS}${EMBED}<nav><a href="/products" id="products">Products</a></nav>` });
  await site.open();
  await expect.poll(() => site.bannerShown()).toBe(true);
  await site.settle();
  expect(site.hits(...Object.values(R), 'https://www.youtube-nocookie.com/')).toEqual([]);
  expect(await vendorCookies(site)).toEqual([]);
  // The keyboard reaches the banner's buttons before the page's own links.
  const seen: string[] = [];
  for (let i = 0; i < 6 && !seen.includes('Customize'); i++) {
    await site.press('Tab');
    seen.push(await site.focused());
  }
  expect(seen.filter((name) => ['Accept all', 'Reject all', 'Customize'].includes(name))).toEqual(['Accept all', 'Reject all', 'Customize']);
  expect(seen).not.toContain('Products');
  console.log(`${site.engine}: Tab goes ${seen.map((name) => name || '(body)').join(' → ')}`);
  // Back to "Accept all", and Enter chooses it.
  await site.press('Shift+Tab', 2);
  expect(await site.focused()).toBe('Accept all');
  await site.press('Enter');
  await expect.poll(() => site.bannerShown()).toBe(false);
  for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(1);
});

test('"Accept all": each script, pixel and embed once, in document order, a slow external script before the inline one after it', async ({
  site,
}) => {
  site.asset('https://cdn.shop.test/slow.js', "window.ran.push('slow.js')", { delay: 400 });
  site.asset('https://cdn.shop.test/fast.js', "window.ran.push('fast.js')");
  site.serve('/', {
    config: CONFIG,
    head: RECORDER,
    body: `${ALL_VENDORS}${EMBED}
      <script type="text/plain" data-category="statistics">window.ran.push('inline-1')</script>
      <script type="text/plain" data-category="statistics" src="https://cdn.shop.test/slow.js"></script>
      <script type="text/plain" data-category="statistics">window.ran.push('inline-2')</script>
      <script type="text/plain" data-category="marketing" data-src="https://cdn.shop.test/fast.js"></script>
      <script type="text/plain" data-category="statistics">window.ran.push('inline-3')</script>`,
  });
  await site.open();
  await site.click('Accept all');
  await expect.poll(() => site.ran()).toEqual(['inline-1', 'slow.js', 'inline-2', 'fast.js', 'inline-3']);
  for (const prefix of [...Object.values(R), 'https://www.youtube-nocookie.com/embed/abc123']) {
    await expect.poll(() => site.hits(prefix).length, prefix).toBe(1);
  }
  // Granting again runs nothing a second time.
  await site.run(() => {
    window.Consent!.acceptAll();
    window.Consent!.set({ statistics: true, marketing: true });
  });
  await site.settle();
  for (const prefix of Object.values(R)) expect(site.hits(prefix), prefix).toHaveLength(1);
  expect(await site.run(() => (window as unknown as { configSawGtag: boolean }).configSawGtag)).toBe(true);
  await expect.poll(() => vendorCookies(site)).toEqual(['_fbp', '_ga', 'li_fat_id']);
});

test('"Reject all" lets nothing go, also after a reload; the stored refusal shows no banner', async ({ site }) => {
  site.serve('/', { config: CONFIG, body: `${ALL_VENDORS}${EMBED}` });
  await site.open();
  await site.click('Reject all');
  await expect.poll(() => site.bannerShown()).toBe(false);
  await site.settle();
  await site.tab.reload();
  await site.settle();
  expect(await site.bannerShown()).toBe(false);
  expect(site.hits()).toEqual([]);
  expect(await vendorCookies(site)).toEqual([]);
  expect(await site.run(() => window.Consent!.get()!.categories)).toEqual({
    necessary: true,
    preferences: false,
    statistics: false,
    marketing: false,
  });
});

test('a returning visitor: the stored choice lets the tags run with no banner and no UI file', async ({ site }) => {
  site.serve('/', { config: CONFIG, body: ALL_VENDORS });
  await site.open();
  await site.click('Accept all');
  for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(1);
  await site.tab.reload();
  for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(2);
  await site.settle();
  expect(await site.run(() => document.querySelectorAll('[data-holdback]').length)).toBe(0);
  expect(await site.run(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/consent-ui.js')))).toBe(false);
});

for (const absent of [false, true]) {
  test(`the choice is stored and read back ${absent ? 'without the Cookie Store API (document.cookie alone)' : 'where the engine has the Cookie Store API'}`, async ({
    site,
  }) => {
    // Removed before holdback runs, as older Safari and Firefox are.
    const remove = absent ? '<script>delete window.cookieStore; delete Window.prototype.cookieStore;</script>' : '';
    site.asset(
      '/page',
      `<!doctype html><html lang="en"><head>${remove}${RECORDER}<script src="/consent.js"></script></head>
        <body><main><h1>Shop</h1></main><script type="text/plain" data-category="statistics">window.ran.push('statistics')</script></body></html>`,
      { type: 'text/html' },
    );
    await site.open('/page');
    const has = await site.run(() => 'cookieStore' in window);
    if (absent) expect(has).toBe(false);
    else console.log(`${site.engine}: the Cookie Store API is ${has ? 'there' : 'absent'}`);
    await site.click('Customize');
    await site.click('Statistics');
    await site.click('Save choices');
    await expect.poll(() => site.ran()).toEqual(['statistics']);
    await expect.poll(async () => (await site.cookies()).some((cookie) => cookie.name === 'holdback')).toBe(true);
    await site.tab.reload();
    await expect.poll(() => site.ran()).toEqual(['statistics']);
    expect(await site.bannerShown()).toBe(false);
    expect(await site.run(() => window.Consent!.get()!.categories)).toEqual({
      necessary: true,
      preferences: false,
      statistics: true,
      marketing: false,
    });
  });
}

test('withdrawal deletes the category’s cookies and storage keys, reloads once, and nothing of it runs after', async ({ site }) => {
  site.serve('/', {
    config: CONFIG,
    head: `<script>sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads') || 0) + 1));</script>`,
    body: ALL_VENDORS,
  });
  await site.open();
  await site.click('Accept all');
  for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(1);
  await site.run(() => {
    localStorage.setItem('ads.segment', 'x');
    localStorage.setItem('stats_visits', '3');
  });
  await expect.poll(() => vendorCookies(site)).toEqual(['_fbp', '_ga', 'li_fat_id']);
  await site.run(() => {
    window.Consent!.set({ marketing: false });
  });
  await expect.poll(() => site.run(() => sessionStorage.getItem('loads'))).toBe('2');
  await site.settle();
  await expect.poll(() => vendorCookies(site)).toEqual(['_ga']);
  expect(await site.run(() => [localStorage.getItem('ads.segment'), localStorage.getItem('stats_visits')])).toEqual([null, '3']);
  await expect.poll(() => site.hits(R.analyticsBeacon).length).toBe(2);
  for (const prefix of [R.metaLoader, R.metaBeacon, R.linkedinLoader, R.linkedinBeacon, R.pixel]) expect(site.hits(prefix), prefix).toHaveLength(1);
});

test('markup added later is held back the same way, and let go once allowed', async ({ site }) => {
  site.serve('/', { head: RECORDER });
  await site.open();
  const add = (id: string) => site.run(addMarketingView, id);
  await add('before');
  await site.settle();
  expect(site.hits()).toEqual([]);
  expect(await site.ran()).toEqual([]);
  await site.run(() => window.Consent!.acceptAll());
  await expect.poll(() => site.ran()).toEqual(['before']);
  await add('after');
  await expect.poll(() => site.ran()).toEqual(['before', 'after']);
  await expect.poll(() => site.hits('https://ct.pinterest.com/').length).toBe(2);
});

test('a negated script runs before any choice, and its copy goes when the category is allowed', async ({ site }) => {
  site.serve('/', { head: RECORDER, body: '<script type="text/plain" data-category="!marketing">window.ran.push("no marketing")</script>' });
  await site.open();
  await expect.poll(() => site.ran()).toEqual(['no marketing']);
  await site.run(() => window.Consent!.acceptAll());
  await expect.poll(() => site.run(() => document.querySelectorAll('script:not([type="text/plain"])[data-category="!marketing"]').length)).toBe(0);
  expect(await site.ran()).toEqual(['no marketing']);
});

test('released module, async and defer scripts run as such', async ({ site }) => {
  site.asset('https://cdn.shop.test/async.js', "window.ran.push('async.js')", { delay: 400 });
  site.asset('https://cdn.shop.test/defer.js', "window.ran.push('defer.js')", { delay: 200 });
  site.serve('/', {
    head: RECORDER,
    body: `
      <script type="text/plain" data-category="statistics" src="https://cdn.shop.test/async.js" async></script>
      <script type="text/plain" data-category="statistics" src="https://cdn.shop.test/defer.js" defer></script>
      <script type="text/plain" data-category="statistics" data-type="module">window.ran.push(typeof import.meta.url === 'string' ? 'module' : 'classic')</script>
      <script type="text/plain" data-category="statistics">window.ran.push('inline')</script>`,
  });
  await site.open();
  await site.run(() => window.Consent!.acceptAll());
  await expect.poll(async () => (await site.ran()).length).toBe(4);
  const ran = await site.ran();
  expect([...ran].sort()).toEqual(['async.js', 'defer.js', 'inline', 'module']);
  // The async script, slowest to arrive, held up nothing after it.
  expect(ran.at(-1)).toBe('async.js');
});

test('under a strict nonce CSP the UI shows and released scripts inherit the nonce, with no violation', async ({ site }) => {
  site.serve('/', {
    csp: "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self'; img-src 'self' https:",
    head: '<script nonce="r4nd0m-n0nce">window.ran = []; window.violations = []; document.addEventListener("securitypolicyviolation", (e) => window.violations.push(e.violatedDirective + " " + e.blockedURI));</script>',
    body: `
      <script type="text/plain" data-category="statistics">window.ran.push('inline without nonce')</script>
      <script type="text/plain" data-category="statistics" src="https://cdn.shop.test/tag.js"></script>
      <img data-category="marketing" data-src="https://ct.pinterest.com/v3/?tid=1&noscript=1" alt="">`,
  });
  site.asset('https://cdn.shop.test/tag.js', "window.ran.push('tag.js')");
  await site.open();
  await site.click('Accept all');
  await expect.poll(() => site.ran()).toEqual(['inline without nonce', 'tag.js']);
  await expect.poll(() => site.hits('https://ct.pinterest.com/').length).toBe(1);
  expect(await site.run(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});

test('Consent Mode: the default comes before the Google tag’s first command, and a choice sends an update', async ({ site }) => {
  site.serve('/', {
    config: { googleConsentMode: true },
    body: `<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
      <script>window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); } gtag('js', new Date()); gtag('config', 'G-TEST123');</script>`,
  });
  await site.open();
  await expect.poll(() => site.hits(R.gtag).length).toBe(1);
  // gtag() pushes its arguments object: read each as an array.
  const layer = () =>
    site.run(() =>
      ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map((entry) =>
        JSON.parse(JSON.stringify(entry && typeof entry === 'object' && 'length' in entry ? Array.from(entry as ArrayLike<unknown>) : entry)),
      ),
    );
  const before = (await layer()) as unknown[][];
  expect(before[0]!.slice(0, 2)).toEqual(['consent', 'default']);
  expect(before.findIndex((entry) => entry[0] === 'config')).toBeGreaterThan(0);
  await site.click('Accept all');
  await expect.poll(async () => ((await layer()) as unknown[][]).filter((entry) => entry[0] === 'consent' && entry[1] === 'update').length).toBe(1);
});

test('GPC under opt-out: marketing (sale or sharing) stays refused, the rest runs', async ({ site }) => {
  site.asset(
    '/gpc',
    `<!doctype html><html lang="en"><head>
      <script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });</script>
      <script src="/consent.js" data-region="US-CA"></script></head>
      <body><main><h1>Shop</h1></main>${ALL_VENDORS}</body></html>`,
    { type: 'text/html' },
  );
  await site.open('/gpc');
  await expect.poll(() => site.hits(R.gtag).length).toBe(1);
  await site.settle();
  expect(site.hits(R.metaLoader, R.linkedinLoader, R.pixel)).toEqual([]);
  expect(await site.run(() => [window.Consent!.allowed('statistics'), window.Consent!.allowed('marketing')])).toEqual([true, false]);
});

test('a held embed shows a placeholder of its size; "Load once" loads it for this page view', async ({ site }) => {
  site.serve('/', { config: CONFIG, body: EMBED });
  await site.open();
  await site.click('Reject all');
  const placeholder = () =>
    site.run(() => {
      for (const host of document.querySelectorAll('[data-holdback]')) {
        const region = host.shadowRoot?.querySelector('[aria-label="YouTube is blocked"]');
        if (region) {
          const box = region.getBoundingClientRect();
          return [Math.round(box.width), Math.round(box.height)];
        }
      }
      return null;
    });
  await expect.poll(placeholder).toEqual([560, 315]);
  await site.click('Load once');
  await expect.poll(() => site.hits('https://www.youtube-nocookie.com/embed/abc123').length).toBe(1);
  expect(await placeholder()).toBeNull();
  expect(await site.run(() => window.Consent!.allowed('youtube'))).toBe(false);
});

test('the consent cookie’s lifetime as this engine stores it', async ({ site }, testInfo) => {
  site.serve('/', { config: CONFIG });
  await site.open();
  await site.click('Accept all');
  let cookie: { expires: number | undefined } | undefined;
  await expect
    .poll(async () => {
      cookie = (await site.cookies()).find((candidate) => candidate.name === 'holdback');
      return cookie !== undefined;
    })
    .toBe(true);
  const days = cookie!.expires === undefined ? null : Math.round((cookie!.expires - Date.now() / 1000) / 86_400);
  testInfo.annotations.push({ type: 'consent cookie lifetime', description: days === null ? 'session' : `${days} days` });
  console.log(`${site.engine}: the consent cookie written by script lives ${days === null ? 'for the session' : `${days} days`}`);
  // Asked for: 365 days for a consent. Safari caps cookies written by script at 7 days (ITP); this says what this engine did.
  expect(days === 365 || days === 7).toBe(true);
});

// Auto-blocking (dist/consent-autoblock.js) on the page of unmarked vendor tags the Chromium suite uses.
const unmarked = (site: EngineSite) => serveUnmarked(site, '/', { privacyPolicyUrl: '/privacy', autoBlock: true });
const flag = (site: EngineSite, name: string) => site.run((key) => (window as unknown as Record<string, unknown>)[key] === true, name);

test('auto-blocking holds back every script-made tracker request before a choice; first-party and unknown hosts run', async ({ site }) => {
  unmarked(site);
  await site.open();
  await expect.poll(() => flag(site, 'loaderRan')).toBe(true);
  await site.settle();
  for (const vector of ELEMENT_VECTORS) expect(site.hits(V[vector]), vector).toEqual([]);
  for (const url of Object.values(requests('before'))) expect(site.hits(url), url).toEqual([]);
  expect(await flag(site, 'appRan')).toBe(true);
  expect(await flag(site, 'widgetRan')).toBe(true);
  console.log(
    `${site.engine}: fetched by the preload scanner before holdback ran: ${PARSER_VECTORS.map((vector) => `${vector} ${site.hits(V[vector]).length}`).join(', ')}`,
  );
});

test('auto-blocking: "Accept all" lets each held vector go exactly once, a slow library before its plugin', async ({ site }) => {
  unmarked(site);
  await site.open();
  await expect.poll(() => flag(site, 'loaderRan')).toBe(true);
  await site.click('Accept all');
  for (const vector of ELEMENT_VECTORS) await expect.poll(() => site.hits(V[vector]).length, vector).toBe(1);
  await expect.poll(() => flag(site, 'pluginSawLibrary')).toBe(true);
  await site.settle();
  for (const vector of ELEMENT_VECTORS) expect(site.hits(V[vector]), vector).toHaveLength(1);
  // What was dropped before consent stays dropped: it is never sent late.
  for (const url of Object.values(requests('before'))) expect(site.hits(url), url).toEqual([]);
});
