import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, type PageSpec, test } from './site';

// WCAG 2.2 AA, checked by axe-core inside holdback's open shadow roots, in both
// colour schemes and both directions, plus what axe cannot judge on its own:
// target sizes, the focus indicator and reduced motion.

// axe takes seconds per run on a busy machine.
test.describe.configure({ timeout: 60_000 });

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

// Enough config to fill every part of the preference center: a service switch
// under its category and a cookie table.
const CONFIG = {
  privacyPolicyUrl: '/privacy',
  categories: {
    preferences: {},
    statistics: { cookies: ['_ga'] },
    marketing: {
      cookies: [{ name: '_fbp', purpose: 'Tells visitors apart for ads', duration: '3 months', provider: 'Meta' }],
      services: { youtube: { title: 'YouTube' } },
    },
  },
};

const EMBED = `<iframe data-category="marketing" data-service="youtube" data-src="https://www.youtube-nocookie.com/embed/abc123" width="560" height="315" title="Product video"></iframe>`;

const LANGUAGES: { name: string; spec: PageSpec }[] = [
  { name: 'English, left to right', spec: { lang: 'en' } },
  { name: 'Arabic, right to left', spec: { lang: 'ar', languages: ['ar'] } },
];

/** Runs axe on holdback's UI alone (its shadow roots included) and expects no violations. */
async function audit(page: Page, { hasText = true } = {}) {
  // Legacy mode runs axe in this page alone instead of also opening a blank one to
  // merge frame results: what is audited is the top document's shadow roots.
  const results = await new AxeBuilder({ page }).include('[data-holdback]').withTags(WCAG_AA).setLegacyMode().analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary}`).join('\n')}`,
  );
  expect(found, 'axe violations').toEqual([]);
  // Colour contrast must really have been measured on the shadow content, not skipped as inapplicable.
  const contrast = results.passes.find((rule) => rule.id === 'color-contrast');
  if (hasText)
    expect(
      contrast?.nodes.some((node) => Array.isArray(node.target[0])),
      'color-contrast passes inside a shadow root',
    ).toBe(true);
  const undecided = results.incomplete.map(
    (rule) => `${rule.id}: ${rule.nodes.map((n) => `${JSON.stringify(n.target)} ${n.any.map((check) => check.message).join('; ')}`).join(', ')}`,
  );
  expect(undecided, 'rules axe could not decide').toEqual([]);
  return results;
}

// Any of holdback's hosts: under opt-out the link's host and the UI's come in
// whichever order their files arrive.
const region = (page: Page) => page.locator('[data-holdback]').getByRole('region');
const dialog = (page: Page) => page.locator('[data-holdback]').getByRole('dialog');

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const { name, spec } of LANGUAGES) {
      test(`the banner has no axe violations (${name})`, async ({ site, page }) => {
        site.serve('/', { ...spec, config: CONFIG });
        await site.open();
        await expect(region(page)).toBeVisible();
        await audit(page);
      });

      test(`the preference center has no axe violations (${name})`, async ({ site, page }) => {
        site.serve('/', { ...spec, config: CONFIG });
        await site.open();
        // A stored decision shows the consent record; YouTube on alone makes Marketing a mixed checkbox.
        await page.evaluate(() => window.Consent!.set({ statistics: true, services: { youtube: true } }));
        await page.evaluate(() => window.Consent!.showPreferences());
        await expect(dialog(page)).toBeVisible();
        for (const summary of await dialog(page).locator('summary').all()) await summary.click();
        await expect(dialog(page).getByRole('table').first()).toBeVisible();
        await audit(page);
      });
    }

    test('the opt-out notice and the privacy choices link have no axe violations', async ({ site, page }) => {
      site.serve('/', { attributes: ' data-region="US-CA"', config: CONFIG });
      await site.open();
      const notice = page.getByRole('region', { name: 'Privacy notice' });
      await expect(notice).toBeVisible();
      await audit(page);
      await notice.getByRole('button', { name: 'OK' }).click();
      await expect(page.getByRole('navigation', { name: 'Your Privacy Choices' })).toBeVisible();
      await audit(page);
    });

    test('the box and modal layouts and the floating button have no axe violations', async ({ site, page }) => {
      site.serve('/box', { config: { ...CONFIG, layout: 'box', floatingButton: true } });
      site.serve('/modal', { config: { ...CONFIG, layout: 'modal' } });
      await site.open('/modal');
      await expect(region(page)).toBeVisible();
      await audit(page);
      await site.open('/box');
      await expect(region(page)).toBeVisible();
      await audit(page);
      await region(page).getByRole('button', { name: 'Reject all' }).click();
      const button = page.locator('[data-holdback]').getByRole('button', { name: 'Privacy settings' });
      await expect(button).toBeVisible();
      await audit(page, { hasText: false }); // an icon with a name: no text whose contrast axe could measure
      expectLargeEnough(await targets(page));
    });

    test('the embed placeholder has no axe violations', async ({ site, page }) => {
      site.serve('/', { config: CONFIG, body: EMBED });
      await site.open();
      await page.evaluate(() => window.Consent!.rejectAll());
      await expect(page.getByRole('region', { name: 'YouTube is blocked' })).toBeVisible();
      await audit(page);
    });
  });
}

