import { expect, type Page, test } from '@playwright/test';
import { startDemo } from '../demo/server.js';

// The demo shop as a person runs it: the real server, tracker hosts answered
// by its stand-ins as <host>.localhost. Nothing leaves the machine.

let demo: Awaited<ReturnType<typeof startDemo>>;
test.beforeAll(async () => {
  demo = await startDemo({ port: 0 });
});
test.afterAll(async () => {
  await demo.close();
});

interface Seen {
  /** Requests the browser sent to the tracker stand-ins. */
  trackers: string[];
  /** Requests to anything that is not this machine. */
  outside: string[];
}

/** Watches the page's requests; the server's log is emptied first, as each test starts from nothing. */
async function openShop(page: Page, path: string): Promise<Seen> {
  const seen: Seen = { trackers: [], outside: [] };
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (host.endsWith('.localhost')) seen.trackers.push(request.url());
    else if (host !== 'localhost') seen.outside.push(request.url());
  });
  await page.request.delete(`${demo.url}__trackers.json`);
  await page.goto(new URL(path, demo.url).href);
  return seen;
}

const panel = (page: Page) => page.getByRole('complementary', { name: 'What reached the tracker hosts' });
const requestList = (page: Page) => panel(page).locator('#requests');
/** "held back" or "let go", per tag on the page. */
const tagStates = (page: Page) => panel(page).locator('#tags .state');
const serverLog = async (page: Page): Promise<{ host: string; path: string }[]> => (await page.request.get(`${demo.url}__trackers.json`)).json();

for (const path of ['/', '/product/ridge-shell', '/checkout', '/privacy']) {
  test(`${path} sends nothing to the tracker hosts before a choice`, async ({ page }) => {
    const seen = await openShop(page, path);
    await expect(page.getByRole('region', { name: 'Cookie consent' })).toBeVisible();
    await expect(requestList(page)).toHaveText('Nothing yet: held back.');
    await expect(panel(page).locator('#tags')).toContainText('TikTok Pixel');
    await expect(tagStates(page).first()).toBeVisible();
    for (const state of await tagStates(page).allTextContents()) expect(state).toBe('held back');
    // Give anything that slipped through the time to arrive.
    await page.waitForTimeout(500);
    expect(seen.trackers).toEqual([]);
    expect(await serverLog(page)).toEqual([]);
    expect(seen.outside).toEqual([]);
  });
}

test('after "Accept all" the panel lists every vendor\'s requests as they arrive, and their cookies', async ({ page }) => {
  const seen = await openShop(page, '/product/moss-boots');
  await page.getByRole('button', { name: 'Accept all' }).click();
  const requests = requestList(page);
  for (const vendor of ['Google tag', 'Google Analytics', 'Meta Pixel', 'LinkedIn Insight Tag', 'TikTok Pixel', 'YouTube']) {
    await expect(requests.getByText(vendor, { exact: true }).first()).toBeVisible();
  }
  for (const cookie of ['_ga', '_fbp', 'li_fat_id', '_ttp', 'holdback']) {
    await expect(panel(page).locator('#cookies code', { hasText: new RegExp(`^${cookie}$`) })).toBeVisible();
  }
  await expect(tagStates(page).filter({ hasText: 'held back' })).toHaveCount(0);
  const hosts = (await serverLog(page)).map((entry) => entry.host);
  expect(hosts).toEqual(expect.arrayContaining(['analytics.tiktok.com', 'www.youtube-nocookie.com', 'px.ads.linkedin.com']));

  await panel(page).getByRole('button', { name: 'Clear log' }).click();
  await expect(requestList(page)).toHaveText('Nothing yet: held back.');
  expect(seen.outside).toEqual([]);
});

