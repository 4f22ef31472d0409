// @ts-check
// The tests and the bench find their browser as the scanner does (scanner/chromium.js):
// Playwright cannot download browsers here, so it is Debian's Chromium or the
// one HOLDBACK_CHROMIUM names, and no browser is a red build, never skipped tests.
export { chromiumArgs, chromiumPath } from '../scanner/chromium.js';
