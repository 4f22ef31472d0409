import { createHash } from 'node:crypto';
import { banner, expect, preferenceCenter, quiet, storedCookie, test } from './site';
import { ALL_VENDORS, VENDOR_REQUESTS as R } from './snippets';

const CONFIG = {
  categories: {
    preferences: {},
    statistics: { cookies: ['_ga', '_ga_*'], storage: ['stats_*'] },
    marketing: {
      cookies: ['_fbp', '_fbc', { name: 'li_fat_id', purpose: 'LinkedIn ad clicks', duration: '30 days', provider: 'LinkedIn' }],
      storage: [/^ads\./],
      services: { youtube: { title: 'YouTube', hosts: ['www.youtube-nocookie.com'] } },
    },
  },
};

// Heard before a reload, read after it.
const LISTEN = `<script>
  window.addEventListener('consent:change', (event) => {
    const log = JSON.parse(sessionStorage.getItem('changes') || '[]');
    log.push({ granted: event.detail.granted, withdrawn: event.detail.withdrawn });
    sessionStorage.setItem('changes', JSON.stringify(log));
  });
  sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads') || 0) + 1));
</script>`;

const EMBED = `<iframe id="video" data-category="marketing" data-service="youtube" data-src="https://www.youtube-nocookie.com/embed/abc123" width="560" height="315" title="Product video"></iframe>`;

test('withdrawing marketing deletes its cookies and storage, keeps statistics, reloads once and stops marketing', async ({ site, page }) => {
  site.serve('/', { config: CONFIG, head: LISTEN, body: `${ALL_VENDORS}<a href="#" data-consent-open id="choices">Privacy choices</a>` });
  await site.open();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(1);
  await page.evaluate(() => {
    localStorage.setItem('ads.segment', 'x');
    localStorage.setItem('stats_visits', '3');
    sessionStorage.setItem('ads.session', 'y');
  });
  expect((await site.vendorCookies()).sort()).toEqual(['_fbp', '_ga', 'li_fat_id']);

  await page.locator('#choices').click();
  const center = preferenceCenter(page);
  await center.getByRole('switch', { name: 'Marketing' }).uncheck();
  await Promise.all([page.waitForEvent('load'), center.getByRole('button', { name: 'Save choices' }).click()]);
  await quiet(page);

  expect(await page.evaluate(() => sessionStorage.getItem('loads'))).toBe('2');
  expect(await site.vendorCookies()).toEqual(['_ga']);
  expect(
    await page.evaluate(() => [localStorage.getItem('ads.segment'), sessionStorage.getItem('ads.session'), localStorage.getItem('stats_visits')]),
  ).toEqual([null, null, '3']);
  expect(await page.evaluate(() => window.Consent!.allowed('marketing'))).toBe(false);
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('changes') || '[]').at(-1))).toEqual({
    granted: [],
    withdrawn: ['marketing', 'youtube'],
  });
  // After the reload, statistics runs again and nothing of marketing does.
  await expect.poll(() => site.hits(R.analyticsBeacon).length).toBe(2);
  await quiet(page);
  for (const prefix of [R.metaLoader, R.metaBeacon, R.linkedinLoader, R.linkedinBeacon, R.pixel]) expect(site.hits(prefix), prefix).toHaveLength(1);
});

test('a withdrawal that stops nothing already running does not reload', async ({ site, page }) => {
  site.serve('/', { config: { ...CONFIG, reloadOnWithdraw: true }, head: LISTEN });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await page.evaluate(() => window.Consent!.set({ marketing: false }));
  await quiet(page);
  expect(await page.evaluate(() => sessionStorage.getItem('loads'))).toBe('1');
});

test('reloadOnWithdraw: false stops what it can without reloading', async ({ site, page }) => {
  site.serve('/', {
    config: { ...CONFIG, reloadOnWithdraw: false },
    head: LISTEN,
    body: `<script type="text/plain" data-category="marketing" id="m">window.ranMarketing = (window.ranMarketing || 0) + 1</script>`,
  });
  await site.open();
  await page.evaluate(() => window.Consent!.acceptAll());
  await expect.poll(() => page.evaluate(() => (window as unknown as { ranMarketing?: number }).ranMarketing)).toBe(1);
  await page.evaluate(() => window.Consent!.set({ marketing: false }));
  await quiet(page);
  expect(await page.evaluate(() => sessionStorage.getItem('loads'))).toBe('1');
  expect(await page.locator('script:not([type="text/plain"])[data-category="marketing"]').count()).toBe(0);
});

