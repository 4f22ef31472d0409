import { expect, test } from '@playwright/test';
import { startDemo } from '../demo/server.js';

// The demo as a person runs it: the real server, tracker hosts as *.localhost.

let demo: Awaited<ReturnType<typeof startDemo>>;
test.beforeAll(async () => {
  demo = await startDemo({ port: 0 });
});
test.afterAll(async () => {
  await demo.close();
});

test('the demo holds the trackers back, then its panel lists them after "Accept all"', async ({ page, request }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!new URL(r.url()).hostname.endsWith('localhost')) outside.push(r.url());
  });
  await request.delete(`${demo.url}__trackers.json`);
  await page.goto(demo.url);
  const panel = page.getByRole('complementary', { name: 'What reached the tracker hosts' });
  await expect(panel.getByText('Nothing yet: held back.')).toBeVisible();
  await page.waitForTimeout(500);
  expect(await (await request.get(`${demo.url}__trackers.json`)).json()).toEqual([]);

  await page.getByRole('button', { name: 'Accept all' }).click();
  for (const vendor of ['Google tag', 'Google Analytics', 'Meta Pixel', 'LinkedIn Insight Tag', 'Pinterest Tag']) {
    await expect(panel.getByText(vendor).first()).toBeVisible();
  }
  await expect(panel.locator('#cookies')).toContainText('_fbp');
  expect(outside).toEqual([]);
});

test('the demo shows a placeholder for the video and lists the consent records it received', async ({ page }) => {
  await page.goto(demo.url);
  await page.getByRole('button', { name: 'Reject all' }).click();
  await expect(page.getByRole('region', { name: 'YouTube is blocked' })).toBeVisible();
  const id = await page.evaluate(() => window.Consent!.get()!.id);
  await page.goto(`${demo.url}records`);
  await expect(page.getByRole('row', { name: new RegExp(id) })).toContainText('necessary');
});
