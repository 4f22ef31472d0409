import { batch, computed, type ReadonlySignal, signal } from '@preact/signals-core';
import { afterNextPaint } from './after-paint';
import type { Settings } from './config/types';
import { decodeDecision, encodeDecision, type StoredDecision } from './consent/cookie-codec';
import { allowsAnything, applyChoices, type Choices, type Decision, freezeDecision, isAllowed } from './consent/decision';
import { newConsentId } from './consent/id';
import type { Source } from './consent/record';
import { decisionCookie } from './decision-cookie';
import { logWarning } from './log';

/** Which part of the UI is open, if any. */
export type View = 'banner' | 'preferences' | null;

/** A change of the decision: what it is now and what it was. */
export interface Changed {
  decision: Decision | null;
  previous: Decision | null;
}

export interface Store {
  readonly settings: Settings;
  /** The current decision; the cookie is read the first time this is. */
  readonly decision: ReadonlySignal<Decision | null>;
  /** The last change of the decision on this page, null before the first; a new object for each. */
  readonly changed: ReadonlySignal<Changed | null>;
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
   * The same name on several domains or paths (left behind when a site changes
   * its cookie domain) makes choices seem to come back: once the cookie was
   * read, this deletes every copy and keeps the newest valid choice only.
   */
  repairDuplicates(): void;
  /**
   * Calls `run` once the stored choice can be read without blocking: at once
   * where there is no Cookie Store API or it was read already, else when the
   * asynchronous read is back (or, if it is slow, read synchronously after all).
   */
  whenRead(run: () => void): void;
  /** Whether `allowed` can answer now without reading the cookie synchronously. */
  isRead(): boolean;
}

/**
 * Whether a choice was made in holdback's own UI: the click's next paint must
 * be the UI closing, so what the choice sets off waits for that paint.
 */
export const madeInUi = (source: Source | null): boolean => source === 'banner' || source === 'preferences';

const DAY = 86_400_000;
// How long the early fetch may take before the choice is read synchronously
// after all: a browser that holds the fetch back must not hold back the page.
const FETCH_PATIENCE_MS = 150;

/** The single source of truth, and the only writer of the decision cookie. */
export function createStore(settings: Settings, now: () => number = Date.now): Store {
  const cookie = decisionCookie(settings.cookie);
  const lifetime = (decision: StoredDecision) =>
    allowsAnything(settings, { ...decision, regime: 'opt-in' }) ? settings.cookie.expiresAfterDays : settings.cookie.refusalExpiresAfterDays;
  let askedAgain = false;
  let source: Source | null = null;
  // A bad cookie is named once, not again each time another tab makes us re-read it.
  const warned = new Set<string>();
  // The newest valid choice when the cookie's name was found more than once.
  let duplicated: { newest: StoredDecision | null } | null = null;

  // The stored choice is decoded when first needed, not when holdback starts:
  // by then the early fetch is usually back (the banner waits for it). Waiting
  // ends when the choice was read anyway (by the gate, say), so that a fetch
  // that never settles cannot keep the banner away.
  let first: { decision: Decision | null } | null = null;
  const waiting: (() => void)[] = [];
  const readFirst = () => {
    if (!first) {
      first = { decision: read() };
      for (const run of waiting.splice(0)) queueMicrotask(run);
    }
    return first.decision;
  };
  const changed = signal<Changed | null>(null);
  const decision = computed(() => (changed.value ? changed.value.decision : readFirst()));
  const view = signal<View>(null);
  // Without the Cookie Store API nothing is gained by waiting: read now, as ever.
  if (!cookie.fetching) readFirst();

  function read(): Decision | null {
    const values = cookie.read() ?? [];
    let newest: StoredDecision | null = null;
    for (const value of values) {
      const decoded = decodeDecision(value);
      if ('problem' in decoded) {
        if (warned.has(value)) continue;
        warned.add(value);
        logWarning(`the stored choice in the cookie "${settings.cookie.name}" is ignored because ${decoded.problem}; the visitor is asked again.`);
      } else if (!newest || decoded.decidedAt > newest.decidedAt) {
        newest = decoded;
      }
    }
    if (values.length > 1) duplicated = { newest };
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

  const write = (next: StoredDecision | null) => {
    unsaved = undefined;
    cookie.write(next && encodeDecision(next), next ? lifetime(next) : undefined);
  };
  // A choice made in the UI is written after the click's next paint, before
  // the steps that follow it (after-paint.ts keeps the order): encoding it and
  // setting the cookie were a quarter of the click's script, 4 of 16 ms with
  // the CPU slowed down 4 times. Leaving the page first writes it at once; a
  // later write replaces it, and of it and another tab's choice the newer stays.
  let unsaved: StoredDecision | undefined;
  const save = () => {
    if (unsaved) write(unsaved);
  };

  const change = (next: Decision | null, nextView: (view: View) => View) => {
    const previous = decision.value;
    batch(() => {
      changed.value = { decision: next, previous };
      view.value = nextView(view.value);
    });
  };

  return {
    settings,
    decision,
    changed,
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
      if (madeInUi(from)) {
        if (!unsaved) {
          afterNextPaint(save);
          addEventListener('pagehide', save);
        }
        unsaved = next;
      } else {
        write(next);
      }
      source = from;
      change(next, () => null);
    },
    reset() {
      write(null);
      source = null;
      change(null, () => 'banner');
    },
    show(next) {
      view.value = next;
    },
    isRead: () => first !== null || cookie.fetched,
    whenRead(run) {
      if (!cookie.fetching || first) {
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
      void cookie.fetching.then(once);
      setTimeout(readFirst, FETCH_PATIENCE_MS);
    },
    refresh() {
      const current = decision.value; // the choice as first read (the early fetch's, if it is back), before reading again
      const next = read();
      if (unsaved) {
        // This tab's choice still waits for its paint to be written: the newer of the two stays.
        if (!next || next.decidedAt <= unsaved.decidedAt) return save();
        unsaved = undefined;
      }
      const same = (a: Decision | null) => (a ? encodeDecision(a) : '');
      if (same(next) === same(current)) return;
      source = null;
      change(next, (open) => (!next && !open ? 'banner' : next && open === 'banner' ? null : open));
    },
    repairDuplicates() {
      void decision.value; // the duplicates are known once the cookie is read
      if (!duplicated) return;
      const { newest } = duplicated;
      duplicated = null;
      cookie.removeEverywhere();
      if (newest) write(newest);
    },
  };
}
