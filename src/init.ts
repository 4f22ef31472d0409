import { type ConsentApi, createApi, createClosedApi } from './api';
import type { AutoBlock, AutoBlockOptions } from './autoblock/start';
import { withAttributes } from './config/attributes';
import { resolveSettings } from './config/settings';
import type { Config, Settings } from './config/types';
import { validateConfig } from './config/validate';
import { compare, type Decision, isKnown } from './consent/decision';
import { createEvents } from './events';
import { createGate } from './gate/gate';
import { guard, logError, logWarning } from './log';
import { OPEN_ATTR, OPEN_HASH } from './markup';
import { cleanUpOnWithdraw } from './integrations/cleanup';
import { startConsentMode } from './integrations/consent-mode';
import { sendRecords } from './integrations/record-endpoint';
import { syncTabs } from './integrations/tabs';
import { createStore, type Store } from './store';
import { mountUi } from './ui/mount';
import { showPlaceholder } from './ui/placeholder';

declare global {
  interface Window {
    Consent?: ConsentApi;
    consentConfig?: Config;
  }
}

let installed: ConsentApi | null = null;

/** What the auto-blocking build (consent-autoblock.js) adds: the tracker catalogue and the interception. */
export interface AutoBlockBuild {
  /** Gives services declared by a catalogue id the catalogue's facts. */
  settings(settings: Settings, config: Config): Settings;
  /** Starts auto-blocking if the settings ask for it. */
  start(options: AutoBlockOptions): AutoBlock | null;
}

/**
 * Starts holdback once per page: reads the config (and the attributes of its
 * own script tag), restores the stored decision, holds back marked elements,
 * and installs `window.Consent`. A bad config leaves everything held back.
 */
export function init(config?: Config, script: HTMLScriptElement | null = null, build?: AutoBlockBuild): ConsentApi {
  if (installed) {
    logWarning('init() was called again; the first call stays in effect.');
    return installed;
  }
  const events = createEvents();
  const nonce = script?.nonce ?? '';
  // The script tag's attributes go over an object config; anything else is
  // validated as it is, so that the message names what the site wrote.
  const isObject = typeof config === 'object' && config !== null && !Array.isArray(config);
  const merged = isObject || config === undefined ? withAttributes(config ?? {}, script) : config;
  const problems = validateConfig(merged);
  const wantsAutoBlock = isObject && !!(merged as Config).autoBlock;
  if (problems.length === 0 && wantsAutoBlock && !build) {
    problems.push(
      'autoBlock is set, but this file has no auto-blocking: load consent-autoblock.js (beside consent.js in dist/) instead of consent.js',
    );
  }
  if (problems.length > 0) {
    logError(
      `the config has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}, so nothing optional will run:\n- ${problems.join('\n- ')}`,
    );
    installed = createClosedApi(events, 'the config has problems (see the message above)');
    events.ready(() => null);
  } else {
    installed = start(merged, nonce, events, script?.src ?? '', build);
  }
  window.Consent = installed;
  return installed;
}

