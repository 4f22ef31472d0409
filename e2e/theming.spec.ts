import type { Page } from '@playwright/test';
import { banner, expect, preferenceCenter, quiet, test } from './site';

const background = (page: Page) => banner(page).evaluate((element) => getComputedStyle(element).backgroundColor);
const LIGHT = 'rgb(255, 255, 255)';
const DARK = 'rgb(29, 31, 36)';

test.describe('theme', () => {
  test('follows prefers-color-scheme by default', async ({ site, page }) => {
    site.serve('/', {});
    await page.emulateMedia({ colorScheme: 'dark' });
    await site.open();
    expect(await background(page)).toBe(DARK);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background(page)).toBe(LIGHT);
  });

  test('"dark" and "light" force a theme whatever the visitor prefers', async ({ site, page }) => {
    site.serve('/dark', { config: { theme: 'dark' } });
    site.serve('/light', { attributes: 'data-theme="light"' });
    await page.emulateMedia({ colorScheme: 'light' });
    await site.open('/dark');
    expect(await background(page)).toBe(DARK);
    await banner(page).getByRole('button', { name: 'Customize' }).click();
    await expect(preferenceCenter(page)).toHaveCSS('background-color', DARK);

    await page.emulateMedia({ colorScheme: 'dark' });
    await site.open('/light');
    expect(await background(page)).toBe(LIGHT);
  });

  test('custom properties on the page restyle the UI, and a bad theme fails closed with a message', async ({ site, page }) => {
    site.serve('/', { head: '<style>:root { --holdback-background: rgb(1, 2, 3); --holdback-spacing: 40px }</style>' });
    site.serve('/bad', { config: { theme: 'sepia' } });
    await site.open();
    expect(await background(page)).toBe('rgb(1, 2, 3)');
    await expect(banner(page)).toHaveCSS('padding-top', '50px');

    await site.open('/bad');
    await quiet(page, 100);
    await expect(banner(page)).toHaveCount(0);
    expect(site.console.join('\n')).toContain('theme must be "auto", "light" or "dark", not "sepia"');
  });
});

test.describe('layout', () => {
  test.use({ viewport: { width: 1200, height: 800 } });

  // Where the banner comes to rest, once its entrance animation (a slide) is over.
  const rest = async (element: Element) => {
    await Promise.all(element.getAnimations().map((animation) => animation.finished));
    return element.getBoundingClientRect().toJSON() as DOMRect;
  };
  const box = (page: Page) => banner(page).evaluate(rest);

  test('"bar" (the default) spans the bottom of the page', async ({ site, page }) => {
    site.serve('/', {});
    await site.open();
    const rect = await box(page);
    expect(rect.width).toBeGreaterThan(900);
    expect(800 - rect.bottom).toBe(16);
  });

  test('"box" sits in the bottom-left corner, or the bottom-right one right to left', async ({ site, page }) => {
    site.serve('/', { config: { layout: 'box' } });
    site.serve('/ar', { config: { layout: 'box' }, lang: 'ar', languages: ['ar'] });
    await site.open();
    let rect = await box(page);
    expect([rect.left, 800 - rect.bottom]).toEqual([16, 16]);
    expect(rect.width).toBeLessThanOrEqual(400);

    await site.open('/ar');
    await expect(page.getByRole('region').first()).toBeVisible();
    rect = await page.getByRole('region').first().evaluate(rest);
    expect([1200 - rect.right, 800 - rect.bottom]).toEqual([16, 16]);
  });

  test('"modal" is centred, dims the page without blocking it, and takes no focus', async ({ site, page }) => {
    site.serve('/', { config: { layout: 'modal' }, body: '<button id="page-button" onclick="this.textContent=\'clicked\'">page</button>' });
    await site.open();
    const rect = await box(page);
    expect(Math.abs(rect.left + rect.width / 2 - 600)).toBeLessThanOrEqual(1);
    expect(Math.abs(rect.top + rect.height / 2 - 400)).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.locator('#page-button').click();
    await expect(page.locator('#page-button')).toHaveText('clicked');
  });
});

test.describe('floating button', () => {
  test('is not there unless asked for', async ({ site, page }) => {
    site.serve('/', {});
    await site.open();
    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(page.getByRole('button', { name: 'Privacy settings' })).toHaveCount(0);
  });

  test('reopens the preference center on every later page, and gets focus back', async ({ site, page }) => {
    site.serve('/', { config: { floatingButton: true } });
    await site.open();
    // Not while the banner is up: the banner already offers every choice.
    await expect(banner(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Privacy settings' })).toHaveCount(0);
    await banner(page).getByRole('button', { name: 'Reject all' }).click();

    await site.open(); // a returning visitor
    const button = page.getByRole('button', { name: 'Privacy settings' });
    await expect(button).toBeVisible();
    await button.click();
    await expect(preferenceCenter(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(preferenceCenter(page)).toBeHidden();
    await expect(button).toBeFocused();
  });
});
