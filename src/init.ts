import { effect } from '@preact/signals-core';
import { type ConsentApi, createApi, createClosedApi } from './api';
import { followChanges } from './changes';
import type { AutoBlock, AutoBlockOptions } from './autoblock/start';
import { withAttributes } from './config/attributes';
import { named } from './config/names';
import { resolveSettings } from './config/settings';
import type { Config, Settings } from './config/types';
import { validateConfig } from './config/validate';
import { type Decision, isKnown } from './consent/decision';
import { createEvents } from './events';
import { createGate } from './gate/gate';
import { guard, logError, logWarning } from './log';
import { OPEN_ATTR, OPEN_HASH } from './markup';
import { removeWithdrawn } from './integrations/cleanup';
import { startConsentMode } from './integrations/consent-mode';
import { sendRecords } from './integrations/record-endpoint';
import { syncTabs } from './integrations/tabs';
import { createStore, type Store } from './store';
import type { LoadLink, LoadUi } from './ui-loader';

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
export function init(
  config: Config | undefined,
  script: HTMLScriptElement | null,
  { loadUi, loadLink, build }: { loadUi: LoadUi; loadLink: LoadLink; build?: AutoBlockBuild },
): ConsentApi {
  if (installed) {
    logWarning('init() was called again; the first call stays in effect.');
    return installed;
  }
  // Another copy of holdback (the drop-in twice, or the drop-in and the ES module) got here first.
  if (window.Consent) {
    logWarning('holdback is already running on this page (it is included twice); this copy stands down.');
    return window.Consent;
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
    try {
      installed = start(merged, nonce, events, script?.src ?? '', build, loadUi, loadLink);
    } catch (error) {
      // A bug of ours must not reach the host app: everything stays held back.
      logError('could not start; nothing optional will run.', error);
      installed = createClosedApi(events, 'holdback could not start (see the message above)');
      events.ready(() => null);
    }
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
  loadUi: LoadUi,
  loadLink: LoadLink,
): ConsentApi {
  const resolved = resolveSettings(config, {
    documentLanguage: document.documentElement.lang,
    get browserLanguages() {
      return navigator.languages ?? [];
    },
    // A region from the server settles the regime; the time zone is only the fallback.
    timeZone: config.region ? undefined : timeZone(),
    get gpc() {
      return (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
    },
  });
  const settings = build ? build.settings(resolved, config) : resolved;
  const store = createStore(settings);
  // Before anything else: the Consent Mode default must precede every Google tag.
  const updateConsentMode = settings.consentMode ? startConsentMode(store) : null;
  const gate = createGate(document, {
    isAllowed: store.allowed,
    whenReady: store.whenRead,
    isKnown: (name) => isKnown(settings, name),
    categoryOf: (service) => {
      const found = named(settings, service);
      return found?.service && found.category.name;
    },
    nonce,
    report: logWarning,
    placeholder: (frame, loadOnce) => placeholderWhenLoaded(loadUi, frame, store, nonce, loadOnce),
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
  const records = settings.recordEndpoint ? sendRecords(store, settings.recordEndpoint, () => loadUi().then((ui) => ui.notice(settings))) : null;
  const tabs = syncTabs(store);

  // "ready" reports the choice as it stood when holdback started, read (once)
  // only when a listener asks, or kept when it changes before anyone asked.
  let initial: { value: Decision | null } | null = null;
  events.ready(() => {
    initial ??= { value: store.decision.value };
    return initial.value;
  });
  effect(() => {
    const changed = store.changed.value;
    if (changed) initial ??= { value: changed.previous };
  });

  // A change, in this order: Google hears of it before the tags it lets go
  // run; the gate lets go and stops marked elements; what was withdrawn is
  // deleted; the record is sent; the other tabs and the listeners hear of it;
  // and only then, after this task, if something withdrawn had already run,
  // the page reloads so that it stops.
  followChanges(store, [
    { what: 'updating Consent Mode', run: ({ decision }) => updateConsentMode?.(decision) },
    {
      what: 'letting go and stopping marked elements',
      run() {
        const stopped = gate.update() + (autoBlock?.update() ?? 0);
        if (stopped > 0 && settings.reloadOnWithdraw) setTimeout(() => location.reload());
      },
    },
    { what: 'deleting what was withdrawn', run: ({ withdrawn }) => removeWithdrawn(settings, withdrawn, store.allowed) },
    { what: 'sending the consent record', run: (change) => records?.send(change) },
    { what: 'telling the other tabs', run: () => tabs.announce() },
    { what: 'telling the listeners', run: (change) => events.change(change) },
  ]);

  showUiWhenAsked(store, nonce, loadUi);
  if (settings.regime === 'opt-out') {
    loadLink().then(
      (show) => whenBody(guard('showing the privacy choices link', () => show(store, nonce), undefined)),
      () => {}, // said on the console; the site's own links still open the preference center
    );
  }
  listenForOpeners(store);
  store.whenRead(() => {
    store.repairDuplicates();
    const asked = opensPreferences(document.URL);
    if (!store.decision.value) store.show(asked ? 'preferences' : 'banner');
    else if (asked) store.show('preferences');
  });
  return createApi(store, events);
}

// The UI is fetched and built the first time a view is asked for, never
// before: a visitor whose choice is stored loads and runs no UI code at all.
// On a first visit the banner is asked for as soon as the cookie is read.
// Under opt-out the "Your Privacy Choices" link on every page comes in a small
// file of its own (choices-link.ts), so the UI comes when it is clicked; the floating
// button, when the config asks for it, is the UI's: then the UI comes at once.
// If it cannot be loaded, the next view asked for tries again.
function showUiWhenAsked(store: Store, nonce: string, loadUi: LoadUi): void {
  let mounted = false;
  const mount = () => {
    loadUi().then(
      (ui) => whenBody(guard('showing the consent UI', () => void ui.mountUi(store, nonce), undefined)),
      () => {
        // Nothing is shown: so the view is none, and the next one asked for (showBanner(), a link) is a change that tries again.
        mounted = false;
        store.show(null);
      },
    );
  };
  if (store.settings.floatingButton) {
    mounted = true;
    mount();
  }
  effect(() => {
    if (mounted || store.view.value === null) return;
    mounted = true;
    mount();
  });
}

// A held embed's placeholder comes with the UI: at once when it is loaded, else
// once it is, unless the embed was let go or taken out meanwhile.
function placeholderWhenLoaded(loadUi: LoadUi, frame: HTMLIFrameElement, store: Store, nonce: string, loadOnce: () => void): () => void {
  let remove: (() => void) | null = null;
  let wanted = true;
  loadUi().then(
    (ui) => {
      if (wanted && frame.isConnected) remove = guard('showing a placeholder', () => ui.showPlaceholder(frame, store, nonce, loadOnce), null)();
    },
    () => {},
  );
  return () => {
    wanted = false;
    remove?.();
  };
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

// Whether the page's address ends in #consent-preferences. Read from
// document.URL, not location.hash: the first touch of `location` builds its
// interface, about 3.5 KB of heap that a returning visitor's page would keep.
function opensPreferences(url: string): boolean {
  const hash = url.indexOf('#');
  return hash >= 0 && url.slice(hash) === OPEN_HASH;
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
