// @ts-check
import { existsSync } from 'node:fs';

// Playwright cannot download its own browsers here: the tests and the bench use
// Debian's Chromium (or the one HOLDBACK_CHROMIUM names) and refuse to run
// without one, so that a missing browser is a red build, never skipped tests.
const candidates = [process.env.HOLDBACK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** @returns {string} */
export function chromiumPath() {
  const found = candidates.find((path) => !!path && existsSync(path));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${candidates.filter(Boolean).join(', ')}). Install it with "apt-get install -y chromium" or set HOLDBACK_CHROMIUM to its path.`,
    );
  }
  return found;
}

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
