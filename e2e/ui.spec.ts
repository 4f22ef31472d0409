import { banner, expect, preferenceCenter, quiet, test } from './site';

test.beforeEach(({ site }) => {
  site.serve('/', {
    config: { privacyPolicyUrl: '/privacy' },
    body: `
      <p><a href="#consent-preferences" id="hash-link">Cookie settings</a></p>
      <footer><button type="button" data-consent-open id="open">Privacy choices</button></footer>`,
  });
});

test('the banner has a privacy-policy link and three buttons of equal weight', async ({ site, page }) => {
  await site.open();
  const region = banner(page);
  await expect(region).toBeVisible();
  await expect(region.getByRole('link', { name: 'Privacy policy' })).toHaveAttribute('href', '/privacy');
  const buttons = region.getByRole('button');
  await expect(buttons).toHaveText(['Accept all', 'Reject all', 'Customize']);
  const looks = await buttons.evaluateAll((elements) =>
    elements.map((element) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return [style.backgroundColor, style.color, style.fontWeight, style.fontSize, Math.round(box.height)].join(' ');
    }),
  );
  expect(new Set(looks).size).toBe(1);
});

test('the banner does not take focus on load and is first in tab order', async ({ site, page }) => {
  await site.open();
  await expect(banner(page)).toBeVisible();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  await page.keyboard.press('Tab');
  await expect(banner(page).getByRole('link', { name: 'Privacy policy' })).toBeFocused();
});

test('the banner shifts no layout', async ({ site, page }) => {
  await page.addInitScript(() => {
    (window as unknown as { shift: number }).shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as unknown as { shift: number }).shift += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await site.open();
  await expect(banner(page)).toBeVisible();
  await quiet(page);
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await quiet(page, 200);
  expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
});

test('the preference center opens from a data-consent-open element, traps focus, closes on Escape and returns focus', async ({ site, page }) => {
  await site.open();
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await page.locator('#open').focus();
  await page.keyboard.press('Enter');
  const center = preferenceCenter(page);
  await expect(center).toBeVisible();
  // Nothing pre-ticked; necessary on and locked.
  await expect(center.getByRole('switch', { name: 'Strictly necessary' })).toBeChecked();
  await expect(center.getByRole('switch', { name: 'Strictly necessary' })).toBeDisabled();
  for (const name of ['Preferences', 'Statistics', 'Marketing']) {
    await expect(center.getByRole('switch', { name })).not.toBeChecked();
  }
  // The consent ID and date of the stored decision are shown.
  const id = await page.evaluate(() => window.Consent!.get()!.id);
  await expect(center.getByText(id)).toBeVisible();
  // Tab cycles inside the dialog.
  const focusables = await center.locator('button, input:not([disabled]), a[href]').count();
  const inside = async () => center.evaluate((dialog) => dialog.contains((dialog.getRootNode() as ShadowRoot).activeElement));
  for (let i = 0; i < focusables + 2; i++) {
    await page.keyboard.press('Tab');
    expect(await inside()).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await inside()).toBe(true);
  await page.keyboard.press('Escape');
  await expect(center).toBeHidden();
  await expect(page.locator('#open')).toBeFocused();
  await expect(banner(page)).toBeHidden();
});

test('a link to #consent-preferences opens the preference center', async ({ site, page }) => {
  await site.open();
  await page.locator('#hash-link').click();
  await expect(preferenceCenter(page)).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
});

test('a page opened at #consent-preferences shows the preference center, on a first visit and once a choice is stored', async ({ site, page }) => {
  await site.open('/#consent-preferences');
  await expect(preferenceCenter(page)).toBeVisible();
  await expect(banner(page)).toBeHidden();
  await page.evaluate(() => window.Consent!.rejectAll());
  // Another document each time (a query), not a jump within this one.
  await site.open('/?again#consent-preferences-elsewhere');
  await quiet(page);
  await expect(page.locator('[data-holdback]')).toHaveCount(0);
  await site.open('/?third#consent-preferences');
  await expect(preferenceCenter(page)).toBeVisible();
});

test('leaving the preference center without deciding brings the banner back, focused', async ({ site, page }) => {
  await site.open();
  await banner(page).getByRole('button', { name: 'Customize' }).click();
  await expect(preferenceCenter(page)).toBeVisible();
  await preferenceCenter(page).getByRole('button', { name: 'Close' }).click();
  await expect(preferenceCenter(page)).toBeHidden();
  const customize = banner(page).getByRole('button', { name: 'Customize' });
  await expect(customize).toBeFocused();
  // A frame later the banner is lifted into the top layer; the focus stays.
  await expect.poll(() => banner(page).evaluate((element) => element.matches(':popover-open'))).toBe(true);
  await expect(customize).toBeFocused();
  expect(await page.evaluate(() => window.Consent!.get())).toBeNull();
});

test('the preference center works by keyboard alone', async ({ site, page }) => {
  await site.open();
  await banner(page).getByRole('button', { name: 'Customize' }).focus();
  await page.keyboard.press('Enter');
  const center = preferenceCenter(page);
  await expect(center).toBeVisible();
  await center.getByRole('switch', { name: 'Marketing' }).focus();
  await page.keyboard.press('Space');
  await center.getByRole('button', { name: 'Save choices' }).focus();
  await page.keyboard.press('Enter');
  await expect(center).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()!.categories)).toEqual({
    necessary: true,
    preferences: false,
    statistics: false,
    marketing: true,
  });
});

