import { banner, expect, preferenceCenter, quiet, test } from './site';
import { ALL_VENDORS, VENDOR_REQUESTS as R } from './snippets';

test.beforeEach(({ site }) => {
  site.serve('/', { config: { privacyPolicyUrl: '/privacy' }, body: ALL_VENDORS });
});

test('nothing fires and no vendor cookie is set before any choice', async ({ site, page }) => {
  await site.open();
  await expect(banner(page)).toBeVisible();
  await quiet(page);
  expect(site.trackerRequests()).toEqual([]);
  expect(await site.vendorCookies()).toEqual([]);
});

test('"Reject all" lets nothing fire, also after a reload', async ({ site, page }) => {
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await expect(banner(page)).toBeHidden();
  await quiet(page);
  await page.reload();
  await quiet(page);
  await expect(banner(page)).toBeHidden();
  expect(site.trackerRequests()).toEqual([]);
  expect(await site.vendorCookies()).toEqual([]);
  expect(await page.evaluate(() => window.Consent!.get()!.categories)).toEqual({
    necessary: true,
    preferences: false,
    statistics: false,
    marketing: false,
  });
});

test('"Accept all" fires each vendor exactly once, dependent scripts in order', async ({ site, page }) => {
  await site.open();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(1);
  // Granting again, in every way the API allows, runs nothing a second time.
  await page.evaluate(() => {
    window.Consent!.acceptAll();
    window.Consent!.set({ statistics: true, marketing: true });
  });
  await quiet(page);
  for (const prefix of Object.values(R)) expect(site.hits(prefix), prefix).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { configSawGtag: boolean }).configSawGtag)).toBe(true);
  expect((await site.vendorCookies()).sort()).toEqual(['_fbp', '_ga', 'li_fat_id']);
});

test('a returning visitor’s stored choice lets everything fire with no banner and no UI built', async ({ site, page }) => {
  await site.open();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(1);
  await page.reload();
  for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(2);
  await quiet(page);
  expect(await page.locator('[data-holdback]').count()).toBe(0);
  for (const prefix of Object.values(R)) expect(site.hits(prefix), prefix).toHaveLength(2);
});

test('a statistics-only choice lets the Google tag through and nothing of marketing', async ({ site, page }) => {
  await site.open();
  await banner(page).getByRole('button', { name: 'Customize' }).click();
  const center = preferenceCenter(page);
  await expect(center).toBeVisible();
  await center.getByRole('switch', { name: 'Statistics' }).check();
  await center.getByRole('button', { name: 'Save choices' }).click();
  await expect(center).toBeHidden();
  await expect.poll(() => site.hits(R.analyticsBeacon).length).toBe(1);
  await quiet(page);
  expect(site.hits(R.gtag)).toHaveLength(1);
  expect(site.hits(R.metaLoader, R.metaBeacon, R.linkedinLoader, R.linkedinBeacon, R.pixel)).toEqual([]);
  expect(await site.vendorCookies()).toEqual(['_ga']);
});
