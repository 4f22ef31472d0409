import { banner, expect, preferenceCenter, test } from './site';

const host = (page: import('@playwright/test').Page) => page.locator('[data-holdback]').first();

test('<html lang="de"> with the German file gives German texts', async ({ site, page }) => {
  site.serve('/', { lang: 'de', languages: ['de'], config: { privacyPolicyUrl: '/datenschutz' } });
  await site.open();
  const region = page.getByRole('region', { name: 'Einwilligung zu Cookies' });
  await expect(region.getByRole('button')).toHaveText(['Alle akzeptieren', 'Alle ablehnen', 'Anpassen']);
  await expect(region.getByRole('link', { name: 'Datenschutzerklärung' })).toBeVisible();
  await expect(host(page)).toHaveAttribute('lang', 'de');
  await region.getByRole('button', { name: 'Anpassen' }).click();
  await expect(page.getByRole('dialog', { name: 'Datenschutz-Einstellungen' }).getByRole('switch', { name: 'Statistik' })).not.toBeChecked();
});

test('a language whose file is not loaded falls back to English, and says so in lang', async ({ site, page }) => {
  site.serve('/', { lang: 'de' });
  await site.open();
  await expect(banner(page).getByRole('button', { name: 'Accept all' })).toBeVisible();
  await expect(host(page)).toHaveAttribute('lang', 'en');
});

test('the site’s own texts win over the language file', async ({ site, page }) => {
  site.serve('/', { lang: 'de', languages: ['de'], config: { texts: { de: { acceptAll: 'Einverstanden' } } } });
  await site.open();
  await expect(page.getByRole('region', { name: 'Einwilligung zu Cookies' }).getByRole('button').first()).toHaveText('Einverstanden');
});

test('Arabic is laid out right to left', async ({ site, page }) => {
  site.serve('/', { lang: 'ar', languages: ['ar'] });
  await site.open();
  const region = page.getByRole('region', { name: 'الموافقة على ملفات تعريف الارتباط' });
  await expect(region.getByRole('button', { name: 'قبول الكل' })).toBeVisible();
  await expect(host(page)).toHaveAttribute('dir', 'rtl');
  expect(await region.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
  // The first button (Accept all) sits on the right in a right-to-left layout.
  const [first, last] = await region
    .getByRole('button')
    .evaluateAll((buttons) => [buttons[0]!.getBoundingClientRect().x, buttons[2]!.getBoundingClientRect().x]);
  expect(first!).toBeGreaterThan(last!);
  await region.getByRole('button', { name: 'تخصيص' }).click();
  await expect(preferenceCenter(page)).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'تفضيلات الخصوصية' })).toBeVisible();
});

test('config.language picks the language whatever <html lang> says', async ({ site, page }) => {
  site.serve('/', { lang: 'en', languages: ['fr'], config: { language: 'fr' } });
  await site.open();
  await expect(page.getByRole('region', { name: 'Consentement aux cookies' }).getByRole('button').first()).toHaveText('Tout accepter');
});
