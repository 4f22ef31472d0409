import { banner, expect, preferenceCenter, quiet, test } from './site';
import { ALL_VENDORS, LINKEDIN_INSIGHT, META_PIXEL, VENDOR_REQUESTS as R } from './snippets';

type Layer = { dataLayer: unknown[] };
/** The dataLayer as plain arrays (gtag pushes Arguments objects) and objects. */
const layer = (page: import('@playwright/test').Page) =>
  page.evaluate(() =>
    (window as unknown as Layer).dataLayer.map((entry) =>
      Object.prototype.toString.call(entry) === '[object Arguments]' ? Array.from(entry as ArrayLike<unknown>) : entry,
    ),
  );

// The Google tag as Google publishes it: gtag.js async, then the config call. Not held back:
// Consent Mode's "advanced" setup, where the tag loads at once and waits for consent signals.
const GOOGLE_TAG_ADVANCED = `
<script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', 'G-TEST123');
</script>`;

const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};
const GRANTED = Object.fromEntries(Object.keys(DENIED).map((key) => [key, 'granted']));

test.describe('Google Consent Mode v2', () => {
  test('the default comes before the Google tag’s first command; every decision sends an update and an event', async ({ site, page }) => {
    site.serve('/', { config: { googleConsentMode: true }, body: GOOGLE_TAG_ADVANCED });
    await site.open();
    await expect.poll(() => site.hits(R.gtag).length).toBe(1);
    const before = await layer(page);
    const defaultAt = before.findIndex((e) => Array.isArray(e) && e[0] === 'consent' && e[1] === 'default');
    const configAt = before.findIndex((e) => Array.isArray(e) && e[0] === 'config');
    expect(defaultAt).toBe(0);
    expect(configAt).toBeGreaterThan(defaultAt);
    expect(before[0]).toEqual(['consent', 'default', { ...DENIED, wait_for_update: 500 }]);

    const updates = async () => (await layer(page)).slice(before.length);
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    // The update goes out after the click's next paint, so it is waited for.
    await expect
      .poll(updates)
      .toEqual([
        ['consent', 'update', GRANTED],
        { event: 'cookie_consent_update', consent: { necessary: true, preferences: true, statistics: true, marketing: true } },
      ]);
    await page.evaluate(() => window.Consent!.rejectAll());
    await expect
      .poll(async () => (await updates()).slice(2))
      .toEqual([
        ['consent', 'update', DENIED],
        { event: 'cookie_consent_update', consent: { necessary: true, preferences: false, statistics: false, marketing: false } },
      ]);
  });

  test('a statistics-only choice grants analytics_storage alone, and is sent again on the next page view', async ({ site, page }) => {
    site.serve('/', {
      config: { googleConsentMode: { waitForUpdate: 800, adsDataRedaction: true, urlPassthrough: true, developerId: 'dTest12' } },
      body: GOOGLE_TAG_ADVANCED,
    });
    await site.open();
    await page.evaluate(() => window.Consent!.set({ statistics: true }));
    const statisticsOnly = { ...DENIED, analytics_storage: 'granted' };
    expect((await layer(page)).filter((e) => Array.isArray(e) && e[1] === 'update')).toEqual([['consent', 'update', statisticsOnly]]);
    await page.reload();
    const next = await layer(page);
    expect(next.slice(0, 6)).toEqual([
      ['consent', 'default', { ...DENIED, wait_for_update: 800 }],
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true],
      ['set', 'developer_id.dTest12', true],
      ['consent', 'update', statisticsOnly],
      { event: 'cookie_consent_update', consent: { necessary: true, preferences: false, statistics: true, marketing: false } },
    ]);
    expect(next.findIndex((e) => Array.isArray(e) && e[0] === 'config')).toBeGreaterThan(5);
  });
});

