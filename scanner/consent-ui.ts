// Makes the choices a visitor makes: through window.Consent on holdback's
// pages, through @duckduckgo/autoconsent's rules for the consent managers it
// knows, and else by the buttons' accessible names ("Reject all", "Accept all").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { EVALUATE_MS, within } from './record';
import type { ConsentManager } from './types';

const require = createRequire(import.meta.url);

interface AutoconsentRule {
  runContext?: { main?: boolean; frame?: boolean; urlPattern?: string };
}
let autoconsentFiles: { script: string; rules: AutoconsentRule[] } | null = null;
const files = () => {
  autoconsentFiles ??= {
    script: readFileSync(join(dirname(require.resolve('@duckduckgo/autoconsent')), 'autoconsent.playwright.js'), 'utf8'),
    rules: (JSON.parse(readFileSync(require.resolve('@duckduckgo/autoconsent/rules/rules.json'), 'utf8')) as { autoconsent: AutoconsentRule[] }).autoconsent,
  };
  return autoconsentFiles;
};

// The rules that can apply in a frame, as autoconsent itself decides (top or
// inner frame, then the URL pattern): a frame gets a few, not all 800.
function rulesFor(url: string, top: boolean): AutoconsentRule[] {
  return files().rules.filter(({ runContext: context = {} }) => {
    if (top ? context.main === false : context.frame !== true) return false;
    if (!context.urlPattern) return true;
    try {
      return new RegExp(context.urlPattern).test(url);
    } catch {
      return false;
    }
  });
}

// Detection only: the scanner says when to opt in or out, after it has marked the moment.
const CONFIG = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  enablePopupMutationObserver: true,
  detectRetries: 20,
  isMainWorld: true,
  prehideTimeout: 2000,
  visualTest: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
};

export const ACCEPT =
  /^\s*(accept|allow|agree|i agree|accept all|allow all|accept all cookies|allow all cookies|accept cookies|alle akzeptieren|akzeptieren|alle zulassen|tout accepter|accepter|aceptar|aceptar todo|accetta|accetta tutto)\s*$/i;
export const REJECT =
  /^\s*(reject|reject all|reject all cookies|reject cookies|decline|decline all|deny|deny all|refuse|refuse all|necessary only|necessary cookies only|only necessary|only necessary cookies|use necessary cookies only|alle ablehnen|ablehnen|nur notwendige|nur notwendige cookies|tout refuser|refuser|continuer sans accepter|rechazar|rechazar todo|rifiuta|rifiuta tutto)\s*$/i;

interface Message {
  type: string;
  cmp?: string;
  result?: boolean;
  id?: string;
  code?: string;
}

/** autoconsent's content script in every frame of a context, and its messages. */
class Autoconsent {
  readonly popups: { cmp: string; frame: Frame }[] = [];
  private readonly results: { type: string; cmp: string; result: boolean }[] = [];
  private waiters: (() => void)[] = [];

  static async install(context: BrowserContext): Promise<Autoconsent> {
    const session = new Autoconsent();
    await context.exposeBinding('autoconsentSendMessage', ({ frame }, message: Message) => session.received(frame, message));
    await context.addInitScript(files().script);
    return session;
  }

  private async received(frame: Frame, message: Message) {
    try {
      if (message.type === 'init') {
        const rules = { autoconsent: rulesFor(frame.url(), frame.parentFrame() === null) };
        await frame.evaluate(`autoconsentReceiveMessage({ type: "initResp", config: ${JSON.stringify(CONFIG)}, rules: ${JSON.stringify(rules)} })`);
      } else if (message.type === 'eval') {
        const result = await frame.evaluate(message.code ?? 'undefined').catch(() => false);
        await frame.evaluate(`autoconsentReceiveMessage({ id: ${JSON.stringify(message.id)}, type: "evalResp", result: ${JSON.stringify(result ?? null)} })`);
      } else if (message.type === 'popupFound' && message.cmp) {
        this.popups.push({ cmp: message.cmp, frame });
      } else if (message.type === 'optOutResult' || message.type === 'optInResult') {
        this.results.push({ type: message.type, cmp: message.cmp ?? '', result: message.result === true });
      }
    } catch {
      // The frame went away mid-message.
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  async until<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined || Date.now() >= deadline) return value;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, Math.min(250, deadline - Date.now()));
      });
    }
  }

  /** Asks the rule to opt in or out in the frame its popup showed in; true when the rule says it worked. */
  async act(action: 'optIn' | 'optOut', timeoutMs: number): Promise<boolean> {
    const popup = this.popups[0];
    if (!popup) return false;
    const wanted = action === 'optIn' ? 'optInResult' : 'optOutResult';
    const before = this.results.length;
    await popup.frame.evaluate(`autoconsentReceiveMessage({ type: "${action}" })`).catch(() => {});
    const result = await this.until(() => this.results.slice(before).find((r) => r.type === wanted), timeoutMs);
    return result?.result === true;
  }
}

