import type { Locator, Page } from '@playwright/test';
import { banner, expect, preferenceCenter, test } from './site';

// holdback runs on pages it does not control. Whatever their stylesheet says,
// the banner is shown above everything and works, and holdback's own styles
// stay inside its shadow roots.

test.describe.configure({ timeout: 60_000 });

const HOSTILE_CSS = `<style>
  * { all: unset !important; }
  html, body, main, div, nav, section, footer { display: block !important; }
  head, script, style { display: none !important; }
  button, dialog, section, [data-holdback], body > div:first-child { display: none !important; visibility: hidden !important; opacity: 0 !important; }
  div { position: relative !important; z-index: 2147483647 !important; }
  #overlay { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgb(255 255 255 / 0.9) !important; }
</style>`;
// Last in the body, a full-viewport layer at the highest z-index there is.
const OVERLAY = '<div id="overlay"><p>Newsletter: sign up!</p></div><button type="button" data-consent-open id="choices">Cookie settings</button>';

/** Whether a click at the middle of the control would reach it, nothing of the page in between. */
function onTop(control: Locator): Promise<boolean> {
  return control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const root = element.getRootNode() as ShadowRoot;
    return document.elementFromPoint(x, y) === root.host && root.elementFromPoint(x, y) === element;
  });
}

async function expectUsable(page: Page, control: Locator) {
  await expect(control).toBeVisible();
  // It is lifted into the top layer once the browser has drawn its first frame.
  await expect.poll(() => onTop(control), { message: 'nothing of the page covers it', timeout: 1000 }).toBe(true);
  const box = (await control.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(24);
  expect(box.height).toBeGreaterThanOrEqual(24);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
}

test('under a hostile stylesheet and a full-page overlay the banner shows on top and Accept all works', async ({ site, page }) => {
  site.serve('/', { head: HOSTILE_CSS, body: OVERLAY });
  await site.open();
  const region = banner(page);
  await expect(page.locator('#overlay')).toBeVisible();
  for (const name of ['Accept all', 'Reject all', 'Customize']) await expectUsable(page, region.getByRole('button', { name }));
  // A real click, with Playwright's own check that no other element receives it.
  await region.getByRole('button', { name: 'Accept all' }).click({ timeout: 5000 });
  await expect(region).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()?.categories.marketing)).toBe(true);
});

test('under a hostile stylesheet the preference center opens on top and saves a choice', async ({ site, page }) => {
  site.serve('/', { head: HOSTILE_CSS, body: OVERLAY });
  await site.open();
  await banner(page).getByRole('button', { name: 'Customize' }).click({ timeout: 5000 });
  const center = preferenceCenter(page);
  await expect(center).toBeVisible();
  const statistics = center.getByRole('switch', { name: 'Statistics' });
  await expectUsable(page, statistics);
  await statistics.click({ timeout: 5000 });
  await expect(statistics).toBeChecked();
  const save = center.getByRole('button', { name: 'Save choices' });
  await save.scrollIntoViewIfNeeded();
  await expectUsable(page, save);
  await save.click({ timeout: 5000 });
  await expect(center).toBeHidden();
  expect(await page.evaluate(() => window.Consent!.get()?.categories)).toEqual({
    necessary: true,
    preferences: false,
    statistics: true,
    marketing: false,
  });
});

test('a transformed, clipped body does not hide the banner', async ({ site, page }) => {
  // A transform makes <body> the containing block of fixed descendants; with no
  // height and overflow hidden it would clip a banner that lives inside it.
  site.serve('/', {
    head: '<style>html { overflow: hidden; } body { transform: translateZ(0); height: 0; overflow: hidden; margin: 0; }</style>',
  });
  await site.open();
  for (const name of ['Accept all', 'Reject all', 'Customize']) await expectUsable(page, banner(page).getByRole('button', { name }));
});

test('holdback’s styles do not reach the page’s own elements of the same class names', async ({ site, page }) => {
  site.serve('/', {
    body: `<div class="banner" id="page-banner"><h2 class="title">Sale</h2><button type="button" class="button" id="page-button">Buy</button>
      <input type="checkbox" class="switch" id="page-switch"></div>`,
  });
  await site.open();
  await expect(banner(page)).toBeVisible();
  const style = (selector: string, ...properties: string[]) =>
    page.locator(selector).evaluate((element, names) => names.map((name) => getComputedStyle(element).getPropertyValue(name)), properties);
  expect(await style('#page-banner', 'position', 'border-top-style', 'animation-name')).toEqual(['static', 'none', 'none']);
  expect(await style('#page-button', 'min-height', 'border-top-left-radius', 'cursor')).toEqual(['0px', '0px', 'default']);
  expect(await style('#page-switch', 'appearance', 'width')).toEqual(['auto', '13px']);
  // Our keyframes are not defined for the page either.
  const animations = await page.locator('#page-banner').evaluate((element) => {
    element.style.animation = 'holdback-rise 10s';
    return element.getAnimations().length;
  });
  expect(animations).toBe(0);
  // Nor is our focus ring.
  await page.locator('#page-button').focus();
  expect(await style('#page-button', 'outline-color')).not.toEqual(['rgb(31, 79, 209)']);
});
