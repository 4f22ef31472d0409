import { banner, expect, test } from './site';

// Storage that fails: document.cookie throwing, the Cookie
// Store API rejecting, localStorage throwing. The banner still works, the
// choice holds for the page view, and one console message says it could not be kept.

const CANNOT_KEEP = 'could not be stored in the cookie';

test('in a sandboxed document, where document.cookie and localStorage throw, the banner works and the choice holds for the page view', async ({
  site,
  page,
}) => {
  // CSP's sandbox directive makes the document what a sandboxed frame's is: of an opaque origin, without cookies or storage.
  site.serve('/', {
    csp: 'sandbox allow-scripts',
    head: '<script>window.ran = [];</script>',
    body: `<p>Embedded widget</p><script type="text/plain" data-category="statistics">window.ran.push('statistics')</script>`,
  });
  await site.open();
  const region = banner(page);
  await expect(region).toBeVisible();
  // Proof that the document really cannot store anything.
  expect(
    await page.evaluate(() => {
      const throws = (read: () => unknown) => {
        try {
          read();
          return false;
        } catch {
          return true;
        }
      };
      return [throws(() => document.cookie), throws(() => localStorage)];
    }),
  ).toEqual([true, true]);
  await region.getByRole('button', { name: 'Accept all' }).click();
  await expect(region).toBeHidden();
  await expect.poll(() => page.evaluate(() => (window as unknown as { ran: string[] }).ran)).toEqual(['statistics']);
  expect(await page.evaluate(() => window.Consent!.get()?.categories.statistics)).toBe(true);
  expect(site.console.filter((line) => line.includes(CANNOT_KEEP))).toHaveLength(1);
  // Withdrawing statistics, which ran, reloads the page; nothing was stored, so the
  // next view starts over: banner shown, statistics held back.
  await Promise.all([page.waitForEvent('load'), page.evaluate(() => window.Consent!.set({ statistics: false }))]);
  await expect(region).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { ran: string[] }).ran)).toEqual([]);
  expect(await page.evaluate(() => window.Consent!.get())).toBeNull();
  expect(site.console.filter((line) => /bug in holdback|pageerror/.test(line))).toEqual([]);
});

test('with the Cookie Store API rejecting and localStorage throwing, the choice is read and kept through document.cookie', async ({
  site,
  page,
  context,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'cookieStore', { value: { getAll: () => Promise.reject(new DOMException('blocked', 'SecurityError')) } });
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
  });
  site.serve('/', {
    head: '<script>window.ran = [];</script>',
    body: `<script type="text/plain" data-category="marketing">window.ran.push('marketing')</script>`,
  });
  await site.open();
  await banner(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { ran: string[] }).ran)).toEqual(['marketing']);
  await expect.poll(async () => (await context.cookies()).map((cookie) => cookie.name)).toContain('holdback');
  // Withdrawal cleans up what it can, though localStorage throws.
  // Marketing ran, so withdrawing it reloads the page.
  await Promise.all([page.waitForEvent('load'), page.evaluate(() => window.Consent!.set({ marketing: false }))]);
  await expect.poll(() => page.evaluate(() => window.Consent!.get()?.categories.marketing)).toBe(false);
  await expect(banner(page)).toBeHidden();
  expect(site.console.filter((line) => /bug in holdback|pageerror/.test(line))).toEqual([]);
  expect(site.console.filter((line) => line.includes(CANNOT_KEEP))).toEqual([]);
});
