import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer, { type BrowserContext, type KeyInput, type Page } from 'puppeteer-core';
import { remote } from 'webdriverio';
import { chromiumArgs, chromiumPath } from '../chromium.js';

// The thin layer between the one test source and the three engines: Chromium
// (Debian's, over the DevTools protocol) and Firefox (Debian's ESR, over
// WebDriver BiDi), both through puppeteer-core, and WebKit (WebKitGTK's
// WebKitWebDriver, the engine of Safari) over classic WebDriver through
// webdriverio. Each is pointed at the test proxy for every request. Input is
// real input (the engine's own pointer and keyboard), not element.click().

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface StoredCookie {
  name: string;
  value: string;
  /** Unix seconds; undefined for a session cookie. */
  expires: number | undefined;
}

export interface Tab {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs a function in the page (serialised: it sees only its arguments) and returns its result, awaited. */
  evaluate<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<Awaited<T>>;
  /** A real pointer click at a point of the viewport. */
  clickAt(x: number, y: number): Promise<void>;
  /** A real key press: 'Tab', 'Shift+Tab', 'Enter', 'Space' or 'Escape'. */
  press(key: Key): Promise<void>;
  cookies(): Promise<StoredCookie[]>;
  close(): Promise<void>;
}

export type Key = 'Tab' | 'Shift+Tab' | 'Enter' | 'Space' | 'Escape';

export interface Engine {
  readonly name: EngineName;
  readonly version: string;
  /** A fresh tab with a profile of its own: no cookies, no storage. */
  newTab(): Promise<Tab>;
  close(): Promise<void>;
}

const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
const WEBKIT_DRIVER = ['/usr/bin/WebKitWebDriver'];

function found(what: string, env: string, candidates: string[], install: string): string {
  const named = process.env[env];
  if (named) {
    if (!existsSync(named)) throw new Error(`${env} names ${named}, which does not exist`);
    return named;
  }
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) throw new Error(`no ${what} found (looked at ${candidates.join(', ')}): ${install}, or set ${env} to its path`);
  return path;
}

export async function launch(name: EngineName, proxyPort: number): Promise<Engine> {
  if (name === 'webkit') return launchWebKit(proxyPort);
  const proxy = `127.0.0.1:${proxyPort}`;
  const browser =
    name === 'chromium'
      ? await puppeteer.launch({
          browser: 'chrome',
          executablePath: chromiumPath(),
          headless: true,
          acceptInsecureCerts: true,
          args: [...chromiumArgs, `--proxy-server=${proxy}`, '--proxy-bypass-list=<-loopback>'],
        })
      : await puppeteer.launch({
          browser: 'firefox',
          executablePath: found('Firefox', 'HOLDBACK_FIREFOX', FIREFOX, 'install it with "apt-get install firefox-esr"'),
          headless: true,
          acceptInsecureCerts: true,
          extraPrefsFirefox: {
            'network.proxy.type': 1,
            'network.proxy.http': '127.0.0.1',
            'network.proxy.http_port': proxyPort,
            'network.proxy.ssl': '127.0.0.1',
            'network.proxy.ssl_port': proxyPort,
            'network.proxy.no_proxies_on': '',
            'network.proxy.allow_hijacking_localhost': true,
            'dom.security.https_first': false,
          },
        });
  const version = await browser.version();
  return {
    name,
    version,
    async newTab() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      return puppeteerTab(context, page);
    },
    close: () => browser.close(),
  };
}

const PUPPETEER_KEYS: Record<Key, KeyInput[]> = {
  Tab: ['Tab'],
  'Shift+Tab': ['Shift', 'Tab'],
  Enter: ['Enter'],
  Space: ['Space'],
  Escape: ['Escape'],
};