interface Target {
  name: string;
  width: number;
  height: number;
}

/**
 * Every control in holdback's shadow roots that the visitor can see, with its
 * size. Links inside a sentence are left out: WCAG 2.5.8 exempts inline targets.
 */
function targets(page: Page): Promise<Target[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-holdback]')).flatMap((host) =>
      Array.from(host.shadowRoot!.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary'))
        .filter((element) => !(element.localName === 'a' && element.closest('p')))
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0)
        .map(({ element, box }) => ({
          name: `${element.localName} "${element.textContent?.trim() || element.getAttribute('aria-label') || element.id}"`,
          width: box.width,
          height: box.height,
        })),
    ),
  );
}

function expectLargeEnough(found: Target[]) {
  expect(found.length).toBeGreaterThan(0);
  const small = found.filter((target) => target.width < 24 || target.height < 24).map((t) => `${t.name} ${t.width}×${t.height}`);
  expect(small, 'targets under 24×24 CSS px').toEqual([]);
}

test('every target in the banner, the preference center, the notice and the placeholder is at least 24×24 px', async ({ site, page }) => {
  site.serve('/', { config: CONFIG, body: EMBED });
  await site.open();
  await expect(region(page).first()).toBeVisible();
  expectLargeEnough(await targets(page));
  await page.evaluate(() => window.Consent!.showPreferences());
  for (const summary of await dialog(page).locator('summary').all()) await summary.click();
  expectLargeEnough(await targets(page));
  await page.evaluate(() => window.Consent!.rejectAll());
  await expect(page.getByRole('region', { name: 'YouTube is blocked' })).toBeVisible();
  expectLargeEnough(await targets(page));

  site.serve('/ca', { attributes: ' data-region="US-CA"', config: CONFIG });
  await page.context().clearCookies();
  await site.open('/ca');
  await expect(page.getByRole('region', { name: 'Privacy notice' })).toBeVisible();
  expectLargeEnough(await targets(page));
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('navigation', { name: 'Your Privacy Choices' })).toBeVisible();
  expectLargeEnough(await targets(page));
});

/** Anything still moving in holdback's UI: animations and transitions, pseudo-elements included. */
function moving(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seconds = (list: string) => Math.max(...list.split(',').map((value) => Number.parseFloat(value) || 0));
    const found: string[] = [];
    for (const host of document.querySelectorAll('[data-holdback]')) {
      for (const element of host.shadowRoot!.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
          const style = getComputedStyle(element, pseudo);
          const animated = style.animationName !== 'none' && seconds(style.animationDuration) > 0;
          const transitioned = style.transitionProperty !== 'none' && seconds(style.transitionDuration) > 0;
          if (animated || transitioned) found.push(`${element.localName}.${element.className}${pseudo ?? ''}`);
        }
      }
    }
    return found;
  });
}

test('prefers-reduced-motion removes every animation and transition', async ({ site, page }) => {
  site.serve('/', { config: CONFIG });
  await site.open();
  await expect(region(page)).toBeVisible();
  // Without the preference there is motion to remove, so the check below can fail.
  expect(await moving(page)).not.toEqual([]);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await moving(page)).toEqual([]);
  await page.evaluate(() => window.Consent!.showPreferences());
  await expect(dialog(page)).toBeVisible();
  expect(await moving(page)).toEqual([]);
});