test('a held embed shows an accessible placeholder of its size; "Load once" loads it for this page view only', async ({ site, page }) => {
  site.serve('/', { config: CONFIG, body: `${EMBED}${ALL_VENDORS}` });
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  const placeholder = page.getByRole('region', { name: 'YouTube is blocked' });
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toContainText('It would set cookies for Marketing');
  const box = (await placeholder.boundingBox())!;
  expect([Math.round(box.width), Math.round(box.height)]).toEqual([560, 315]);
  await expect(page.locator('#video')).toBeHidden();
  await placeholder.getByRole('button', { name: 'Load once' }).click();
  await expect(placeholder).toBeHidden();
  await expect(page.locator('#video')).toBeVisible();
  await expect.poll(() => site.hits('https://www.youtube-nocookie.com/embed/abc123').length).toBe(1);
  expect(await page.evaluate(() => window.Consent!.allowed('youtube'))).toBe(false);
  await page.reload();
  await expect(page.getByRole('region', { name: 'YouTube is blocked' })).toBeVisible();
  await quiet(page);
  expect(site.hits('https://www.youtube-nocookie.com/')).toHaveLength(1);
  expect(site.hits(R.metaLoader, R.pixel)).toEqual([]);
});

test('a placeholder goes with its embed when a single-page app removes it, and comes back with it', async ({ site, page }) => {
  site.serve('/', { config: CONFIG, body: `<div id="view">${EMBED}</div>` });
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  const placeholder = page.getByRole('region', { name: 'YouTube is blocked' });
  await expect(placeholder).toBeVisible();
  // The app's router swaps the view: the embed goes, its container stays.
  const frame = await page.evaluateHandle(() => {
    const video = document.getElementById('video')!;
    video.remove();
    return video;
  });
  await expect(placeholder).toHaveCount(0);
  expect(await page.locator('[data-holdback]').evaluateAll((hosts) => hosts.filter((host) => host.closest('#view')).length)).toBe(0);
  // Back on that view: the embed is still held back, and its placeholder is there again.
  await frame.evaluate((video) => document.getElementById('view')!.append(video));
  await expect(placeholder).toBeVisible();
  await quiet(page);
  expect(site.hits('https://www.youtube-nocookie.com/')).toEqual([]);
});

test('"Load YouTube" allows that service only, and it is remembered', async ({ site, page }) => {
  site.serve('/', { config: CONFIG, body: `${EMBED}${ALL_VENDORS}` });
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await page.getByRole('region', { name: 'YouTube is blocked' }).getByRole('button', { name: 'Load YouTube' }).click();
  await expect.poll(() => site.hits('https://www.youtube-nocookie.com/embed/abc123').length).toBe(1);
  expect(await page.evaluate(() => [window.Consent!.allowed('youtube'), window.Consent!.allowed('marketing')])).toEqual([true, false]);
  await page.reload();
  await expect.poll(() => site.hits('https://www.youtube-nocookie.com/embed/abc123').length).toBe(2);
  await quiet(page);
  await expect(page.getByRole('region', { name: 'YouTube is blocked' })).toHaveCount(0);
  expect(site.hits(R.metaLoader, R.metaBeacon, R.linkedinLoader, R.pixel)).toEqual([]);
});

test('the placeholder leads to the preference center, which lists services and a cookie table', async ({ site, page }) => {
  site.serve('/', { config: CONFIG, body: EMBED });
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await page.getByRole('region', { name: 'YouTube is blocked' }).getByRole('button', { name: 'Privacy settings' }).click();
  const center = preferenceCenter(page);
  await expect(center.getByRole('switch', { name: 'YouTube' })).not.toBeChecked();
  await center.getByText('Cookies (3)').click();
  await expect(center.getByRole('row', { name: /li_fat_id LinkedIn ad clicks 30 days LinkedIn/ })).toBeVisible();
  await center.getByRole('switch', { name: 'YouTube' }).check();
  await expect(center.getByRole('checkbox', { name: 'Marketing' })).toHaveAttribute('aria-checked', 'mixed');
  await center.getByRole('button', { name: 'Save choices' }).click();
  await expect.poll(() => site.hits('https://www.youtube-nocookie.com/').length).toBe(1);
});

test('two tabs of one site stay in step', async ({ site, page, context }) => {
  site.serve('/', {
    config: CONFIG,
    head: '<script>window.ran = 0</script>',
    body: '<script type="text/plain" data-category="statistics">window.ran++</script>',
  });
  await site.open();
  const other = await context.newPage();
  await other.goto('https://shop.test/');
  await expect(banner(other)).toBeVisible();
  await page.evaluate(() => window.Consent!.set({ statistics: true }));
  await expect.poll(() => other.evaluate(() => (window as unknown as { ran: number }).ran), { timeout: 15_000 }).toBe(1);
  await expect(banner(other)).toBeHidden();
  expect(await other.evaluate(() => window.Consent!.allowed('statistics'))).toBe(true);
  await other.evaluate(() => window.Consent!.reset());
  await expect(banner(page)).toBeVisible();
  expect(await page.evaluate(() => window.Consent!.get())).toBeNull();
});

