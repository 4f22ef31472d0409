import Cookies from 'js-cookie';
import type { Settings } from './config/types';
import { decodeDecision, encodeDecision, type StoredDecision } from './consent/cookie-codec';
import { allowsAnything, applyChoices, type Choices, type Decision, freezeDecision, isAllowed } from './consent/decision';
import { newConsentId } from './consent/id';
import type { Source } from './consent/record';
import { cookiePairs, deleteCookie } from './cookies';
import { logWarning } from './log';
import { lazySignal, type ReadonlySignal, signal } from './signal';

/** Which part of the UI is open, if any. */
export type View = 'banner' | 'preferences' | null;

export interface Store {
  readonly settings: Settings;
  readonly decision: ReadonlySignal<Decision | null>;
  readonly view: ReadonlySignal<View>;
  /** Why the visitor is asked again although a choice was stored: the config's revision was raised. */
  readonly askedAgain: boolean;
  /**
   * The surface that made the current decision on this page, or null when the
   * decision was read from the cookie (at start, or after another tab's change).
   */
  readonly source: Source | null;
  allowed(name: string): boolean;
  /** Applies choices made on `source`, stores them and makes them the decision. */
  decide(choices: Choices, source: Source): void;
  reset(): void;
  show(view: View): void;
  /** Reads the cookie again, after another tab may have changed it. */
  refresh(): void;
  /**
   * Calls `run` once the stored choice can be read without blocking: at once
   * where there is no Cookie Store API or it was read already, else when the
   * asynchronous read is back (or, if it is slow, read synchronously after all).
   */
  whenRead(run: () => void): void;
  /** Whether `allowed` can answer now without reading the cookie synchronously. */
  isRead(): boolean;
}

const DAY = 86_400_000;
// How long the early fetch may take before the choice is read synchronously
// after all: a browser that holds the fetch back must not hold back the page.
const FETCH_PATIENCE_MS = 150;

/** The single source of truth, and the only writer of the decision cookie. */
export function createStore(settings: Settings, now: () => number = Date.now): Store {
  const { name, domain, expiresAfterDays, refusalExpiresAfterDays } = settings.cookie;
  const jar = Cookies.withAttributes({
    path: '/',
    sameSite: 'Lax',
    secure: location.protocol === 'https:',
    ...(domain ? { domain } : {}),
  });
  const lifetime = (decision: StoredDecision) =>
    allowsAnything(settings, { ...decision, regime: 'opt-in' }) ? expiresAfterDays : refusalExpiresAfterDays;
  let askedAgain = false;
  let source: Source | null = null;
  // A bad cookie is named once, not again each time another tab makes us re-read it.
  const warned = new Set<string>();
  // Reading document.cookie is a synchronous round trip to the browser process,
  // which costs 2-20 ms of blocked main thread while a page loads. Where the
  // Cookie Store API exists the cookie is fetched asynchronously right away, and
  // the stored choice is decoded when first needed: usually the fetch is back by
  // then (the banner waits for it); if not, document.cookie is read as before.
  let fetched: string[] | null = null;
  const fetching = fetchValues(name)?.then(
    (values) => {
      fetched = values;
    },
    () => {}, // blocked or unavailable: read synchronously when needed
  );
  let readOnce = false;
  // Waiting for the early fetch ends when the choice was read anyway (by the
  // gate, say), so that a fetch that never settles cannot keep the banner away.
  const waiting: (() => void)[] = [];
  const decision = lazySignal<Decision | null>(() => {
    readOnce = true;
    for (const run of waiting.splice(0)) queueMicrotask(run);
    const values = fetched;
    fetched = null;
    return read(values ?? undefined);
  });
  // Without the Cookie Store API nothing is gained by waiting: read now, as ever.
  if (!fetching) void decision.value;
  const view = signal<View>(null);

  function read(prefetched?: string[]): Decision | null {
    let values: string[];
    try {
      values =
        prefetched ??
        cookiePairs()
          .filter(([key]) => key === name)
          .map(([, value]) => Cookies.converter.read(value, name));
    } catch {
      return null; // cookies blocked (a sandboxed frame throws on document.cookie)
    }
    let newest: StoredDecision | null = null;
    for (const value of values) {
      const decoded = decodeDecision(value);
      if ('problem' in decoded) {
        if (warned.has(value)) continue;
        warned.add(value);
        logWarning(`the stored choice in the cookie "${name}" is ignored because ${decoded.problem}; the visitor is asked again.`);
      } else if (!newest || decoded.decidedAt > newest.decidedAt) {
        newest = decoded;
      }
    }
    // The same name on several domains or paths (left behind when a site changes
    // its cookie domain) makes choices seem to come back: keep the newest only.
    if (values.length > 1) {
      deleteCookie(name, domain);
      if (newest) write({ ...newest, regime: settings.regime });
    }
    if (!newest) return null;
    if (newest.revision !== settings.revision) {
      askedAgain = true; // the site changed what it asks for
      return null;
    }
    const age = now() - Date.parse(newest.decidedAt);
    if (age > lifetime(newest) * DAY || age < -DAY) return null;
    // Categories the config no longer has are dropped, new ones start refused.
    return freezeDecision({
      ...newest,
      ...applyChoices(settings, null, { ...newest.categories, services: newest.services }),
      regime: settings.regime,
    });
  }

  function write(next: Decision | null): void {
    try {
      if (next) jar.set(name, encodeDecision(next), { expires: lifetime(next) });
      else jar.remove(name);
    } catch {
      // Cookies blocked: the choice still holds for this page view.
    }
  }

  return {
    settings,
    decision,
    view,
    get askedAgain() {
      void decision.value; // known once the cookie is read
      return askedAgain;
    },
    get source() {
      return source;
    },
    allowed: (category) => isAllowed(settings, decision.value, category),
    decide(choices, from) {
      const current = decision.value;
      const next = freezeDecision({
        id: current?.id ?? newConsentId(),
        ...applyChoices(settings, current, choices),
        revision: settings.revision,
        decidedAt: new Date(now()).toISOString(),
        regime: settings.regime,
      });
      write(next);
      source = from;
      decision.value = next;
      view.value = null;
    },
    reset() {
      write(null);
      source = null;
      decision.value = null;
      view.value = 'banner';
    },
    show(next) {
      view.value = next;
    },
    isRead: () => readOnce || fetched !== null,
    whenRead(run) {
      if (!fetching || readOnce) {
        run();
        return;
      }
      let ran = false;
      const once = () => {
        if (ran) return;
        ran = true;
        run();
      };
      waiting.push(once);
      void fetching.then(once);
      setTimeout(() => void decision.value, FETCH_PATIENCE_MS);
    },
    refresh() {
      void decision.value; // the choice as first read (from the early fetch if it is back), before reading again
      const next = read();
      const same = (a: Decision | null) => (a ? encodeDecision(a) : '');
      if (same(next) === same(decision.value)) return;
      source = null;
      decision.value = next;
      if (!next && !view.value) view.value = 'banner';
      if (next && view.value === 'banner') view.value = null;
    },
  };
}

/** The raw values stored under `name`, fetched without blocking; undefined without the Cookie Store API. */
function fetchValues(name: string): Promise<string[]> | undefined {
  const store = (globalThis as { cookieStore?: { getAll(name: string): Promise<{ value: string }[]> } }).cookieStore;
  if (!store || typeof store.getAll !== 'function') return undefined;
  try {
    return store.getAll(name).then((cookies) => cookies.map((cookie) => Cookies.converter.read(cookie.value, name)));
  } catch {
    return undefined;
  }
}
