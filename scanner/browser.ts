// Finds and starts headless Chromium the way the tests do (scanner/chromium.js).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { chromiumArgs as ARGS, chromiumPath } from './chromium.js';
import { ScanError } from './errors';

/** The browser to run, as a scan error (exit 2) when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists?: (path: string) => boolean): string {
  try {
    return chromiumPath(env, exists);
  } catch (error) {
    throw new ScanError((error as Error).message);
  }
}

export interface Running {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a profile of its own that allows third-party cookies,
 * as Chrome's default settings do (this Chromium's own default blocks them,
 * which would hide the trackers' cookies on their domains: fr, IDE, …). The
 * scan's browser contexts are made from it, each fresh.
 */
export async function launch(env: NodeJS.ProcessEnv = process.env): Promise<Running> {
  const executablePath = findChromium(env);
  // HOLDBACK_SCAN_HOST_RULES points hosts elsewhere (Chromium's --host-resolver-rules),
  // e.g. "MAP * 127.0.0.1" to scan a copy whose tracker hosts are answered locally.
  // Hosts answered by another server cannot show their own certificates, so
  // certificate errors are then ignored.
  const rules = env.HOLDBACK_SCAN_HOST_RULES;
  // navigator.webdriver stays false, as for a visitor: some consent managers hide from automation.
  const scanArgs = [...ARGS, '--disable-blink-features=AutomationControlled'];
  const args = rules ? [...scanArgs, `--host-resolver-rules=${rules}`, '--ignore-certificate-errors'] : scanArgs;
  const profile = mkdtempSync(join(tmpdir(), 'holdback-scan-'));
  const remove = () => rmSync(profile, { recursive: true, force: true });
  try {
    mkdirSync(join(profile, 'Default'));
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
    const context = await chromium.launchPersistentContext(profile, { executablePath, args, headless: true });
    const browser = context.browser();
    if (!browser) throw new Error('no browser behind the persistent context');
    return {
      browser,
      close: async () => {
        await context.close().catch(() => {});
        remove();
      },
    };
  } catch (error) {
    remove();
    throw new ScanError(`Chromium at ${executablePath} did not start: ${firstLine(error)}`);
  }
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim()) ?? text).replace(/^\w+\.\w+: /, '').trim();
}