test('duplicate consent cookies are repaired: the newest choice wins and one cookie is left', async ({ site, page, context }) => {
  site.serve('/', { config: CONFIG });
  site.serve('/shop/', { config: CONFIG });
  await site.open();
  await page.evaluate(() => window.Consent!.rejectAll());
  const older = await storedCookie(context, 'holdback', (text) => text.includes('marketing:0'));
  // The next choice must be at least a second later: the cookie's time reads in seconds where it was written so.
  await page.waitForTimeout(1100);
  await page.evaluate(() => window.Consent!.acceptAll());
  const newer = await storedCookie(context, 'holdback', (text) => text.includes('marketing:1'));
  // The older choice also sits on the parent domain and on a deeper path, as after a change of cookie domain.
  await context.addCookies([
    { ...older, domain: '.shop.test', path: '/' },
    { ...older, domain: 'shop.test', path: '/shop' },
  ]);
  await site.open('/shop/');
  expect(await page.evaluate(() => window.Consent!.get()!.categories.marketing)).toBe(true);
  const left = (await context.cookies()).filter((c) => c.name === 'holdback');
  expect(left.map((c) => c.value)).toEqual([newer.value]);
});

test('records reach the endpoint with the documented fields; an endpoint that is down costs the page nothing', async ({ site, page }) => {
  const received: unknown[] = [];
  const notices: Buffer[] = [];
  await page.route('https://shop.test/consent-log', async (route) => {
    received.push(JSON.parse(route.request().postData() ?? 'null'));
    await route.fulfill({ status: 204 });
  });
  await page.route('https://shop.test/notices', async (route) => {
    notices.push(route.request().postDataBuffer() ?? Buffer.alloc(0));
    await route.fulfill({ status: 204 });
  });
  site.serve('/', { config: { ...CONFIG, recordEndpoint: '/consent-log' } });
  await site.open('/?utm_source=mail');
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await expect.poll(() => received.length).toBe(1);
  const id = await page.evaluate(() => window.Consent!.get()!.id);
  expect(received[0]).toEqual({
    id,
    time: await page.evaluate(() => window.Consent!.get()!.decidedAt),
    action: 'reject-all',
    source: 'banner',
    categories: { necessary: true, preferences: false, statistics: false, marketing: false },
    services: {},
    regime: 'opt-in',
    gpc: false,
    language: 'en',
    revision: 1,
    noticeHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    url: 'https://shop.test/',
    userAgent: expect.stringContaining('Chrome'),
  });
  expect(Object.keys(received[0] as object)).toEqual([
    'id',
    'time',
    'action',
    'source',
    'categories',
    'services',
    'regime',
    'gpc',
    'language',
    'revision',
    'noticeHash',
    'url',
    'userAgent',
  ]);
  // The notice went beside the endpoint, and its bytes are what the hash names.
  await expect.poll(() => notices.length).toBe(1);
  expect(createHash('sha256').update(notices[0]!).digest('hex')).toBe((received[0] as { noticeHash: string }).noticeHash);
  expect(JSON.parse(notices[0]!.toString('utf8'))).toMatchObject({
    language: 'en',
    revision: 1,
    regime: 'opt-in',
    texts: { rejectAll: 'Reject all' },
  });

  await page.unroute('https://shop.test/consent-log');
  await page.route('https://shop.test/consent-log', (route) => route.abort('connectionrefused'));
  await page.evaluate(() => window.Consent!.set({ statistics: true }));
  await quiet(page);
  expect(await page.evaluate(() => window.Consent!.allowed('statistics'))).toBe(true);
  expect(notices).toHaveLength(1); // once per page
  await page.reload();
  expect(await page.evaluate(() => window.Consent!.allowed('statistics'))).toBe(true);
  expect(site.console.filter((line) => line.startsWith('pageerror'))).toEqual([]);
});

test('a full refusal is kept for six months, a consent for twelve', async ({ site, page, context }) => {
  site.serve('/', { config: CONFIG });
  await site.open();
  // document.cookie writes reach the browser's cookie jar asynchronously: poll it.
  const days = async () => {
    const cookie = (await context.cookies()).find((c) => c.name === 'holdback');
    return cookie ? Math.round((cookie.expires - Date.now() / 1000) / 86_400) : null;
  };
  await page.evaluate(() => window.Consent!.rejectAll());
  await expect.poll(days).toBe(182);
  await page.evaluate(() => window.Consent!.set({ statistics: true }));
  await expect.poll(days).toBe(365);
});
