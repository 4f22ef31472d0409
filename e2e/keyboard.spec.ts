import type { Page } from '@playwright/test';
import { banner, expect, preferenceCenter, storedCookie, test } from './site';

// The whole flow by keyboard alone, with focus checked at every step: no mouse,
// no element.focus() from the test.

test.describe.configure({ timeout: 60_000 });

test.beforeEach(({ site }) => {
  site.serve('/', {
    config: { privacyPolicyUrl: '/privacy' },
    body: `
      <nav><a href="/products" id="products">Products</a></nav>
      <footer><a href="/privacy-choices" data-consent-open id="choices">Privacy choices</a></footer>`,
  });
});

const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

/** Presses Tab until the element is focused, as a visitor would; fails if it never is. */
async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 20; presses++) {
    if (await page.locator(selector).evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('the whole flow works by keyboard: banner, Customize, a switch, Save, reopen from a link, Escape', async ({ site, page, context }) => {
  await site.open();
  const region = banner(page);
  await expect(region).toBeVisible();

  // On load the banner does not take focus, but it is the first stop of Tab, ahead of the page's own links.
  expect(await focusIsOnBody(page)).toBe(true);
  await page.keyboard.press('Tab');
  await expect(region.getByRole('link', { name: 'Privacy policy' })).toBeFocused();
  for (const name of ['Accept all', 'Reject all', 'Customize']) {
    await page.keyboard.press('Tab');
    await expect(region.getByRole('button', { name })).toBeFocused();
  }

  // Enter on Customize opens the preference center: a modal dialog with a name, focus inside.
  await page.keyboard.press('Enter');
  const center = preferenceCenter(page);
  await expect(center).toBeVisible();
  expect(await center.evaluate((dialog) => (dialog as HTMLDialogElement).open && dialog.matches(':modal'))).toBe(true);
  await expect(center.getByRole('button', { name: 'Close' })).toBeFocused();

  // Tab to the first switch that can change (necessary is disabled and skipped); Space toggles it.
  await page.keyboard.press('Tab');
  await expect(center.getByRole('link', { name: 'Privacy policy' })).toBeFocused();
  await page.keyboard.press('Tab');
  const preferences = center.getByRole('switch', { name: 'Preferences' });
  await expect(preferences).toBeFocused();
  await expect(preferences).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Space');
  await expect(preferences).toBeChecked();
  await expect(preferences).toHaveAttribute('aria-checked', 'true');
  await expect(preferences).toBeFocused();

  // Focus is trapped: past the last control Tab wraps to the first, and Shift+Tab wraps back.
  for (const name of ['Statistics', 'Marketing']) {
    await page.keyboard.press('Tab');
    await expect(center.getByRole('switch', { name })).toBeFocused();
  }
  for (const name of ['Accept all', 'Reject all', 'Save choices', 'Close']) {
    await page.keyboard.press('Tab');
    await expect(center.getByRole('button', { name })).toBeFocused();
  }
  await page.keyboard.press('Shift+Tab');
  const save = center.getByRole('button', { name: 'Save choices' });
  await expect(save).toBeFocused();

  // Save choices stores exactly what the switches say, and the UI goes away.
  await page.keyboard.press('Enter');
  await expect(center).toBeHidden();
  await expect(region).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()?.categories)).toEqual({
    necessary: true,
    preferences: true,
    statistics: false,
    marketing: false,
  });
  await storedCookie(context);

  // Reopened from the page's own link by Enter, the preference center shows the stored choice.
  await tabTo(page, '#choices');
  await page.keyboard.press('Enter');
  await expect(center).toBeVisible();
  await expect(center.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(center.getByRole('switch', { name: 'Preferences' })).toBeChecked();
  expect(new URL(page.url()).pathname).toBe('/');

  // Escape closes it without deciding again, and focus goes back to the link.
  const decided = await page.evaluate(() => window.Consent!.get()?.decidedAt);
  await page.keyboard.press('Escape');
  await expect(center).toBeHidden();
  await expect(page.locator('#choices')).toBeFocused();
  await expect(region).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()?.decidedAt)).toBe(decided);
});

test('after a choice from the banner, Tab goes on into the page', async ({ site, page }) => {
  await site.open();
  await expect(banner(page)).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(banner(page).getByRole('button', { name: 'Accept all' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(banner(page)).toBeHidden();
  // Focus is on the page's first control after the banner's place, not on <body>.
  await expect(page.locator('#products')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#choices')).toBeFocused();
});

test('after a choice from the banner, focus goes back to the page element it came from', async ({ site, page }) => {
  await site.open();
  await expect(banner(page)).toBeVisible();
  // From the page's first link back into the banner, which comes before it in tab order.
  await page.locator('#products').focus();
  for (const name of ['Customize', 'Reject all']) {
    await page.keyboard.press('Shift+Tab');
    await expect(banner(page).getByRole('button', { name })).toBeFocused();
  }
  await page.keyboard.press('Enter');
  await expect(banner(page)).toBeHidden();
  await expect(page.locator('#products')).toBeFocused();
  expect(await focusIsOnBody(page)).toBe(false);
});

test('after "Save choices" in a preference center opened from the banner, focus goes on into the page', async ({ site, page }) => {
  await site.open();
  await expect(banner(page)).toBeVisible();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(banner(page).getByRole('button', { name: 'Customize' })).toBeFocused();
  await page.keyboard.press('Enter');
  const center = preferenceCenter(page);
  await expect(center).toBeVisible();
  await center.getByRole('button', { name: 'Save choices' }).press('Enter');
  await expect(center).toBeHidden();
  await expect(banner(page)).toBeHidden();
  await expect(page.locator('#products')).toBeFocused();
});

test('a page element that takes focus under the open banner is scrolled out from under it (WCAG 2.4.11)', async ({ site, page }) => {
  // Links all down the middle of a long page: some sit behind the banner at the bottom of the viewport.
  const links = Array.from(
    { length: 40 },
    (_, i) => `<p style="margin: 0 0 24px; text-align: center"><a href="/p${i}" id="link${i}">Link ${i}</a></p>`,
  ).join('');
  site.serve('/long', { body: links });
  await site.open('/long');
  await expect(banner(page)).toBeVisible();
  for (let i = 0; i < 4 + 20; i++) {
    await page.keyboard.press('Tab');
    const hidden = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const focused = document.activeElement;
      if (!focused || focused === document.body || focused.closest('[data-holdback]')) return null;
      const box = focused.getBoundingClientRect();
      const banner = document.querySelector('[data-holdback]')!.shadowRoot!.querySelector('.banner')!.getBoundingClientRect();
      const under = box.bottom > banner.top && box.top < banner.bottom && box.right > banner.left && box.left < banner.right;
      return under ? focused.id : null;
    });
    expect(hidden, 'a focused page element behind the banner').toBeNull();
  }
  // The walk went past the fold: the page did scroll.
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
});