test('under forced colors (Windows high contrast) a switch shows its state in system colours', async ({ site, page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  site.serve('/', { config: CONFIG });
  await site.open();
  await page.evaluate(() => window.Consent!.showPreferences());
  const switches = dialog(page).getByRole('switch');
  await expect(switches.first()).toBeVisible();
  const looks = () =>
    switches.evaluateAll((elements) =>
      elements.map((element) => {
        const track = getComputedStyle(element);
        const knob = getComputedStyle(element, '::after');
        return {
          checked: (element as HTMLInputElement).checked,
          track: track.backgroundColor,
          knob: knob.backgroundColor,
          border: track.borderTopStyle,
        };
      }),
    );
  await dialog(page).getByRole('switch', { name: 'Statistics' }).check();
  // Track and knob always differ, the track has an edge, and on differs from off: once the
  // switch has come to rest (its colours ease in, and a busy machine reads them mid-way).
  const problems = async () => {
    const all = await looks();
    const found = all.flatMap((look, i) => [
      ...(look.knob === look.track ? [`switch ${i}: knob and track are both ${look.track}`] : []),
      ...(look.border !== 'solid' ? [`switch ${i}: no solid edge (${look.border})`] : []),
    ]);
    const on = all.find((look) => look.checked);
    const off = all.find((look) => !look.checked);
    if (!on || !off || on.track === off.track) found.push(`on and off look alike (${on?.track})`);
    return found;
  };
  await expect.poll(problems).toEqual([]);
});

interface Focused {
  /** The control's place among the shadow root's elements: two controls may share a name. */
  place: number;
  name: string;
  outline: string;
  contrast: number;
}

/** The control focused inside holdback, its outline, and the outline's contrast with the surface behind it. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const host = document.activeElement;
    const element = host?.shadowRoot?.activeElement;
    if (!host?.hasAttribute('data-holdback') || !(element instanceof HTMLElement)) return null;
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (color: string) => {
      const [r, g, b] = rgb(color).map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    // The outline is drawn outside the control, over the nearest opaque background.
    let surface = element.parentElement;
    while (surface && getComputedStyle(surface).backgroundColor === 'rgba(0, 0, 0, 0)') surface = surface.parentElement;
    const style = getComputedStyle(element);
    const [lighter, darker] = [luminance(style.outlineColor), luminance(getComputedStyle(surface!).backgroundColor)].sort((a, b) => b - a);
    return {
      place: Array.from(host.shadowRoot!.querySelectorAll('*')).indexOf(element),
      name: `${element.localName} "${element.textContent?.trim() || element.getAttribute('aria-label') || element.id}"`,
      outline: element.matches(':focus-visible') ? `${style.outlineStyle} ${style.outlineWidth}` : 'no :focus-visible',
      contrast: (lighter! + 0.05) / (darker! + 0.05),
    };
  });
}

/** Tabs through holdback's controls from where focus is, until it leaves or comes back round. */
async function tabThrough(page: Page): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now || seen.some((before) => before.place === now.place)) break;
    seen.push(now);
  }
  return seen;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the focus indicator is visible on every control (${colorScheme})`, async ({ site, page }) => {
    await page.emulateMedia({ colorScheme });
    site.serve('/', { config: CONFIG });
    await site.open();
    await expect(region(page)).toBeVisible();
    const inBanner = await tabThrough(page);
    expect(inBanner.map((f) => f.name)).toEqual(['a "Privacy policy"', 'button "Accept all"', 'button "Reject all"', 'button "Customize"']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeVisible();
    const inCenter = await tabThrough(page);
    expect(inCenter.length).toBeGreaterThan(6);
    for (const control of [...inBanner, ...inCenter]) {
      expect(control.outline, control.name).toMatch(/^solid [3-9]px$/);
      // WCAG 1.4.11: the indicator is a non-text contrast of at least 3:1.
      expect(control.contrast, control.name).toBeGreaterThanOrEqual(3);
    }
  });
}

/** Buttons of holdback whose label spills out of them (and may end up white on white). */
function spilling(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-holdback]')).flatMap((host) =>
      Array.from(host.shadowRoot!.querySelectorAll<HTMLElement>('.button'))
        .filter((button) => button.scrollWidth > button.clientWidth || button.scrollHeight > button.clientHeight)
        .map((button) => `"${button.textContent}" ${button.scrollWidth}×${button.scrollHeight} in ${button.clientWidth}×${button.clientHeight}`),
    ),
  );
}

test('button labels stay inside their buttons, on wide and narrow screens (WCAG 1.4.10)', async ({ site, page }) => {
  site.serve('/', { attributes: ' data-region="US-CA"' });
  site.serve('/de', { lang: 'de', languages: ['de'] });
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 720 });
    for (const path of ['/', '/de']) {
      await site.open(path);
      await expect(region(page)).toBeVisible();
      expect(await spilling(page), `${path} at ${width}px`).toEqual([]);
    }
  }
});