test.describe('US opt-out', () => {
  const OPT_OUT = { attributes: ' data-region="US-CA"', body: ALL_VENDORS };

  test('statistics and marketing run without a click; "Do Not Sell or Share" stops marketing', async ({ site, page }) => {
    site.serve('/', OPT_OUT);
    await site.open();
    for (const prefix of Object.values(R)) await expect.poll(() => site.hits(prefix).length, prefix).toBe(1);
    const notice = page.getByRole('region', { name: 'Privacy notice' });
    await expect(notice).toBeVisible();
    await expect(banner(page)).toHaveCount(0);
    await expect(notice.getByRole('button', { name: 'Your Privacy Choices' })).toBeVisible();
    expect(await page.evaluate(() => window.Consent!.allowed('marketing'))).toBe(true);
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Do Not Sell or Share My Personal Information' }).click()]);
    await quiet(page);
    expect(
      await page.evaluate(() => [window.Consent!.get()!.regime, window.Consent!.allowed('marketing'), window.Consent!.allowed('statistics')]),
    ).toEqual(['opt-out', false, true]);
    for (const prefix of [R.metaLoader, R.linkedinLoader, R.pixel]) expect(site.hits(prefix), prefix).toHaveLength(1);
    await expect.poll(() => site.hits(R.gtag).length).toBe(2);
    // The link stays; opting back in takes as few steps as opting out.
    await page.getByRole('navigation', { name: 'Your Privacy Choices' }).getByRole('button').click();
    const center = preferenceCenter(page);
    await center.getByRole('switch', { name: 'Sale or sharing of my personal information' }).check();
    await center.getByRole('button', { name: 'Save choices' }).click();
    await expect.poll(() => site.hits(R.metaLoader).length).toBe(2);
  });

  test('with Global Privacy Control, marketing never fires and the UI says the signal was honored', async ({ site, page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    site.serve('/', { ...OPT_OUT, config: { recordEndpoint: '/log' } });
    const records: { gpc: boolean; regime: string }[] = [];
    await page.route('https://shop.test/log', async (route) => {
      records.push(JSON.parse(route.request().postData() ?? '{}'));
      await route.fulfill({ status: 204 });
    });
    await site.open();
    await expect.poll(() => site.hits(R.analyticsBeacon).length).toBe(1);
    await expect(page.getByRole('region', { name: 'Privacy notice' })).toContainText('Opt-Out Request Honored');
    await page.evaluate(() => window.Consent!.acceptAll());
    await quiet(page);
    expect(site.hits(R.metaLoader, R.metaBeacon, R.linkedinLoader, R.linkedinBeacon, R.pixel)).toEqual([]);
    expect(await page.evaluate(() => window.Consent!.allowed('marketing'))).toBe(false);
    await expect.poll(() => records.length).toBe(1);
    expect(records[0]).toMatchObject({ action: 'accept-all', source: 'api', gpc: true, regime: 'opt-out', categories: { marketing: false } });
    await page.evaluate(() => window.Consent!.showPreferences());
    await expect(preferenceCenter(page)).toContainText('Opt-Out Request Honored');
    await expect(preferenceCenter(page).getByRole('switch', { name: 'Sale or sharing of my personal information' })).toBeDisabled();
  });

  test('the two-links mode offers "Do Not Sell or Share" and "Limit the Use" on every page', async ({ site, page }) => {
    site.serve('/', { ...OPT_OUT, body: META_PIXEL + LINKEDIN_INSIGHT, config: { optOutLinks: 'two-links', reloadOnWithdraw: false } });
    await site.open();
    await expect.poll(() => site.hits(R.metaLoader).length).toBe(1);
    await page.getByRole('region', { name: 'Privacy notice' }).getByRole('button', { name: 'OK' }).click();
    const links = page.getByRole('navigation', { name: 'Your Privacy Choices' });
    await links.getByRole('button', { name: 'Do Not Sell or Share My Personal Information' }).click();
    expect(await page.evaluate(() => window.Consent!.allowed('marketing'))).toBe(false);
    await links.getByRole('button', { name: 'Limit the Use of My Sensitive Personal Information' }).click();
    await expect(preferenceCenter(page)).toBeVisible();
  });
});

test.describe('which regime applies', () => {
  test('a German region gets opt-in: the banner, and nothing runs', async ({ site, page }) => {
    site.serve('/', { attributes: ' data-region="DE"', body: ALL_VENDORS });
    await site.open();
    await expect(banner(page)).toBeVisible();
    await quiet(page);
    expect(site.trackerRequests()).toEqual([]);
  });

  test.describe('in Berlin', () => {
    test.use({ timezoneId: 'Europe/Berlin' });
    test('the time zone gives opt-in when no region is known', async ({ site, page }) => {
      site.serve('/', { body: ALL_VENDORS });
      await site.open();
      await expect(banner(page)).toBeVisible();
      await quiet(page);
      expect(site.trackerRequests()).toEqual([]);
    });
  });

  test.describe('in Los Angeles', () => {
    test.use({ timezoneId: 'America/Los_Angeles' });
    test('the time zone gives opt-out, and the site’s table can overrule it', async ({ site, page }) => {
      site.serve('/', {});
      await site.open();
      await expect(page.getByRole('region', { name: 'Privacy notice' })).toBeVisible();
      site.serve('/', { config: { regimes: { US: 'opt-in' } } });
      await page.reload();
      await expect(banner(page)).toBeVisible();
    });
  });

  test('under opt-in a GPC signal is shown, nothing is pre-selected, and it is recorded', async ({ site, page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    site.serve('/', { attributes: ' data-region="FR"' });
    await site.open();
    await banner(page).getByRole('button', { name: 'Customize' }).click();
    const center = preferenceCenter(page);
    await expect(center).toContainText('Your browser sends a Global Privacy Control signal.');
    for (const name of ['Preferences', 'Statistics', 'Marketing']) await expect(center.getByRole('switch', { name })).not.toBeChecked();
  });

  test('gpc: true honours the signal under opt-in too', async ({ site, page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    site.serve('/', { attributes: ' data-region="FR"', config: { gpc: true }, body: ALL_VENDORS });
    await site.open();
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => site.hits(R.gtag).length).toBe(1);
    await quiet(page);
    expect(site.hits(R.metaLoader, R.pixel)).toEqual([]);
  });
});
