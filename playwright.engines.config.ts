import { defineConfig } from '@playwright/test';

// The cross-engine suite (e2e/engines): one test source, run in Chromium,
// Firefox and WebKit through their own drivers (e2e/engines/drivers.ts), not
// through Playwright's browsers, which cannot be downloaded here.
// `npm run test:engines -- --project=firefox` runs one engine.
export default defineConfig({
  testDir: 'e2e/engines',
  testMatch: '*.engine.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  projects: [{ name: 'chromium' }, { name: 'firefox' }, { name: 'webkit' }],
});
