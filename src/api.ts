import type { Settings } from './config/types';
import { type Choices, type Decision, everything, isKnown } from './consent/decision';
import type { Events } from './events';
import { guard, logError } from './log';
import type { Store } from './store';

/** `window.Consent`. */
export interface ConsentApi {
  /** The current decision, or `null` before the visitor has decided. */
  get(): Decision | null;
  /** Whether a category or a service is allowed now. */
  allowed(name: string): boolean;
  acceptAll(): void;
  rejectAll(): void;
  /** Changes some categories (and `services`), keeping the rest. */
  set(choices: Choices): void;
  showBanner(): void;
  showPreferences(): void;
  hide(): void;
  /** Forgets the decision; the banner shows again. */
  reset(): void;
  on: Events['on'];
}

/** A thin facade over the store: every call is guarded, bad arguments change nothing. */
export function createApi(store: Store, events: Events): ConsentApi {
  const { settings } = store;
  return guarded({
    get: () => store.decision.value,
    allowed: (name: string) => store.allowed(name),
    acceptAll: () => store.decide(everything(settings, true), 'api'),
    rejectAll: () => store.decide(everything(settings, false), 'api'),
    set(choices: Choices) {
      const problem = checkChoices(settings, choices);
      if (problem) logError(`Consent.set() changed nothing: ${problem}.`);
      else store.decide(choices, 'api');
    },
    showBanner: () => store.show('banner'),
    showPreferences: () => store.show('preferences'),
    hide: () => store.show(null),
    reset: () => store.reset(),
    on: events.on,
  });
}

/**
 * What `window.Consent` is when the config is unusable: the same calls, so that
 * the site's code keeps working, but nothing is ever allowed.
 */
export function createClosedApi(events: Events, reason: string): ConsentApi {
  const refuse = () => logError(`nothing can be allowed: ${reason}.`);
  return guarded({
    get: () => null,
    allowed: () => false,
    acceptAll: refuse,
    rejectAll: refuse,
    set: refuse,
    showBanner: refuse,
    showPreferences: refuse,
    hide: () => {},
    reset: refuse,
    on: events.on,
  });
}

// A bug in holdback becomes one console message; the call then returns
// undefined, which every caller reads as "not allowed".
function guarded(calls: ConsentApi): ConsentApi {
  const api = {} as Record<string, unknown>;
  for (const [name, call] of Object.entries(calls)) api[name] = guard(`Consent.${name}()`, call as (...args: unknown[]) => unknown, undefined);
  return Object.freeze(api) as unknown as ConsentApi;
}

function checkChoices(settings: Settings, choices: unknown): string | null {
  if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) return 'it takes an object such as { statistics: true }';
  for (const [name, value] of Object.entries(choices)) {
    if (name === 'services') {
      if (typeof value !== 'object' || value === null) return '"services" must be an object such as { "meta-pixel": false }';
      for (const [service, allowed] of Object.entries(value)) {
        const category = settings.categories.find((c) => c.name === service);
        if (category || !isKnown(settings, service)) return `"${service}" is not a service the config defines`;
        if (typeof allowed !== 'boolean') return `the value for the service "${service}" must be true or false`;
      }
    } else if (!settings.categories.some((c) => c.name === name)) {
      return `"${name}" is not a category the config defines`;
    } else if (typeof value !== 'boolean') {
      return `the value for "${name}" must be true or false`;
    }
  }
  return null;
}