function start(
  config: Config,
  nonce: string,
  events: ReturnType<typeof createEvents>,
  ownUrl: string,
  build: AutoBlockBuild | undefined,
): ConsentApi {
  const resolved = resolveSettings(config, {
    documentLanguage: document.documentElement.lang,
    browserLanguages: navigator.languages ?? [],
    // A region from the server settles the regime; the time zone is only the fallback.
    timeZone: config.region ? undefined : timeZone(),
    gpc: (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
  });
  const settings = build ? build.settings(resolved, config) : resolved;
  const store = createStore(settings);
  // Before anything else: the Consent Mode default must precede every Google tag.
  if (settings.consentMode) startConsentMode(store);
  const gate = createGate(document, {
    isAllowed: store.allowed,
    whenReady: store.whenRead,
    isKnown: (name) => isKnown(settings, name),
    categoryOf: (service) => settings.categories.find((c) => c.services.some((s) => s.name === service))?.name,
    nonce,
    report: logWarning,
    placeholder: (frame, loadOnce) => showPlaceholder(frame, store, nonce, loadOnce),
  });
  // Right after the gate, still inside holdback's own script tag: before any of the page's tags.
  // If it cannot start, nothing marked is let go either (the drop-in reports the error).
  let autoBlock: AutoBlock | null | undefined;
  try {
    autoBlock = build?.start({
      settings,
      isAllowed: store.allowed,
      isKnown: (name) => isKnown(settings, name),
      isRead: store.isRead,
      whenRead: store.whenRead,
      hold: gate.hold,
      ownUrl,
    });
  } catch (error) {
    gate.stop();
    throw error;
  }

  // Order matters on a change: the gate stops and starts elements, withdrawn
  // cookies go, the record is sent, listeners hear of it, and only then, if
  // something withdrawn had already run, the page reloads so that it stops.
  store.decision.subscribe(() => {
    const stopped = guard('letting go and stopping marked elements', () => gate.update() + (autoBlock?.update() ?? 0), 0)();
    if (stopped > 0 && settings.reloadOnWithdraw) setTimeout(() => location.reload());
  });
  cleanUpOnWithdraw(store);
  if (settings.recordEndpoint) sendRecords(store, settings.recordEndpoint);
  store.decision.subscribe((next, previous) => events.change(compare(settings, previous, next)));
  syncTabs(store);

  // "ready" reports the choice as it stood when holdback started, read (once) only when a listener asks.
  let initial: { value: Decision | null } | null = null;
  store.decision.subscribe((_, previous) => {
    initial ??= { value: previous };
  });
  events.ready(() => {
    initial ??= { value: store.decision.value };
    return initial.value;
  });

  showUiWhenAsked(store, nonce);
  listenForOpeners(store);
  store.whenRead(() => {
    if (!store.decision.value) store.show(location.hash === OPEN_HASH ? 'preferences' : 'banner');
    else if (location.hash === OPEN_HASH) store.show('preferences');
  });
  return createApi(store, events);
}

// The UI is built the first time a view is asked for, never before: a visitor
// whose choice is stored runs no UI code at all.
// Under opt-out the "Your Privacy Choices" link must be on every page, and so
// must the floating button when the config asks for it: then the UI is built at once.
function showUiWhenAsked(store: Store, nonce: string): void {
  const mount = () => whenBody(guard('showing the consent UI', () => void mountUi(store, nonce), undefined));
  if (store.settings.regime === 'opt-out' || store.settings.floatingButton) {
    mount();
    return;
  }
  const stop = store.view.subscribe(() => {
    stop();
    mount();
  });
}

// Temporal gives the zone in about a millisecond; Intl.DateTimeFormat takes
// 35-45 ms on a page's first use in Chromium (it loads ICU's date data), so
// it is only the fallback for browsers without Temporal.
function timeZone(): string | undefined {
  try {
    const temporal = (globalThis as { Temporal?: { Now: { timeZoneId(): string } } }).Temporal;
    return temporal ? temporal.Now.timeZoneId() : Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined; // unknown, which means opt-in
  }
}

function whenBody(run: () => void): void {
  if (document.body) {
    run();
    return;
  }
  // holdback runs in <head>: wait for <body>, not for the whole document.
  const observer = new MutationObserver(() => {
    if (!document.body) return;
    observer.disconnect();
    run();
  });
  observer.observe(document.documentElement, { childList: true });
}

function listenForOpeners(store: Store): void {
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const opener = target?.closest(`[${OPEN_ATTR}], a[href$="${OPEN_HASH}"]`);
    if (!opener) return;
    // A link to another page's preference center is left to navigate.
    if (!opener.hasAttribute(OPEN_ATTR) && (opener as HTMLAnchorElement).pathname !== location.pathname) return;
    event.preventDefault();
    store.show('preferences');
  });
}
