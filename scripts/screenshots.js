// @ts-check
// Screenshots of the banner and the preference center for the README, taken
// from the real demo: light, dark (the browser's colour scheme) and right to
// left (Arabic). Needs a built dist/ (`npm run screenshots` builds it first)
// and Chromium (see e2e/chromium.js). Writes docs/screenshots/*.png.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startDemo } from '../demo/server.js';
import { chromiumArgs, chromiumPath } from '../e2e/chromium.js';

const OUT = new URL('../docs/screenshots/', import.meta.url);
const VIEWPORT = { width: 1000, height: 700 };
/** @type {{ name: string, path: string, colorScheme: 'light' | 'dark' }[]} */
const VARIANTS = [
  { name: 'light', path: '/', colorScheme: 'light' },
  { name: 'dark', path: '/', colorScheme: 'dark' },
  { name: 'rtl', path: '/ar/', colorScheme: 'light' },
];

if (!existsSync(new URL('../dist/consent.js', import.meta.url))) {
  console.error('dist/consent.js is missing: run "npm run build" first (or "npm run screenshots", which does).');
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });

const demo = await startDemo({ port: 0 });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  for (const { name, path, colorScheme } of VARIANTS) {
    // Reduced motion: the banner is captured where it rests, not mid-entrance.
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme, reducedMotion: 'reduce' });
    // The demo answers every tracker host itself; nothing may leave the machine.
    await context.route(/^https?:\/\/(?![^/]*localhost[:/])/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(new URL(path, demo.url).href);
    // holdback's UI lives in the shadow root of its [data-holdback] host.
    const ui = page.locator('[data-holdback]');
    await ui.getByRole('region').first().waitFor();
    await shoot(page, `banner-${name}.png`);
    await page.evaluate(() => window.Consent?.showPreferences());
    await ui.getByRole('dialog').waitFor();
    await shoot(page, `preference-center-${name}.png`);
    await context.close();
  }
} finally {
  await browser.close();
  await demo.close();
}

/** @param {import('playwright-core').Page} page @param {string} file */
async function shoot(page, file) {
  await page.waitForTimeout(200);
  await page.screenshot({ path: new URL(file, OUT).pathname });
  console.log(`docs/screenshots/${file}`);
}
