// @ts-check
// Which Chromium to run, and how, for the scanner, the tests and the bench
// alike: the one HOLDBACK_CHROMIUM names (that one or none), else Debian's,
// else Playwright's own download. A missing browser is an error that says how
// to get one, never a silent skip.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @param {(path: string) => boolean} [exists]
 * @returns {string}
 */
export function chromiumPath(env = process.env, exists = existsSync) {
  const named = env.HOLDBACK_CHROMIUM;
  if (named) {
    if (!exists(named)) throw new Error(`HOLDBACK_CHROMIUM names ${named}, which does not exist`);
    return named;
  }
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright knows no browser of its own here.
  }
  const found = candidates.find((path) => exists(path));
  if (!found) {
    throw new Error(
      `no Chromium found (looked at ${candidates.join(', ')}); install it ("apt-get install chromium" or "npx playwright install chromium") or set HOLDBACK_CHROMIUM to its path`,
    );
  }
  return found;
}