test('the page’s CSS does not reach the UI, and the UI’s CSS does not reach the page', async ({ site, page }) => {
  site.serve('/', {
    head: '<style>button { background: rgb(255, 0, 0) !important; font-size: 40px !important; } .button, .banner { display: none !important; }</style>',
    body: '<button id="own" class="button">Own button</button>',
  });
  await site.open();
  const accept = banner(page).getByRole('button', { name: 'Accept all' });
  await expect(accept).toBeVisible();
  expect(await accept.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe('rgb(255, 0, 0)');
  // The page's own .button keeps the page's style and gains none of ours.
  expect(await page.locator('#own').evaluate((element) => getComputedStyle(element).display)).toBe('none');
});

test('the banner animates in, except for visitors who ask for reduced motion', async ({ site, page }) => {
  await site.open();
  const animation = () => banner(page).evaluate((element) => getComputedStyle(element).animationName);
  expect(await animation()).toBe('holdback-rise');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
});

test('"Accept all" closes the banner on the click’s next paint; the tags it lets go run after that paint', async ({ site, page }) => {
  site.serve('/tags', {
    head: `<script>
      window.frames_ = 0;
      (function count() { window.frames_++; requestAnimationFrame(count); })();
    </script>`,
    body: `<script type="text/plain" data-category="statistics">window.ranAt = window.frames_; window.bannerThen = !!document.querySelector('[data-holdback]').shadowRoot.querySelector('.banner');</script>`,
  });
  await site.open('/tags');
  await expect(banner(page)).toBeVisible();
  // Counts the frames drawn until the banner leaves its shadow root.
  await page.evaluate(() => {
    const root = document.querySelector('[data-holdback]')!.shadowRoot!;
    new MutationObserver(() => {
      const w = window as unknown as { closedAt?: number; frames_: number };
      if (!root.querySelector('.banner') && w.closedAt === undefined) w.closedAt = w.frames_;
    }).observe(root, { childList: true, subtree: true });
  });
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await page.waitForFunction(() => (window as unknown as { ranAt?: number }).ranAt !== undefined);
  const { closedAt, ranAt, bannerThen } = await page.evaluate(() => {
    const { closedAt, ranAt, bannerThen } = window as unknown as { closedAt: number; ranAt: number; bannerThen: boolean };
    return { closedAt, ranAt, bannerThen };
  });
  expect(bannerThen).toBe(false);
  // At least one frame was drawn between the banner going and the tag running.
  expect(ranAt).toBeGreaterThan(closedAt);
});

// A page's own modal <dialog> makes everything outside it inert, holdback's banner too.
const PAGE_MODAL = `<dialog id="promo"><p>Ten percent off your first order!</p><button type="button" id="promo-close">No thanks</button></dialog>
  <script>document.getElementById('promo').showModal(); document.getElementById('promo-close').onclick = () => document.getElementById('promo').close();</script>`;

test('a modal dialog the page opened first does not make the banner unclickable', async ({ site, page }) => {
  site.serve('/promo', { body: PAGE_MODAL });
  await site.open('/promo');
  expect(await page.evaluate(() => document.querySelector('#promo')!.matches(':modal'))).toBe(true);
  const region = banner(page);
  await expect(region).toBeVisible();
  // A real click: Playwright fails it if the banner is inert or something else takes it.
  await region.getByRole('button', { name: 'Reject all' }).click({ timeout: 5000 });
  await expect(region).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()?.categories.marketing)).toBe(false);
  // The page's dialog is still open and works again once the banner is gone.
  await page.locator('#promo-close').click({ timeout: 5000 });
  await expect(page.locator('#promo')).toBeHidden();
});

test('a modal dialog the page opens while the banner is shown does not shut the visitor out of it', async ({ site, page }) => {
  site.serve('/promo-later', { body: PAGE_MODAL.replace("document.getElementById('promo').showModal();", '') });
  await site.open('/promo-later');
  const region = banner(page);
  await expect(region).toBeVisible();
  await page.evaluate(() => (document.getElementById('promo') as HTMLDialogElement).showModal());
  await region.getByRole('button', { name: 'Accept all' }).click({ timeout: 5000 });
  await expect(region).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()?.categories.marketing)).toBe(true);
});

test('once the page’s modal closes, the banner blocks nothing of the page', async ({ site, page }) => {
  site.serve('/promo', { body: `${PAGE_MODAL}<p><button type="button" id="page-button">A page button</button></p>` });
  await site.open('/promo');
  await expect(banner(page)).toBeVisible();
  // Meanwhile the banner is above the page's modal, which the page closes itself (a timer, say).
  await page.evaluate(() => (document.getElementById('promo') as HTMLDialogElement).close());
  await expect(page.locator('#promo')).toBeHidden();
  // The banner is no modal of its own now: the page's own controls take clicks again.
  await page.locator('#page-button').click({ timeout: 5000 });
  await expect(banner(page)).toBeVisible();
});