function puppeteerTab(context: BrowserContext, page: Page): Tab {
  return {
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    evaluate: (fn, ...args) => page.evaluate(`(${fn.toString()})(...${JSON.stringify(args)})`) as never,
    clickAt: (x, y) => page.mouse.click(x, y),
    press: async (key) => {
      const [first, second] = PUPPETEER_KEYS[key];
      if (second) {
        await page.keyboard.down(first!);
        await page.keyboard.press(second);
        await page.keyboard.up(first!);
      } else await page.keyboard.press(first!);
    },
    cookies: async () =>
      (await context.cookies()).map(({ name, value, expires, session }) => ({ name, value, expires: session || expires < 0 ? undefined : expires })),
    close: () => context.close(),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForDriver(port: number, driver: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}): ${log()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on port ${port} within 10 s: ${log()}`);
}

// WebDriver's key codes (the spec's "normalised key values").
const WEBDRIVER_KEYS: Record<Key, string[]> = {
  Tab: ['\uE004'],
  'Shift+Tab': ['\uE008', '\uE004'],
  Enter: ['\uE007'],
  Space: ['\uE00D'],
  Escape: ['\uE00C'],
};

async function launchWebKit(proxyPort: number): Promise<Engine> {
  const driverPath = found('WebKitWebDriver', 'HOLDBACK_WEBKIT_DRIVER', WEBKIT_DRIVER, 'install it with "apt-get install webkit2gtk-driver xvfb"');
  const port = await freePort();
  // WebKitGTK needs a display: xvfb-run gives the driver a virtual one, unless there is one already.
  const command = process.env.DISPLAY
    ? [driverPath, `--port=${port}`]
    : [
        found('xvfb-run', 'HOLDBACK_XVFB_RUN', ['/usr/bin/xvfb-run'], 'install it with "apt-get install xvfb xauth"'),
        '-a',
        driverPath,
        `--port=${port}`,
      ];
  let output = '';
  // The proxy goes in through GLib's environment: WebDriver's sslProxy would make WebKitGTK speak TLS to
  // the proxy itself (an https:// proxy), where through these variables it tunnels with CONNECT.
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const env = {
    ...process.env,
    http_proxy: proxy,
    https_proxy: proxy,
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    no_proxy: '127.0.0.1,localhost',
    NO_PROXY: '127.0.0.1,localhost',
  };
  const driver = spawn(command[0]!, command.slice(1), { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  driver.on('error', (error) => (output += error.message));
  driver.stdout!.on('data', (chunk) => (output += chunk));
  driver.stderr!.on('data', (chunk) => (output += chunk));
  await waitForDriver(port, driver, () => output);
  const capabilities = {
    browserName: 'MiniBrowser',
    acceptInsecureCerts: true,
    // Classic WebDriver: WebKitWebDriver has no BiDi, which webdriverio would ask for.
    'wdio:enforceWebDriverClassic': true,
  };
  const session = () => remote({ hostname: '127.0.0.1', port, path: '/', logLevel: 'error', capabilities: capabilities as never });
  const probe = await session();
  const version = String((probe.capabilities as { browserVersion?: string }).browserVersion ?? 'unknown');
  await probe.deleteSession();
  return {
    name: 'webkit',
    version: `WebKitGTK ${version}`,
    async newTab() {
      // A session of its own per tab: classic WebDriver has no browser contexts.
      const browser = await session();
      await browser.setWindowSize(1280, 800).catch(() => {});
      return {
        goto: async (url) => {
          await browser.url(url);
        },
        reload: async () => {
          await browser.refresh();
        },
        evaluate: (fn, ...args) => browser.execute(`return (${fn.toString()})(...arguments)`, ...args) as never,
        clickAt: async (x, y) => {
          await browser.performActions([
            {
              type: 'pointer',
              id: 'mouse',
              parameters: { pointerType: 'mouse' },
              actions: [
                { type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) },
                { type: 'pointerDown', button: 0 },
                { type: 'pointerUp', button: 0 },
              ],
            },
          ]);
          await browser.releaseActions();
        },
        press: async (key) => {
          const codes = WEBDRIVER_KEYS[key];
          await browser.performActions([
            {
              type: 'key',
              id: 'keyboard',
              actions: [...codes.map((value) => ({ type: 'keyDown', value })), ...[...codes].reverse().map((value) => ({ type: 'keyUp', value }))],
            },
          ]);
          await browser.releaseActions();
        },
        cookies: async () =>
          (await browser.getAllCookies()).map(({ name, value, expiry }) => ({
            name,
            value,
            expires: typeof expiry === 'number' ? expiry : undefined,
          })),
        close: () => browser.deleteSession(),
      };
    },
    close: async () => {
      try {
        process.kill(-driver.pid!, 'SIGTERM');
      } catch {}
    },
  };
}