test("the checkout's conversion pixel fires only after consent", async ({ page }) => {
  const seen = await openShop(page, '/checkout?item=ember-mug');
  const pixel = page.locator('img[data-service="pinterest"]');
  await page.waitForTimeout(500);
  await expect(pixel).not.toHaveAttribute('src');
  expect(seen.trackers.filter((url) => url.includes('ct.pinterest.com'))).toEqual([]);

  await page.getByRole('button', { name: 'Accept all' }).click();
  await expect(requestList(page).getByText('Pinterest Tag', { exact: true })).toBeVisible();
  await expect(pixel).toHaveAttribute('src', /event=checkout&tid=\d+&value=29&currency=EUR/);
  await expect
    .poll(async () => (await serverLog(page)).map((entry) => entry.path))
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/v3\/\?event=checkout/),
        expect.stringMatching(/^\/tr\/\?id=\d+&ev=Purchase/),
        expect.stringMatching(/event=CompletePayment/),
        expect.stringMatching(/&en=purchase/),
      ]),
    );
});

test('"Reject all" keeps everything held back, and the records page lists the choice', async ({ page }) => {
  const seen = await openShop(page, '/product/ridge-shell');
  await page.getByRole('button', { name: 'Reject all' }).click();
  await expect(page.getByRole('region', { name: 'YouTube is blocked' })).toBeVisible();
  await expect(panel(page).locator('#choice')).toHaveText('allowed: necessary');
  await page.waitForTimeout(500);
  expect(seen.trackers).toEqual([]);

  const id = await page.evaluate(() => window.Consent!.get()!.id);
  await page.goto(`${demo.url}records`);
  await expect(page.getByRole('row', { name: new RegExp(id) })).toContainText('necessary');
});

test('the language switcher reloads the page with German texts', async ({ page }) => {
  await openShop(page, '/checkout?item=drift-beanie');
  await page.getByLabel('Language').selectOption('de');
  await page.waitForURL(`${demo.url}de/checkout?item=drift-beanie`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const banner = page.getByRole('region', { name: 'Einwilligung zu Cookies' });
  await expect(banner.getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Shop' })).toHaveAttribute('href', '/de/');
});

test('the Arabic pages lay the whole shop out right to left, not only the consent UI', async ({ page }) => {
  await openShop(page, '/ar/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // The shop's own header and copy follow the page's direction.
  expect(await page.locator('header.top').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
  expect(
    await page
      .locator('main')
      .first()
      .evaluate((element) => getComputedStyle(element).direction),
  ).toBe('rtl');
  await expect(page.getByRole('region', { name: /.+/ }).first()).toBeVisible();
});

test('the theme, layout and floating-button switchers restyle the consent UI', async ({ page }) => {
  await openShop(page, '/');
  const config = () =>
    page.evaluate(() => {
      const { theme, layout, floatingButton } = (window.consentConfig ?? {}) as Record<string, unknown>;
      return { theme, layout, floatingButton };
    });
  // The defaults add nothing: the config stays as short as a site's would be.
  expect(await config()).toEqual({ theme: undefined, layout: undefined, floatingButton: undefined });

  const settings = panel(page).locator('#settings');
  const reloaded = async (change: () => Promise<unknown>) => {
    const load = page.waitForEvent('load');
    await change();
    await load;
  };
  await reloaded(() => settings.getByLabel('Theme').selectOption('dark'));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await reloaded(() => settings.getByLabel('Layout').selectOption('modal'));
  await reloaded(() => settings.getByLabel('Floating privacy button').check());
  await expect(settings.getByLabel('Floating privacy button')).toBeChecked();
  await expect(settings.getByLabel('Layout')).toHaveValue('modal');
  expect(await config()).toEqual({ theme: 'dark', layout: 'modal', floatingButton: true });
  // holdback takes them: a dark banner in the middle of the page, then the button once chosen.
  const banner = page.getByRole('region', { name: 'Cookie consent' });
  await expect(banner).toHaveCSS('background-color', 'rgb(29, 31, 36)');
  await banner.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)));
  const box = (await banner.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.abs(box.y + box.height / 2 - viewport.height / 2)).toBeLessThanOrEqual(1);
  await banner.getByRole('button', { name: 'Reject all' }).click();
  await expect(page.locator('[data-holdback]').getByRole('button', { name: 'Privacy settings' })).toBeVisible();
});