/** A context's way to make choices on whatever consent manager the page has. */
export class ConsentDriver {
  private constructor(private readonly autoconsent: Autoconsent) {}

  static async install(context: BrowserContext): Promise<ConsentDriver> {
    return new ConsentDriver(await Autoconsent.install(context));
  }

  /**
   * Which consent manager the loaded page shows, waiting up to `timeoutMs` for
   * one to appear. autoconsent's rules get the whole wait; only then are a
   * cookie banner's buttons taken by their names.
   */
  async detect(page: Page, timeoutMs: number): Promise<ConsentManager | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await isHoldback(page)) return { kind: 'holdback', name: 'holdback' };
      const popup = this.autoconsent.popups[0];
      if (popup) return { kind: 'autoconsent', name: popup.cmp };
      if (Date.now() >= deadline) break;
      await this.autoconsent.until(() => this.autoconsent.popups[0], Math.min(500, Math.max(0, deadline - Date.now())));
    }
    return (await bannerButton(page, ACCEPT)) ? { kind: 'buttons', name: 'buttons named Accept / Reject' } : null;
  }

  /** Makes the choice; false when the page offers no way to make it. */
  async choose(page: Page, manager: ConsentManager, choice: 'accept' | 'reject', timeoutMs: number): Promise<boolean> {
    if (manager.kind === 'holdback') {
      return page
        .evaluate((accept) => {
          const api = (window as unknown as { Consent: { acceptAll(): void; rejectAll(): void; get(): unknown } }).Consent;
          if (accept) api.acceptAll();
          else api.rejectAll();
          return api.get() !== null;
        }, choice === 'accept')
        .catch(() => false);
    }
    if (manager.kind === 'autoconsent') {
      if (await this.autoconsent.act(choice === 'accept' ? 'optIn' : 'optOut', timeoutMs)) return true;
    }
    // The rule failed, or there is none: the button with the name a visitor reads.
    const button = await bannerButton(page, choice === 'accept' ? ACCEPT : REJECT);
    if (!button) return false;
    return button
      .click({ timeout: timeoutMs })
      .then(() => true)
      .catch(() => false);
  }

  /** Withdraws every optional category after "Accept all" (holdback only: other managers have no common API for it). */
  async withdraw(page: Page, manager: ConsentManager): Promise<boolean> {
    if (manager.kind !== 'holdback') return false;
    return page
      .evaluate(() => {
        const api = (window as unknown as { Consent: { showPreferences(): void; rejectAll(): void } }).Consent;
        api.showPreferences();
        api.rejectAll();
        return true;
      })
      .catch(
        // holdback reloads the page on withdrawal: the context the call ran in is gone, the choice made.
        (error: unknown) => /context was destroyed|navigation/i.test(String(error)),
      );
  }
}

export function waitForHoldback(page: Page, timeoutMs: number): Promise<boolean> {
  return page
    .waitForFunction(() => {
      const api = (window as unknown as { Consent?: Record<string, unknown> }).Consent;
      return !!api && typeof api.acceptAll === 'function';
    }, undefined, { timeout: timeoutMs })
    .then(() => true)
    .catch(() => false);
}

function isHoldback(page: Page): Promise<boolean> {
  const check = page.evaluate(() => {
    const api = (window as unknown as { Consent?: Record<string, unknown> }).Consent;
    return !!api && ['acceptAll', 'rejectAll', 'set', 'showPreferences', 'get', 'allowed'].every((name) => typeof api[name] === 'function');
  });
  return within(check, EVALUATE_MS, false);
}

// What a cookie banner talks about, in the languages the button names cover.
const BANNER_WORDS = /cookie|consent|privacy|tracking|gdpr|datenschutz|einwilligung|confidentialit|traceurs|privacidad|rastreo|riservatezza/i;

/**
 * The first visible button (or link) with this name that sits in a cookie
 * banner: within a few levels of an element whose text speaks of cookies or
 * consent. "I agree" under a contact form, or a push prompt's "Allow", is no banner.
 */
async function bannerButton(page: Page, name: RegExp): Promise<Locator | null> {
  const buttons = page.getByRole('button', { name }).or(page.getByRole('link', { name }));
  const count = Math.min(await within(buttons.count(), EVALUATE_MS, 0), 20);
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    if (!(await within(button.isVisible(), EVALUATE_MS, false))) continue;
    const inBanner = button.evaluate((element, words) => {
      const pattern = new RegExp(words, 'i');
      let at: Element | null = element;
      for (let depth = 0; at && depth < 6; depth++, at = at.parentElement) {
        if (pattern.test((at.textContent ?? '').slice(0, 3000)) || pattern.test(`${at.id} ${at.getAttribute('class') ?? ''} ${at.getAttribute('aria-label') ?? ''}`)) return true;
      }
      return false;
    }, BANNER_WORDS.source);
    if (await within(inBanner, EVALUATE_MS, false)) return button;
  }
  return null;
}
