import { execFile } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { chromiumPath } from './chromium.js';
import { type Fixtures, startFixtures } from './scan-fixtures';

// The CLI runs on every Node the package claims (engines: >=20): this one, and
// the others that HOLDBACK_TEST_NODES lists (colon-separated paths; .ci/run
// installs Node 22 and 24 from the registry's "node" package).
const others = (process.env.HOLDBACK_TEST_NODES ?? '').split(':').filter(Boolean);
const CLI = new URL('../dist/holdback.js', import.meta.url).pathname;

let fixtures: Fixtures;
test.beforeAll(async () => {
  fixtures = await startFixtures();
});
test.afterAll(async () => {
  await fixtures.close();
});

test('CI lists the other Node versions to run the CLI on', () => {
  test.skip(!process.env.CI, 'outside CI, HOLDBACK_TEST_NODES is optional');
  expect(others.length, 'HOLDBACK_TEST_NODES lists no Node binary (see .ci/run)').toBeGreaterThanOrEqual(2);
});

for (const node of [process.execPath, ...others]) {
  test(`the CLI scans with ${node}`, async () => {
    test.setTimeout(120_000);
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          node,
          [CLI, ...args],
          { env: { ...process.env, HOLDBACK_CHROMIUM: chromiumPath(), HOLDBACK_SCAN_HOST_RULES: 'MAP * 127.0.0.1' }, timeout: 100_000 },
          (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
        );
      });
    const version = await run(['--version']);
    expect(version.code, version.stderr).toBe(0);
    const clean = await run(['scan', fixtures.url('/gated/'), '--max-pages', '1', '--settle', '300']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('1 page(s), 1 tracker(s)');
    const leaking = await run(['scan', fixtures.url('/meta/'), '--max-pages', '1', '--settle', '300']);
    expect(leaking.code).toBe(1);
    expect(leaking.stdout).toContain('request-before-choice');
  });
}
