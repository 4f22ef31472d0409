import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startDemo } from '../demo/server.js';
import { type Running, TOKEN, startReceiver } from './receiver-process';
import { banner, preferenceCenter } from './site';

// The whole path a proof of consent takes: the drop-in in the demo shop sends
// each decision to a running receiver, and the dashboard shows it with the
// notice the visitor was shown. Real Chromium, real HTTP, real beacons.
test.describe.configure({ mode: 'serial' });

const temp = mkdtempSync(join(tmpdir(), 'holdback-receiver-browser-'));
let receiver: Running;
let demo: Awaited<ReturnType<typeof startDemo>>;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const shopPort = await freePort();
  receiver = await startReceiver(['--data', join(temp, 'log'), '--origin', `http://localhost:${shopPort}`]);
  demo = await startDemo({ port: shopPort, consentLog: { endpoint: `${receiver.url}/v1/records`, dashboard: `${receiver.url}/` } });
});
test.afterAll(async () => {
  await demo?.close();
  await receiver?.stop();
  rmSync(temp, { recursive: true, force: true });
});

async function signIn(page: import('@playwright/test').Page) {
  await page.goto(`${receiver.url}/`);
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('Accept all, then a withdrawal: both records reach the receiver and the dashboard shows them with the notice shown', async ({ page }) => {
  await page.goto(demo.url);
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  const id = await page.evaluate(() => window.Consent!.get()!.id);
  await page.getByRole('button', { name: 'Privacy settings' }).click();
  await preferenceCenter(page).getByRole('switch', { name: 'Marketing' }).uncheck();
  await Promise.all([page.waitForEvent('load'), preferenceCenter(page).getByRole('button', { name: 'Save choices' }).click()]);

  // The receiver has both, chained, and the notice they point at.
  await expect
    .poll(async () => {
      const response = await fetch(`${receiver.url}/v1/records/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      return response.ok
        ? ((await response.json()) as { entries: { record: { action: string; noticeHash: string } }[]; notices: Record<string, unknown> })
        : null;
    })
    .toMatchObject({ entries: [{ record: { action: 'accept-all' } }, { record: { action: 'withdraw' } }] });
  const response = await fetch(`${receiver.url}/v1/records/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const kept = (await response.json()) as {
    entries: { record: { noticeHash: string; source: string; time: string } }[];
    notices: Record<string, { texts: Record<string, string> } | null>;
  };
  const [accepted, withdrawn] = kept.entries;
  expect(accepted!.record.source).toBe('banner');
  expect(withdrawn!.record.source).toBe('preferences');
  expect(accepted!.record.time).toMatch(/\.\d{3}Z$/);
  const notice = kept.notices[accepted!.record.noticeHash];
  expect(notice, 'the notice the visitor was shown is kept').toBeTruthy();
  expect(Object.values(notice!.texts)).toContain('Accept all');

  // The dashboard's lookup shows the same.
  await signIn(page);
  await page.getByRole('textbox', { name: 'Consent ID' }).fill(id);
  await page.getByRole('button', { name: 'Look up' }).click();
  const records = page.locator('ol.records > li');
  await expect(records).toHaveCount(2);
  await expect(records.nth(0).getByRole('heading', { level: 4 })).toContainText('Accept all');
  await expect(records.nth(1).getByRole('heading', { level: 4 })).toContainText('Withdraw');
  const shown = records.nth(0).locator('details');
  await shown.first().locator('summary').click();
  await expect(shown.first()).toContainText('Marketing');
  await expect(page.getByText('notice not received')).toHaveCount(0);
});

test('the dashboard is accessible (axe) and refuses a wrong token', async ({ page }) => {
  await page.goto(`${receiver.url}/`);
  await page.getByLabel('Admin token').fill('not-the-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').or(page.locator('.problem'))).toBeVisible();
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Look up a consent ID' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`)).toEqual([]);
});
